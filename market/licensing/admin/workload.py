"""The clocks of the open applications, worked out once per request for the queue and the dashboard.

Clocks count working days against the holiday calendar, which SQL cannot do; they are computed here and put
back into the queryset as annotations, so that the queue can still filter and sort on them in the database.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Value, When
from django.utils import timezone

from market import clock_source
from market.licensing import clocks
from market.licensing.calendar import CalendarMissing, WorkingCalendar, add_working_days
from market.licensing.models import UNDECIDED, Application, ApplicationState

# The states in which a clock can run: undecided, and approved until the decision is published.
CLOCKED_STATES = [*UNDECIDED, ApplicationState.APPROVED]
DUE_SOON_WORKING_DAYS = 3


def running_clocks(today: datetime.date | None = None) -> dict[int, clocks.StageClock]:
    """The running clock of every application that has one, by application id."""
    today = today or clock_source.today()
    applications = Application.objects.filter(state__in=CLOCKED_STATES).exclude(
        state=ApplicationState.APPROVED, decision_published_at__isnull=False
    )
    result = {}
    for application in applications.prefetch_related("clock_pauses"):
        try:
            clock = clocks.clock_for(application, today)
        except CalendarMissing:
            continue  # today's year has no calendar: the dashboard says so, and nothing is guessed
        if clock is not None:
            result[application.pk] = clock
    return result


def _case(values_by_pk: dict, output_field):
    """One CASE branch per distinct value, so that the SQL stays short for a long queue."""
    groups = defaultdict(list)
    for pk, value in values_by_pk.items():
        groups[value].append(pk)
    branches = [When(pk__in=pks, then=Value(value)) for value, pks in groups.items() if value is not None]
    if not branches:
        return Value(None, output_field=output_field)
    return Case(*branches, default=Value(None), output_field=output_field)


def annotate_clocks(queryset, running: dict[int, clocks.StageClock]):
    """Add `due_on`, `days_used`, `days_left`, `is_overdue` and `clock_paused` to each application."""
    return queryset.annotate(
        due_on=_case({pk: clock.due_on for pk, clock in running.items()}, models.DateField()),
        days_used=_case({pk: clock.used for pk, clock in running.items()}, models.IntegerField()),
        days_left=_case({pk: clock.left for pk, clock in running.items()}, models.IntegerField()),
        is_overdue=Case(
            When(pk__in=[pk for pk, clock in running.items() if clock.overdue], then=Value(True)),
            default=Value(False),
            output_field=models.BooleanField(),
        ),
        clock_paused=Case(
            When(pk__in=[pk for pk, clock in running.items() if clock.is_paused], then=Value(True)),
            default=Value(False),
            output_field=models.BooleanField(),
        ),
    )


@dataclass(frozen=True)
class Workload:
    by_state: list[tuple[str, str, int]]
    overdue: int
    due_soon: int
    assigned_to_me: int
    publication_overdue: int = 0


def workload_for(user, today: datetime.date | None = None) -> Workload:
    today = today or clock_source.today()
    running = running_clocks(today)
    try:
        soon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    except CalendarMissing:
        soon = today
    counts = dict(
        Application.objects.undecided()
        .values_list("state")
        .annotate(count=models.Count("pk"))
        .values_list("state", "count")
    )
    return Workload(
        by_state=[(state.value, state.label, counts.get(state.value, 0)) for state in map(ApplicationState, UNDECIDED)],
        overdue=sum(1 for clock in running.values() if clock.overdue),
        due_soon=sum(
            1 for clock in running.values() if not clock.overdue and clock.due_on is not None and clock.due_on <= soon
        ),
        assigned_to_me=Application.objects.undecided().filter(assignee=user).count(),
        publication_overdue=sum(
            1 for clock in running.values() if clock.overdue and clock.stage == clocks.Stage.PUBLICATION
        ),
    )


@dataclass(frozen=True)
class MonthlyAverage:
    month: datetime.date
    decided: int
    average_working_days: float | None


def monthly_processing_times(months: int = 6, today: datetime.date | None = None) -> list[MonthlyAverage]:
    """Average working days from receipt of the material to the decision, per month of the decision."""
    today = today or clock_source.today()
    first_month = _add_months(today.replace(day=1), -(months - 1))
    decided = list(
        Application.objects.filter(
            state__in=[ApplicationState.APPROVED, ApplicationState.REJECTED],
            decided_at__date__gte=first_month - datetime.timedelta(days=1),
            submitted_at__isnull=False,
        ).values_list("submitted_at", "decided_at")
    )
    spans = [(timezone.localdate(submitted), timezone.localdate(decided)) for submitted, decided in decided]
    spans = [(start, end) for start, end in spans if end >= first_month]
    calendar = WorkingCalendar(min([today, *(start for start, _ in spans)]), max([today, *(end for _, end in spans)]))
    durations = defaultdict(list)
    for start, end in spans:
        durations[end.replace(day=1)].append(len(calendar.working_days_after(start, end)))
    result = []
    for offset in range(months):
        month = _add_months(first_month, offset)
        values = durations.get(month, [])
        average = round(sum(values) / len(values), 1) if values else None
        result.append(MonthlyAverage(month=month, decided=len(values), average_working_days=average))
    return result


def _add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)
