from django import forms
from django.utils.translation import gettext_lazy as _

OBJECTION_MAX_LENGTH = 2000


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your objection"),
        max_length=OBJECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Say what you object to and why, e.g. the outlet's address or the merchant's record. "
            "The bureau's reviewers read every objection and answer it before they decide."
        ),
    )


class PageSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site's pages"), max_length=200, required=False)
