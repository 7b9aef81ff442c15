"""The platform's clock (market/clock_source) in tests: fixed at a moment, moved by the test, let go after.

The `clock` fixture (tests/conftest.py) starts on WEDNESDAY; a suite that starts elsewhere overrides it with
`clock_at(its day)`.
"""

import datetime
from contextlib import contextmanager

from django.utils import timezone

from market import clock_source

# Wednesday 11 March 2026, 10:00 in Nanjing: an ordinary working week.
WEDNESDAY = datetime.date(2026, 3, 11)


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class Clock:
    def set(self, day: datetime.date, hour: int = 10, minute: int = 0):
        clock_source.set_now(at(day, hour, minute))

    def advance(self, **delta):
        clock_source.set_now(clock_source.now() + datetime.timedelta(**delta))

    def today(self) -> datetime.date:
        return clock_source.today()


@contextmanager
def clock_at(day: datetime.date, hour: int = 10):
    clock = Clock()
    clock.set(day, hour)
    try:
        yield clock
    finally:
        clock_source.set_now(None)
