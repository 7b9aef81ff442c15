"""The system check of the holiday calendar: from 1 November, next year's calendar must be there."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from market import clock_source


@register(Tags.database)
def next_year_calendar(app_configs, databases=None, **kwargs):
    """Runs with `migrate` and `check --database default` (it reads the database)."""
    from market.licensing.holidays import missing_next_year

    if not databases:
        return []
    try:
        year = missing_next_year(clock_source.today())
    except DatabaseError:
        return []  # not migrated yet: migrate creates the calendar
    if year is None:
        return []
    return [
        Warning(
            f"The holiday calendar for {year} is missing: from 1 January {year} the licensing clocks will refuse "
            "to count working days.",
            hint="Upgrade chinesecalendar and run `manage.py refresh_holiday_calendar`, or enter the days and the "
            "year under Licensing settings in the admin once the State Council has published them.",
            id="licensing.W001",
        )
    ]
