"""What a paid order counts for in the discount tracker: the offer it used (a redemption, so savings and quotas are
exact) and, for a micro-profit service, the sale that earns the merchant's subsidy. Written once per order (the
keys are the order's), and reversed when its payment is refunded."""

from market import clock_source
from market.commerce.models import Order
from market.discounts.services.online import record_order_redemption, record_order_sale, reverse_order_record


def record_benefits(order: Order) -> None:
    """In the caller's transaction, with the order locked."""
    now = clock_source.now()
    changed = []
    if order.offer_id and order.redemption_id is None:
        order.redemption = record_order_redemption(
            offer=order.offer,
            location=order.location,
            resident=order.resident,
            group=order.group,
            amount_before=order.subtotal,
            saving=order.discount,
            at=now,
            idempotency_key=f"order-{order.pk}-redemption",
        )
        changed.append("redemption")
    if order.micro_profit and order.micro_profit_sale_id is None:
        order.micro_profit_sale = record_order_sale(
            service=order.service.micro_profit_service,
            location=order.location,
            resident=order.resident,
            quantity=order.quantity,
            unit_price=order.unit_price,
            at=now,
            idempotency_key=f"order-{order.pk}-sale",
        )
        changed.append("micro_profit_sale")
    if changed:
        order.save(update_fields=[*changed, "updated_at"])


def reverse_benefits(order: Order, *, reason: str) -> None:
    """The order's payment was refunded: its redemption and sale no longer count."""
    now = clock_source.now()
    if order.redemption_id:
        reverse_order_record(
            order.redemption, reason=reason, at=now, idempotency_key=f"order-{order.pk}-redemption-reversal"
        )
    if order.micro_profit_sale_id:
        reverse_order_record(
            order.micro_profit_sale, reason=reason, at=now, idempotency_key=f"order-{order.pk}-sale-reversal"
        )
