"""The one place the domain reads the time from (licensing clocks, discounts, open now), so that tests and
the browser walk-throughs can move it.

A module-level setting rather than a context variable: a live test server answers in other threads, and they
must see the same moved clock.
"""

import datetime
from contextlib import contextmanager

from django.utils import timezone

_fixed_now: datetime.datetime | None = None


def now() -> datetime.datetime:
    return _fixed_now or timezone.now()


def today() -> datetime.date:
    """Today in the site's time zone (Asia/Shanghai), where working days are counted."""
    return timezone.localdate(now())


def set_now(moment: datetime.datetime | None) -> None:
    """Fix the clock at an aware moment; None lets it run with real time again."""
    global _fixed_now
    if moment is not None and timezone.is_naive(moment):
        raise ValueError("The licensing clock needs an aware datetime.")
    _fixed_now = moment


@contextmanager
def fixed_at(moment: datetime.datetime):
    previous = _fixed_now
    set_now(moment)
    try:
        yield
    finally:
        set_now(previous)
