"""The resident's bookings on their account page, and the colour of an order's state badge."""

from django import template

from market.commerce.models import OrderState
from market.commerce.services.receipts import resident_orders

register = template.Library()

OPEN_STATES = [OrderState.AWAITING_PAYMENT, OrderState.PLACED, OrderState.ACCEPTED]

# templates/includes/badge.html: the colour; the label always says the state too.
BADGES = {
    OrderState.AWAITING_PAYMENT: "warning",
    OrderState.PLACED: "info",
    OrderState.ACCEPTED: "info",
    OrderState.COMPLETED: "success",
    OrderState.DECLINED: "danger",
    OrderState.CANCELLED: "neutral",
    OrderState.REFUNDED: "neutral",
    OrderState.ABANDONED: "warning",
}


@register.filter
def order_badge(state) -> str:
    return BADGES.get(state, "neutral")


@register.simple_tag
def resident_bookings(user) -> dict:
    """The account page's card: how many orders are open, the latest three of them, and how many in all."""
    orders = resident_orders(user)
    open_orders = orders.filter(state__in=OPEN_STATES)
    return {"open": open_orders.count(), "latest": list(open_orders[:3]), "total": orders.count()}
