"""The staff's acts on orders (a refund with a reason) and on approved subsidy claims (payment by Stripe transfer).

The transfer act is offered on the discounts claim page: discounts does not know commerce, so commerce hands the act
to the claim viewset through its `discounts_subsidy_claim_acts` hook (wagtail_hooks.py).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from market.commerce.models import Order, PaymentState
from market.commerce.services.refunds import refund_by_staff
from market.commerce.services.subsidies import pay_claim_by_transfer, why_no_transfer
from market.discounts.models import SubsidyClaimState
from market.staff_acts import StaffAct, StaffActs


class RefundForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the refund"),
        help_text=_("e.g. the merchant did not come. The resident and the merchant see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransferForm(forms.Form):
    """Nothing to ask: the amount is recomputed from the claim's records, to the fen."""


def _refundable(order, user) -> bool:
    return (
        order.state in (Order.S.PLACED, Order.S.ACCEPTED, Order.S.COMPLETED)
        and order.payments.filter(state=PaymentState.PAID).exists()
    )


ORDER_ACTS = StaffActs(
    [
        StaffAct(
            name="refund",
            log_action="commerce.refund_order",
            label=_("Refund with a reason"),
            permission="commerce.refund_order",
            form_class=RefundForm,
            offered_when=_refundable,
            perform=lambda order, user, data: refund_by_staff(order, user, data["reason"]),
            success=_("The refund is requested from Stripe; the order shows when it is done."),
            style="button no",
        ),
    ]
)

CLAIM_TRANSFER_ACT = StaffAct(
    name="pay_claim_by_transfer",
    log_action="commerce.pay_claim_by_transfer",
    label=_("Pay by Stripe transfer"),
    permission="commerce.transfer_subsidy",
    form_class=TransferForm,
    offered_when=lambda claim, user: claim.state == SubsidyClaimState.APPROVED,
    unavailable_because=lambda claim, user: why_no_transfer(claim),
    perform=lambda claim, user, data: pay_claim_by_transfer(claim, user),
    success=_("The subsidy is transferred to the merchant's Stripe account; the claim is paid."),
    style="button",
)

CLAIM_ACTS = StaffActs([CLAIM_TRANSFER_ACT])
