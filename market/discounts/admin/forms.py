"""The staff's action forms. Each asks for what the act needs; the service checks it again and decides."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class VerifyForm(forms.Form):
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        help_text=_("Leave empty for the group's usual validity from today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"), help_text=_("The resident is told this reason."), widget=TEXTAREA
    )


class CheckClaimForm(forms.Form):
    note = forms.CharField(
        label=_("What you checked"),
        required=False,
        widget=TEXTAREA,
        help_text=_("e.g. the sales against the counter's records. Another member of staff approves the claim."),
    )


class ApproveClaimForm(forms.Form):
    note = forms.CharField(label=_("Remarks on the decision"), required=False, widget=TEXTAREA)


class RejectClaimForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons for the rejection"), widget=TEXTAREA)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount paid (yuan)"), max_digits=12, decimal_places=2, min_value=Decimal("0"))
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=100)


class ClearFlagForm(forms.Form):
    note = forms.CharField(
        label=_("What you checked"), widget=TEXTAREA, help_text=_("e.g. a community event at the outlet that day.")
    )


class RejectFlagForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, help_text=_("The merchant sees this reason."))


class RevokeCardForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, help_text=_("e.g. reported lost by the resident."))


class IssueCardForm(forms.Form):
    id_number = forms.CharField(
        label=_("The resident's ID number"),
        max_length=30,
        help_text=_("As on the resident's ID card; the resident's eligibility must be verified."),
    )
