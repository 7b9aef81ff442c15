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


class ApproveClaimForm(forms.Form):
    note = forms.CharField(label=_("Remarks on the decision"), required=False, widget=TEXTAREA)


class RejectClaimForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons for the rejection"), widget=TEXTAREA)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount paid (yuan)"), max_digits=12, decimal_places=2, min_value=Decimal("0"))
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=100)
