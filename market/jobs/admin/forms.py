"""The staff's action form: what taking a post down needs. The service checks it again and decides."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for taking the post down"),
        help_text=_("The merchant sees this reason on its post and in an email. Name the rule the post breaks."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
