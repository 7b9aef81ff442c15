"""Working days under Art. 82: weekends and holidays excluded, make-up days worked, the next day is day 1."""

import datetime

import pytest

from market.accounts.roles import Role
from market.licensing.calendar import add_working_days, is_working_day, working_days_between
from market.licensing.models import CalendarDay, CalendarDayKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

day = datetime.date


@pytest.mark.parametrize(
    ("date", "working"),
    [
        (day(2026, 3, 6), True),  # an ordinary Friday
        (day(2026, 3, 7), False),  # an ordinary Saturday
        (day(2026, 1, 1), False),  # New Year's Day
        (day(2026, 1, 4), True),  # a Sunday worked for New Year
        (day(2026, 2, 14), True),  # a Saturday worked for the Spring Festival
        (day(2026, 2, 18), False),  # a Wednesday in the Spring Festival
        (day(2026, 10, 10), True),  # a Saturday worked for National Day
        (day(2025, 10, 8), False),  # the 2025 National Day and Mid-Autumn week
        (day(2025, 9, 28), True),  # a Sunday worked for it
    ],
)
def test_the_loaded_calendar_knows_weekends_holidays_and_make_up_days(date, working):
    assert is_working_day(date) is working


@pytest.mark.parametrize(
    ("start", "count", "due"),
    [
        (day(2026, 3, 6), 1, day(2026, 3, 9)),  # Friday + 1 is Monday
        (day(2026, 3, 2), 5, day(2026, 3, 9)),  # the day after is day 1
        (day(2026, 3, 2), 0, day(2026, 3, 2)),
        (day(2026, 2, 13), 1, day(2026, 2, 14)),  # the make-up Saturday counts
        (day(2026, 2, 14), 1, day(2026, 2, 24)),  # the whole Spring Festival is skipped
        (day(2026, 2, 13), 5, day(2026, 2, 27)),
        (day(2026, 9, 30), 3, day(2026, 10, 10)),  # National Day, then the make-up Saturday
        (day(2025, 12, 31), 1, day(2026, 1, 4)),  # across the year into a make-up Sunday
        (day(2026, 3, 2), 20, day(2026, 3, 30)),
    ],
)
def test_adding_working_days(start, count, due):
    assert add_working_days(start, count) == due


def test_counting_working_days_between_two_dates():
    # After Friday 13 February up to Saturday 28 February: 14, 24, 25, 26, 27 and the make-up 28th.
    assert working_days_between(day(2026, 2, 13), day(2026, 2, 28)) == 6
    assert working_days_between(day(2026, 3, 2), day(2026, 3, 2)) == 0
    assert working_days_between(day(2026, 3, 9), day(2026, 3, 2)) == 0


def test_a_holiday_an_administrator_adds_moves_the_due_date():
    assert add_working_days(day(2026, 3, 2), 5) == day(2026, 3, 9)

    CalendarDay.objects.create(date=day(2026, 3, 4), kind=CalendarDayKind.PUBLIC_HOLIDAY, name="停工日")

    assert add_working_days(day(2026, 3, 2), 5) == day(2026, 3, 10)


def test_a_long_count_reads_the_calendar_in_one_go(django_assert_num_queries):
    # The days, and the years whose calendar is complete.
    with django_assert_num_queries(2):
        assert working_days_between(day(2025, 1, 1), day(2026, 12, 31)) > 480
    with django_assert_num_queries(2):
        add_working_days(day(2026, 1, 1), 30)


def test_administrators_may_keep_the_calendar():
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    reviewer = UserFactory(role=Role.REVIEWER)

    assert administrator.has_perm("licensing.change_calendarday")
    assert administrator.has_perm("licensing.add_licencetype")
    assert not reviewer.has_perm("licensing.change_calendarday")
