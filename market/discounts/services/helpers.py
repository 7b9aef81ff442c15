"""What the discount services share: amounts of money as typed, date arithmetic for validity and quota periods,
and sending a discounts signal once the transaction has committed.
"""

import calendar
import datetime
import logging
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

from market.discounts.errors import DiscountError
from market.discounts.models import QuotaPeriod

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")


def positive_amount(value, message) -> Decimal:
    """An amount typed in yuan, rounded to the fen; refused with `message` unless it is a number above zero."""
    try:
        amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as error:
        raise DiscountError(message) from error
    if amount <= 0:
        raise DiscountError(message)
    return amount


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day some months later, or the month's last day where it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def period_start(period: str, day: datetime.date) -> datetime.datetime:
    """The start, in Nanjing time, of the day, week (from Monday) or month that contains a day."""
    if period == QuotaPeriod.WEEK:
        day -= datetime.timedelta(days=day.weekday())
    elif period == QuotaPeriod.MONTH:
        day = day.replace(day=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
