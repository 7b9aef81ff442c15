"""Every step of an order is written into its history (who, when, why, from which state) and announced after the
commit; every step locks the order row first, so that a webhook and a click at the same moment take turns."""

from market import clock_source
from market.commerce import signals
from market.commerce.models import Order, OrderEvent
from market.events import send_after_commit


def lock(order: Order) -> Order:
    return Order.objects.select_for_update().select_related("service", "organization").get(pk=order.pk)


def record(order: Order, action, actor, from_state: str = "", reason: str = "") -> OrderEvent:
    event = OrderEvent.objects.create(
        order=order,
        action=action,
        actor=actor,
        at=clock_source.now(),
        reason=reason,
        from_state=from_state,
        to_state=order.state,
    )
    send_after_commit(signals.order_changed, Order, order=order, action=action, actor=actor)
    return event
