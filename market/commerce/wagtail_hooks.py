"""Registers the marketplace's screens in the Wagtail admin under "Bookings and payments", their permission policy
(staff who may read the ledger view; nobody edits), the admin log's names for the staff's acts, and the act that
pays an approved subsidy claim by Stripe transfer, handed to the discounts claim page through its hook; and the
services the merchant sells on Linli, on the register's public merchant page.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from market.commerce.admin.acts import CLAIM_ACTS, ORDER_ACTS
from market.commerce.admin.permissions import LedgerStaffPolicy
from market.commerce.admin.viewsets import BookingsAndPaymentsGroup
from market.commerce.models import Order, Payment, PaymentAccount, Refund, SubsidyTransfer, WebhookEvent
from market.commerce.views import merchant_section
from market.discounts.admin.claims import CLAIM_ACTS_HOOK

for model in (Order, Payment, Refund, WebhookEvent, PaymentAccount, SubsidyTransfer):
    register_permission_policy(model, LedgerStaffPolicy(model))


@hooks.register("register_admin_viewset")
def register_bookings_and_payments():
    return BookingsAndPaymentsGroup()


@hooks.register(CLAIM_ACTS_HOOK)
def subsidy_claim_acts():
    """The approver pays an approved claim into the merchant's connected account."""
    return CLAIM_ACTS


@hooks.register("register_log_actions")
def register_staff_acts(actions):
    for acts in (ORDER_ACTS, CLAIM_ACTS):
        acts.register_log_actions(actions, describe=lambda act: _("Payments: %(act)s") % {"act": act.label})


@hooks.register("registry_merchant_page_sections", order=5)
def bookable_services_section(request, organization):
    """Prices, capped prices, the resident's own price and offers, and a "Book" link per service."""
    return merchant_section(request, organization)
