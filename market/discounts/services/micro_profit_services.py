"""Micro-profit services: a merchant lists or re-prices a service under the bureau's cap, records sales to
residents who show their benefit code, with the subsidy they earn, and corrects a sale. The subsidy claims on
those sales are in `market/discounts/claims.py`.

A sale is tied to a resident and held to plausible volumes: it names the code its buyer showed (spent in the
sale's transaction), at most the service type's units in one sale and per resident a day (at all merchants
together), and a day far above the outlet's usual volume holds its sales for a reviewer (`sale_flags.py`).
"""

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts import codes, signals
from market.discounts.errors import DiscountError
from market.discounts.models import CodePurpose, Eligibility, MicroProfitSale, MicroProfitService
from market.discounts.services import sale_flags
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


def units_bought_today(resident, service_type, day) -> int:
    """What a resident bought of a kind of service on a day, at every merchant, net of corrections."""
    total = MicroProfitSale.objects.filter(
        resident=resident, service__service_type=service_type, sold_at__date=day
    ).aggregate(units=Sum("quantity"))["units"]
    return total or 0


def record_micro_profit_sale(
    *, service, location, quantity, code, staff, idempotency_key, ip_address=None
) -> MicroProfitSale:
    """A micro-profit service sold at the capped price to the resident whose benefit code was shown (typed,
    scanned, a card, or the counter pass of its check), with the subsidy it earns, for the subsidy claim.
    Refused, with nothing recorded, without a code, beyond the service type's limits, or for a holder who is not
    eligible today. A sale that takes the outlet's day far above its usual volume is recorded and held for a
    reviewer before it can be claimed."""
    require(staff, "discounts.serve_at_counter", service.organization)
    idempotency_key = require_text(idempotency_key, _("The request has no idempotency key."))
    existing = replayed_record(MicroProfitSale, idempotency_key, service.organization)
    if existing is not None:
        return existing
    if location.organization_id != service.organization_id:
        raise NotPermitted(_("This outlet does not belong to the service's merchant."))
    if not isinstance(quantity, int) or quantity < 1:
        raise DiscountError(_("Enter how many were sold."))
    service_type = service.service_type
    if not service.active or not service_type.in_force(clock_source.today()):
        raise DiscountError(_("This micro-profit service is not available today."))
    if quantity > service_type.max_units_per_sale:
        raise DiscountError(
            _("At most %(limit)d %(unit)s of %(type)s can be recorded in one sale.")
            % {"limit": service_type.max_units_per_sale, "unit": service_type.display_unit, "type": service_type}
        )
    if not (code or "").strip():
        raise DiscountError(
            _("Enter or scan the resident's benefit code: every micro-profit sale names the resident it was sold to.")
        )
    presented = codes.resolve(code, staff, ip_address, organization=service.organization)
    try:
        with transaction.atomic():
            existing = replayed_record(MicroProfitSale, idempotency_key, service.organization)
            if existing is not None:
                return existing
            # `use` locks the holder's code row: two counters selling to one resident at once take turns, so that
            # the daily limit holds.
            benefit_code = codes.use(
                presented, staff=staff, organization=service.organization, location=location, purpose=CodePurpose.SALE
            )
            sale = _record_sale(service, location, quantity, staff, idempotency_key, benefit_code, presented.kind)
    except IntegrityError:
        existing = replayed_record(MicroProfitSale, idempotency_key, service.organization)
        if existing is None:
            raise
        return existing
    return sale


def _record_sale(service, location, quantity, staff, idempotency_key, benefit_code, kind) -> MicroProfitSale:
    service_type = service.service_type
    now = clock_source.now()
    today = timezone.localdate(now)
    resident = benefit_code.resident
    if not Eligibility.objects.valid_on(today).filter(resident=resident).exists():
        raise DiscountError(_("The code's holder is not eligible today."))
    bought = units_bought_today(resident, service_type, today)
    if bought + quantity > service_type.max_units_per_resident_per_day:
        raise DiscountError(
            _(
                "This sale would take the code's holder beyond the limit of %(limit)d %(unit)s of %(type)s a day; "
                "%(left)d more can be sold to them today."
            )
            % {
                "limit": service_type.max_units_per_resident_per_day,
                "unit": service_type.display_unit,
                "type": service_type,
                "left": max(0, service_type.max_units_per_resident_per_day - bought),
            }
        )
    unit_price = service.resident_price
    subsidy_per_unit = service_type.subsidy_per_unit
    sale = MicroProfitSale.objects.create(
        organization=service.organization,
        service=service,
        location=location,
        benefit_code=benefit_code,
        resident=resident,
        code_kind=kind,
        staff=staff,
        quantity=quantity,
        unit_price=unit_price,
        amount_paid=unit_price * quantity,
        subsidy_per_unit=subsidy_per_unit,
        subsidy_amount=subsidy_per_unit * quantity,
        sold_at=now,
        idempotency_key=idempotency_key,
    )
    sale_flags.assess(sale)
    return sale


def reverse_micro_profit_sale(sale: MicroProfitSale, staff, reason, idempotency_key) -> MicroProfitSale:
    """Correct a mistaken sale with a reversing record; the original stays as it was."""
    reversal, _new = reverse_counter_record(
        sale, staff, reason, idempotency_key, _("This sale has already been reversed.")
    )
    return reversal
