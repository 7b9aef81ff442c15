"""The holiday calendar kept from a maintained source: the `chinesecalendar` package, which follows the State
Council General Office's yearly notices, with administrators' entries kept on top.

`refresh_from_package()` (run by `manage.py refresh_holiday_calendar`, and by the demo loader) writes the
package's holidays and make-up working days as published days and marks each of its years complete; a day an
administrator entered or edited is never touched, and a published day the package no longer lists is removed.

The State Council publishes the next year's calendar in autumn; from 1 November a missing next year is reported
by a system check and on the staff dashboard, and the clocks refuse to count into it (calendar.CalendarMissing).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from market.licensing.models import CalendarDay, CalendarDayKind, CalendarSource, HolidayCalendarYear

# When the next year's calendar is expected: the State Council usually publishes it in October or November.
WARN_FROM = (11, 1)

# The package's English holiday names, with their Chinese names.
HOLIDAY_NAMES = {
    "New Year's Day": ("元旦", "New Year's Day"),
    "Spring Festival": ("春节", "Spring Festival"),
    "Tomb-sweeping Day": ("清明节", "Qingming Festival"),
    "Labour Day": ("劳动节", "Labour Day"),
    "Dragon Boat Festival": ("端午节", "Dragon Boat Festival"),
    "National Day": ("国庆节", "National Day"),
    "Mid-autumn Festival": ("中秋节", "Mid-Autumn Festival"),
    "Anti-Fascist 70th Day": ("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日", "Victory Day (70th anniversary)"),
}


@dataclass(frozen=True)
class PublishedDay:
    date: datetime.date
    kind: str
    name: str
    name_en: str


def package_days(years=None) -> list[PublishedDay]:
    """The holidays and make-up working days the package knows, for the years given (all by default)."""
    from chinese_calendar import constants

    days = []
    for table, kind in ((constants.holidays, CalendarDayKind.PUBLIC_HOLIDAY), (constants.workdays, None)):
        for date, holiday in table.items():
            if years is not None and date.year not in years:
                continue
            if kind is None:
                # The package lists every weekday as a working day of its holiday; only weekend days worked are
                # exceptions to the week.
                if date.isoweekday() <= 5:
                    continue
                day_kind = CalendarDayKind.MAKE_UP_WORKING_DAY
            else:
                day_kind = kind
            english = str(holiday)
            name, name_en = HOLIDAY_NAMES.get(english, (english, english))
            if day_kind == CalendarDayKind.MAKE_UP_WORKING_DAY:
                name, name_en = f"{name}调休上班", f"{name_en} make-up working day"
            days.append(PublishedDay(date, day_kind, name, name_en))
    return sorted(days, key=lambda day: day.date)


def package_years() -> list[int]:
    return sorted({day.date.year for day in package_days() if day.kind == CalendarDayKind.PUBLIC_HOLIDAY})


@dataclass(frozen=True)
class RefreshResult:
    created: int
    updated: int
    removed: int
    kept: int  # administrators' days left as they were
    years: list[int]


@transaction.atomic
def refresh_from_package(since_year: int | None = None) -> RefreshResult:
    """Bring the published days of the package's years (from `since_year`) up to date; administrators' days stay."""
    years = [year for year in package_years() if since_year is None or year >= since_year]
    published = {day.date: day for day in package_days(set(years))}
    existing = {day.date: day for day in CalendarDay.objects.filter(date__year__in=years)}
    created = updated = removed = kept = 0
    for date, day in published.items():
        row = existing.get(date)
        if row is None:
            CalendarDay.objects.create(
                date=date, kind=day.kind, name=day.name, name_en=day.name_en, source=CalendarSource.PUBLISHED
            )
            created += 1
        elif row.source == CalendarSource.ADMINISTRATOR:
            kept += 1
        elif (row.kind, row.name, row.name_en) != (day.kind, day.name, day.name_en):
            row.kind, row.name, row.name_en = day.kind, day.name, day.name_en
            row.save(update_fields=["kind", "name", "name_en"])
            updated += 1
    for date, row in existing.items():
        if date not in published and row.source == CalendarSource.PUBLISHED:
            row.delete()
            removed += 1
    for year in years:
        HolidayCalendarYear.objects.get_or_create(
            year=year, defaults={"source": CalendarSource.PUBLISHED, "reference": "chinesecalendar"}
        )
    return RefreshResult(created, updated, removed, kept, years)


def missing_next_year(today: datetime.date) -> int | None:
    """The next year, if its calendar is due (from 1 November) and not complete; else None."""
    if (today.month, today.day) < WARN_FROM:
        return None
    year = today.year + 1
    return None if HolidayCalendarYear.objects.filter(year=year).exists() else year


def missing_current_year(today: datetime.date) -> int | None:
    return None if HolidayCalendarYear.objects.filter(year=today.year).exists() else today.year
