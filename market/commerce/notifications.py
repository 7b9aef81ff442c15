"""Emails of the marketplace, each in its reader's language: the resident hears when their order is paid,
accepted, declined (with the merchant's reason), completed or refunded; the merchant hears of a new order (paid
online, or to be paid at the counter) and of a cancellation.

Each renders `commerce/email/<notice>.txt` and `<notice>_subject.txt` through `market.mail.send_notice`. The
receiver calls `order_changed` after the commit, so a step that rolled back tells nobody anything.
"""

from market.commerce.models import Order, OrderAction, PaymentMethod
from market.mail import absolute_url, language_of, send_notice

RESIDENT_NOTICES = {
    OrderAction.PAID: "order_paid",
    OrderAction.ACCEPTED: "order_accepted",
    OrderAction.DECLINED: "order_declined",
    OrderAction.COMPLETED: "order_completed",
    OrderAction.REFUNDED: "order_refunded",
}


def _send(notice: str, order: Order, *, person, addresses, page="commerce:order", **context) -> None:
    language = language_of(person)
    context = {
        **context,
        "order": order,
        "organization": order.organization,
        "person": person,
        "link": absolute_url(page, [order.number], language=language),
    }
    send_notice(f"commerce/email/{notice}", context, language=language, to=addresses)


def _last(order: Order, action):
    return order.events.filter(action=action).order_by("-at", "-pk").first()


def _reason(order: Order, action) -> str:
    event = _last(order, action)
    return event.reason if event else ""


def order_changed(order: Order, action) -> None:
    # Read afresh: the event carries the order as it was when the step was recorded.
    order = Order.objects.select_related("organization__owner", "resident", "location", "service").get(pk=order.pk)
    notice = RESIDENT_NOTICES.get(action)
    if notice is not None:
        _send(
            notice,
            order,
            person=order.resident,
            addresses=[order.resident.email],
            reason=_reason(order, OrderAction.DECLINED) if action == OrderAction.DECLINED else "",
        )
    new_order = action == OrderAction.PAID or (
        action == OrderAction.PLACED and order.payment_method == PaymentMethod.COUNTER
    )
    if new_order:
        _to_merchant("new_order", order)
    elif action == OrderAction.CANCELLED and _merchant_knew(order):
        _to_merchant("order_cancelled", order, reason=_reason(order, OrderAction.CANCELLED))


def _merchant_knew(order: Order) -> bool:
    """An order cancelled before it was paid never reached the merchant: it is not told of it."""
    event = _last(order, OrderAction.CANCELLED)
    return event is not None and event.from_state in (Order.S.PLACED, Order.S.ACCEPTED)


def _to_merchant(notice: str, order: Order, **context) -> None:
    owner = order.organization.owner
    # The merchant's own page of the order, in the portal (the resident's page is the resident's alone).
    _send(
        notice,
        order,
        person=owner,
        addresses=[getattr(owner, "email", ""), order.organization.email],
        page="commerce_portal:order",
        **context,
    )
