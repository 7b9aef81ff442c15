from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from market.accounts.models import User
from market.accounts.roles import Role


class SignUpForm(UserCreationForm):
    """Open sign-up is for residents and merchants; bureau roles are given by an administrator."""

    account_type = forms.ChoiceField(
        label=_("I am signing up as"),
        choices=[(Role.RESIDENT.value, _("A resident")), (Role.MERCHANT.value, _("A merchant"))],
        initial=Role.RESIDENT.value,
        widget=forms.RadioSelect,
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email", "phone")
        labels = {"username": _("User name")}
        help_texts = {"email": _("We send password resets and application news here.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    @property
    def role(self) -> Role:
        return Role(self.cleaned_data["account_type"])
