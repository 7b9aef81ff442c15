"""The staff's act forms. Each asks for what the act needs; the service checks it again and decides."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from market.accounts.roles import Role
from market.feedback import services
from market.feedback.models import ComplaintOutcome

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note for the record"), required=False, widget=TEXTAREA)


class ReasonToAuthorForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), help_text=_("The author is told this reason; do not quote the reports."), widget=TEXTAREA
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Reviewer"), queryset=get_user_model().objects.none())
    note = forms.CharField(label=_("Note for the record"), required=False, widget=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model().objects.filter(groups__name=Role.REVIEWER.value, is_active=True).order_by("username")
        )


class AskMerchantForm(forms.Form):
    request = forms.CharField(
        label=_("What the merchant is asked"),
        help_text=_(
            "The merchant reads only this, never the complaint: summarise what is alleged and ask your questions. "
            "Do not name the complainant or give their contact details."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    working_days = forms.IntegerField(
        label=_("Working days to respond"),
        initial=services.DEFAULT_MERCHANT_RESPONSE_WORKING_DAYS,
        min_value=1,
        max_value=services.MAXIMUM_MERCHANT_RESPONSE_WORKING_DAYS,
        help_text=_("Counted on the licensing calendar: weekends and public holidays do not count."),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ComplaintOutcome.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Reasons"),
        help_text=_(
            "The complainant and the merchant both read these reasons: explain what was found and what follows, "
            "without naming the complainant."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PhoneCallForm(forms.Form):
    note = forms.CharField(
        label=_("The call"), help_text=_("When you called and who you spoke to."), required=False, widget=TEXTAREA
    )
