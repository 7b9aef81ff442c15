"""Sales above an outlet's usual volume are held for a reviewer before they can be claimed.

An outlet's usual day, for a kind of micro-profit service, is the median of its daily units (net of corrections)
over the last 28 days on which it sold any. A sale is flagged when it takes the outlet's day beyond the service
type's multiple of that (3 by default), or beyond the type's daily units when there is no history or little
(`review_above_daily_units`, 50 by default): whichever is higher. Every later sale of that day is flagged too.
A reviewer clears a flag (the sale may be claimed) or rejects it (it never may be); either way with a note.
"""

import datetime
import math
import statistics
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts.errors import DiscountError
from market.discounts.models import FlagReason, MicroProfitSale, SaleFlag
from market.guards import move, require, require_text

HISTORY_DAYS = 28
ALREADY_REVIEWED = _("This flag has already been reviewed.")


def _same_kind_at_outlet(sale):
    return MicroProfitSale.objects.filter(location=sale.location, service__service_type=sale.service.service_type)


def usual_daily_units(sale, day: datetime.date) -> Decimal | None:
    """The median of the outlet's daily units of this kind over the 28 days before `day` with any sale."""
    since = day - datetime.timedelta(days=HISTORY_DAYS)
    days = (
        _same_kind_at_outlet(sale)
        .filter(sold_at__date__gte=since, sold_at__date__lt=day)
        .annotate(day=TruncDate("sold_at"))
        .order_by()
        .values("day")
        .annotate(units=Sum("quantity"))
        .values_list("units", flat=True)
    )
    totals = [units for units in days if units > 0]
    if not totals:
        return None
    return Decimal(str(statistics.median(totals))).quantize(Decimal("0.1"))


def threshold_for(service_type, usual: Decimal | None) -> int:
    floor = service_type.review_above_daily_units
    if usual is None:
        return floor
    return max(floor, math.ceil(usual * service_type.usual_volume_factor))


def assess(sale: MicroProfitSale) -> SaleFlag | None:
    """Flag a sale just recorded if it takes the outlet's day beyond its usual volume (in its transaction)."""
    day = timezone.localdate(sale.sold_at)
    units = (
        _same_kind_at_outlet(sale).filter(sold_at__date=day).aggregate(units=Sum("quantity"))["units"] or 0
    )
    usual = usual_daily_units(sale, day)
    threshold = threshold_for(sale.service.service_type, usual)
    if units <= threshold:
        return None
    return SaleFlag.objects.create(
        sale=sale,
        reason=FlagReason.VOLUME,
        units_that_day=units,
        usual_daily_units=usual,
        threshold=threshold,
        flagged_at=clock_source.now(),
    )


def _review(flag, reviewer, transition, note) -> SaleFlag:
    require(reviewer, "discounts.review_sale_flag", flag)
    with transaction.atomic():
        locked = SaleFlag.objects.select_for_update().get(pk=flag.pk)
        move(locked, transition, ALREADY_REVIEWED, error=DiscountError)
        locked.reviewed_by = reviewer
        locked.reviewed_at = clock_source.now()
        locked.review_note = note
        locked.save()
    flag.refresh_from_db()
    return locked


def clear_sale_flag(flag: SaleFlag, reviewer, note) -> SaleFlag:
    """The reviewer has checked the day's sales with the merchant: the sale may be claimed."""
    note = require_text(note, _("Say what you checked, e.g. a community event that day."), error=DiscountError)
    return _review(flag, reviewer, "clear", note)


def reject_sale_flag(flag: SaleFlag, reviewer, reason) -> SaleFlag:
    """The sale is not credible: it can never be claimed; the merchant sees the reason."""
    reason = require_text(reason, _("Give the reason; the merchant will see it."), error=DiscountError)
    return _review(flag, reviewer, "reject", reason)
