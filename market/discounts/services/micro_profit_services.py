"""Micro-profit services: a merchant lists or re-prices a service under the bureau's cap, records sales with the
subsidy they earn, and corrects a sale. The subsidy claims on those sales are in `market/discounts/claims.py`.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts import signals
from market.discounts.errors import DiscountError
from market.discounts.models import MicroProfitSale, MicroProfitService
from market.discounts.services.counter_records import replayed_record, reverse_counter_record
from market.discounts.services.helpers import positive_amount
from market.errors import NotPermitted
from market.events import send_after_commit
from market.guards import require, require_text


@transaction.atomic
def save_micro_profit_service(service: MicroProfitService, staff, *, locations=()) -> MicroProfitService:
    """List or re-price a merchant's micro-profit service; a price above the bureau's cap is refused."""
    require(staff, "discounts.manage_offers", service.organization)
    service_type = service.service_type
    if not service_type.in_force(clock_source.today()):
        raise DiscountError(_("The bureau's terms for %(type)s are not in force.") % {"type": service_type})
    if not service.organization.categories.filter(pk=service_type.category_id).exists():
        raise DiscountError(
            _("Your business is not registered in the category %(category)s.") % {"category": service_type.category}
        )
    price = positive_amount(service.price, _("Enter the price in yuan."))
    if price > service_type.price_cap:
        raise DiscountError(
            _("The price ¥%(price)s is above the cap of ¥%(cap)s that the bureau set for %(type)s.")
            % {"price": price, "cap": service_type.price_cap, "type": service_type}
        )
    locations = list(locations)
    if any(location.organization_id != service.organization_id for location in locations):
        raise DiscountError(_("Choose only your own outlets."))
    service.price = price
    service.full_clean()
    service.save()
    service.locations.set(locations)
    send_after_commit(signals.micro_profit_service_changed, MicroProfitService, service=service, actor=staff)
    return service


def record_micro_profit_sale(*, service, location, quantity, staff, idempotency_key) -> MicroProfitSale:
    """A micro-profit service sold at the capped price, with the subsidy it earns, for the subsidy claim."""
    require(staff, "discounts.serve_at_counter", service.organization)
    idempotency_key = require_text(idempotency_key, _("The request has no idempotency key."))
    existing = replayed_record(MicroProfitSale, idempotency_key, service.organization)
    if existing is not None:
        return existing
    if location.organization_id != service.organization_id:
        raise NotPermitted(_("This outlet does not belong to the service's merchant."))
    if not isinstance(quantity, int) or quantity < 1:
        raise DiscountError(_("Enter how many were sold."))
    if not service.active or not service.service_type.in_force(clock_source.today()):
        raise DiscountError(_("This micro-profit service is not available today."))
    unit_price = service.resident_price
    subsidy_per_unit = service.service_type.subsidy_per_unit
    try:
        with transaction.atomic():
            return MicroProfitSale.objects.create(
                organization=service.organization,
                service=service,
                location=location,
                staff=staff,
                quantity=quantity,
                unit_price=unit_price,
                amount_paid=unit_price * quantity,
                subsidy_per_unit=subsidy_per_unit,
                subsidy_amount=subsidy_per_unit * quantity,
                sold_at=clock_source.now(),
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        existing = replayed_record(MicroProfitSale, idempotency_key, service.organization)
        if existing is None:
            raise
        return existing


def reverse_micro_profit_sale(sale: MicroProfitSale, staff, reason, idempotency_key) -> MicroProfitSale:
    """Correct a mistaken sale with a reversing record; the original stays as it was."""
    reversal, _new = reverse_counter_record(
        sale, staff, reason, idempotency_key, _("This sale has already been reversed.")
    )
    return reversal
