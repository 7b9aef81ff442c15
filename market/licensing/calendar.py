"""Working days under Art. 82 of the Administrative Licensing Law: weekends and statutory holidays excluded,
make-up working days (调休上班) included. The exceptions to the weekly pattern are `CalendarDay` rows that
administrators edit.

Counting follows practice: the day after the starting day is day 1. Each calculation reads the rows of its
range in one query through a `WorkingCalendar`.

A year counts only once its calendar is complete (a `HolidayCalendarYear`): asked about a day of a year without
one, the calendar raises `CalendarMissing` instead of guessing that the year has no holidays.
"""

import datetime

from django.utils.translation import gettext_lazy as _

from market.licensing.errors import LicensingError
from market.licensing.models import CalendarDay, CalendarDayKind, HolidayCalendarYear

ONE_DAY = datetime.timedelta(days=1)
# The longest run of non-working days in a Chinese year (春节 with its weekends) is under two weeks.
SLACK_DAYS = 21


class CalendarMissing(LicensingError):
    """A working day was to be counted in a year whose holiday calendar nobody has entered."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _(
                "The holiday calendar for %(year)s has not been entered, so working days cannot be counted into "
                "that year. An administrator must load it (manage.py refresh_holiday_calendar) or enter it under "
                "Licensing settings."
            )
            % {"year": year}
        )


def covered_years() -> set[int]:
    return set(HolidayCalendarYear.objects.values_list("year", flat=True))


class WorkingCalendar:
    """The working days of a date range, loaded at once (two queries: the days and the years covered)."""

    def __init__(self, first: datetime.date, last: datetime.date):
        self.first = first
        self.last = last
        rows = CalendarDay.objects.filter(date__range=(first, last)).values_list("date", "kind")
        self.holidays = {date for date, kind in rows if kind == CalendarDayKind.PUBLIC_HOLIDAY}
        self.make_up_days = {date for date, kind in rows if kind == CalendarDayKind.MAKE_UP_WORKING_DAY}
        self.years = set(
            HolidayCalendarYear.objects.filter(year__range=(first.year, last.year)).values_list("year", flat=True)
        )

    def is_working_day(self, day: datetime.date) -> bool:
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside the loaded range {self.first}–{self.last}")
        if day.year not in self.years:
            raise CalendarMissing(day.year)
        if day in self.make_up_days:
            return True
        if day in self.holidays:
            return False
        return day.isoweekday() <= 5

    def working_days_after(self, start: datetime.date, end: datetime.date) -> list[datetime.date]:
        """The working days d with start < d <= end."""
        days = []
        day = start + ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                days.append(day)
            day += ONE_DAY
        return days

    def add_working_days(self, start: datetime.date, count: int) -> datetime.date | None:
        """The date of working day `count` after `start`, or None if it falls beyond the loaded range."""
        if count < 0:
            raise ValueError("Count working days forwards only.")
        day = start
        remaining = count
        while remaining:
            day += ONE_DAY
            if day > self.last:
                return None
            if self.is_working_day(day):
                remaining -= 1
        return day


def is_working_day(day: datetime.date) -> bool:
    return WorkingCalendar(day, day).is_working_day(day)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`; 0 when `end` is not after `start`."""
    if end <= start:
        return 0
    return len(WorkingCalendar(start, end).working_days_after(start, end))


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The due date `count` working days after `start` (the next day is day 1)."""
    span = count * 7 // 5 + SLACK_DAYS
    while True:
        result = WorkingCalendar(start, start + datetime.timedelta(days=span)).add_working_days(start, count)
        if result is not None:
            return result
        span *= 2
