"""Who may do what in the marketplace (object-level: a resident with their own orders, a merchant with orders to
its own shop). Services check these with `user.has_perm(...)`, object by object."""

import rules

from market.accounts.rules import (
    is_approver,
    is_bureau_staff,
    is_merchant,
    is_resident,
    works_for_merchant,
)


@rules.predicate
def own_order(user, order) -> bool:
    return order is not None and user.is_authenticated and order.resident_id == user.pk


@rules.predicate
def order_to_own_shop(user, order) -> bool:
    return order is not None and user.is_authenticated and order.organization.owner_id == user.pk


@rules.predicate
def service_of_own_shop(user, service) -> bool:
    return service is not None and user.is_authenticated and service.organization.owner_id == user.pk


# The merchant: its catalogue, its payment account, and the orders to its shop.
rules.add_perm("commerce.sell_online", is_merchant & works_for_merchant)
rules.add_perm("commerce.manage_bookable_service", is_merchant & service_of_own_shop)
rules.add_perm("commerce.fulfil_order", is_merchant & order_to_own_shop)
# The resident: booking, paying, cancelling their own orders.
rules.add_perm("commerce.book", is_resident)
rules.add_perm("commerce.pay_order", is_resident & own_order)
rules.add_perm("commerce.cancel_order", is_resident & own_order)
# Orders and receipts are seen by the resident, the shop, and the bureau.
rules.add_perm("commerce.view_order", own_order | (is_merchant & order_to_own_shop) | is_bureau_staff)
# The bureau: refunds with a reason, subsidy transfers (an approver, as for recording a payment).
rules.add_perm("commerce.refund_order", is_bureau_staff & ~order_to_own_shop)
rules.add_perm("commerce.view_ledger", is_bureau_staff)
rules.add_perm("commerce.transfer_subsidy", is_approver)
