"""The resident's bookings on their account page, and the colour of an order's state badge."""

from django import template

from market.commerce.models import Order, OrderState
from market.commerce.services.receipts import resident_orders

register = template.Library()

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
    orders = resident_orders(user)
    return {
        "open": orders.filter(state__in=[Order.S.AWAITING_PAYMENT, Order.S.PLACED, Order.S.ACCEPTED]).count(),
        "latest": list(orders[:3]),
        "total": orders.count(),
    }
