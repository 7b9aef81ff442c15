"""Records written from orders paid online through Linli. The order is the proof of the sale, so no code is shown
and no member of staff records them; the caller (commerce) passes what the order fixed when it was placed, and a
refund reverses them the way a counter correction does.

The quotas and daily limits were checked when the order was placed; the resident has paid that price since, so
the record is written as agreed rather than refused afterwards.
"""

from django.db import IntegrityError, transaction

from market.discounts.models import Channel, CounterRecord, MicroProfitSale, Redemption
from market.discounts.services import sale_flags
from market.discounts.services.counter_records import replayed_record


def _once(model, idempotency_key, organization, create) -> CounterRecord:
    """The record the key already made (a replayed payment event), else a new one made by `create`."""
    existing = replayed_record(model, idempotency_key, organization)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        return model.objects.get(idempotency_key=idempotency_key)


def record_order_redemption(
    *, offer, location, resident, group, amount_before, saving, at, idempotency_key
) -> Redemption:
    """The offer an order used, counted like a redemption at the counter (quotas, savings, reports)."""
    return _once(
        Redemption,
        idempotency_key,
        offer.organization,
        lambda: Redemption.objects.create(
            channel=Channel.ONLINE,
            offer=offer,
            organization=offer.organization,
            location=location,
            resident=resident,
            group=group,
            amount_before=amount_before,
            saving=saving,
            amount_paid=amount_before - saving,
            redeemed_at=at,
            idempotency_key=idempotency_key,
        ),
    )


def record_order_sale(*, service, location, resident, quantity, unit_price, at, idempotency_key) -> MicroProfitSale:
    """A micro-profit service sold through a paid order, with the subsidy it earns for the merchant's claim."""

    def create():
        subsidy_per_unit = service.service_type.subsidy_per_unit
        sale = MicroProfitSale.objects.create(
            channel=Channel.ONLINE,
            organization=service.organization,
            service=service,
            location=location,
            resident=resident,
            quantity=quantity,
            unit_price=unit_price,
            amount_paid=unit_price * quantity,
            subsidy_per_unit=subsidy_per_unit,
            subsidy_amount=subsidy_per_unit * quantity,
            sold_at=at,
            idempotency_key=idempotency_key,
        )
        sale_flags.assess(sale)
        return sale

    return _once(MicroProfitSale, idempotency_key, service.organization, create)


def reverse_order_record(record: CounterRecord, *, reason, at, idempotency_key) -> CounterRecord:
    """A refunded order's redemption or sale, reversed by a second record; the original stays as it was."""
    model = type(record)
    return _once(
        model,
        idempotency_key,
        record.organization,
        lambda: model.objects.create(
            **record.reversing_values(at), idempotency_key=idempotency_key, reverses=record, reason=reason
        ),
    )
