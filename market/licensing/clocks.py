"""The statutory clocks of an application, in working days (Art. 82).

- acceptance: 5 working days from receipt of the material (Art. 32); past that, it counts as accepted on
  receipt;
- decision: 20 working days from acceptance, +10 once (Art. 42); pauses (waiting for the applicant,
  inspection, hearing, expert review: Art. 45) do not count;
- publication: the decision is published within 7 working days (Art. 44). The listing itself is issued at
  approval, well within Art. 44's 10 working days.

A working day is paused when a pause was running on it: the day a pause starts still counts, the day it
ends does not. Where the categories' review policy says so, the working days of the public notice do not count
towards the decision either. Every function takes `today`; without it the licensing clock source is read.

A due date that falls in a year whose holiday calendar is missing is not guessed: the clock has no due date and
names the year (`calendar_missing`), for staff to see and an administrator to fix.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.licensing.calendar import SLACK_DAYS, CalendarMissing, WorkingCalendar, add_working_days
from market.licensing.models import IN_DECISION_STAGE, Application, ApplicationState

ACCEPTANCE_WORKING_DAYS = 5
DECISION_WORKING_DAYS = 20
EXTENSION_WORKING_DAYS = 10
PUBLICATION_WORKING_DAYS = 7


class Stage(models.TextChoices):
    ACCEPTANCE = "acceptance", _("Acceptance")
    SUPPLEMENT = "supplement", _("Waiting for your material")
    DECISION = "decision", _("Decision")
    PUBLICATION = "publication", _("Publication of the decision")


@dataclass(frozen=True)
class StageClock:
    stage: Stage
    started_on: datetime.date
    used: int
    limit: int | None = None
    due_on: datetime.date | None = None
    paused_days: int = 0
    is_paused: bool = False
    calendar_missing: int | None = None  # the year whose holiday calendar the due date would need
    notice_stops_clock: bool = False

    @property
    def left(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)

    @property
    def overdue(self) -> bool:
        return self.limit is not None and self.used > self.limit


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def decision_limit(application: Application) -> int:
    return DECISION_WORKING_DAYS + (EXTENSION_WORKING_DAYS if application.extension_used else 0)


def _calendar_around(start: datetime.date, today: datetime.date, limit: int) -> WorkingCalendar:
    """Enough days to count up to today and to find a due date `limit` working days on from either."""
    horizon = max(start, today) + datetime.timedelta(days=limit * 7 // 5 + SLACK_DAYS)
    return WorkingCalendar(start, horizon)


def _due_on(calendar: WorkingCalendar, start: datetime.date, count: int) -> tuple[datetime.date | None, int | None]:
    """The due date, or None and the year whose calendar is missing."""
    try:
        return calendar.add_working_days(start, count) or add_working_days(start, count), None
    except CalendarMissing as missing:
        return None, missing.year


def _notice_span(application):
    """The public notice as a pause of the decision clock, where the categories' policy says so."""
    if application.notice_starts_on is None or not application.notice_stops_decision_clock():
        return None
    ended = local_date(application.notice_closed_at) if application.notice_closed_at else application.notice_ends_on
    # The day the notice opens still counts; its last day does not.
    return application.notice_starts_on, max(ended, application.notice_starts_on)


def _paused_days(application, counted_days) -> tuple[int, bool]:
    pauses = [
        (local_date(pause.started_at), local_date(pause.ended_at) if pause.ended_at else None)
        for pause in application.clock_pauses.all()
    ]
    notice = _notice_span(application)
    if notice is not None:
        pauses.append(notice)
    paused = sum(
        1
        for day in counted_days
        if any(started < day and (ended is None or day <= ended) for started, ended in pauses)
    )
    return paused, any(ended is None for _, ended in pauses)


def acceptance_clock(application: Application, today: datetime.date) -> StageClock:
    start = local_date(application.received_at)
    calendar = _calendar_around(start, today, ACCEPTANCE_WORKING_DAYS)
    due_on, missing = _due_on(calendar, start, ACCEPTANCE_WORKING_DAYS)
    return StageClock(
        stage=Stage.ACCEPTANCE,
        started_on=start,
        used=len(calendar.working_days_after(start, today)),
        limit=ACCEPTANCE_WORKING_DAYS,
        due_on=due_on,
        calendar_missing=missing,
    )


def decision_clock(application: Application, today: datetime.date) -> StageClock:
    start = local_date(application.accepted_at)
    limit = decision_limit(application)
    calendar = _calendar_around(start, today, limit)
    counted = calendar.working_days_after(start, today)
    paused, is_paused = _paused_days(application, counted)
    due_on, missing = _due_on(calendar, start, limit + paused)
    return StageClock(
        stage=Stage.DECISION,
        started_on=start,
        used=len(counted) - paused,
        limit=limit,
        due_on=due_on,
        paused_days=paused,
        is_paused=is_paused,
        calendar_missing=missing,
        notice_stops_clock=application.notice_stops_decision_clock(),
    )


def publication_clock(application: Application, today: datetime.date) -> StageClock:
    """Art. 44 practice (双公示): the decision is published within 7 working days of the decision."""
    start = local_date(application.decided_at)
    calendar = _calendar_around(start, today, PUBLICATION_WORKING_DAYS)
    due_on, missing = _due_on(calendar, start, PUBLICATION_WORKING_DAYS)
    return StageClock(
        stage=Stage.PUBLICATION,
        started_on=start,
        used=len(calendar.working_days_after(start, today)),
        limit=PUBLICATION_WORKING_DAYS,
        due_on=due_on,
        calendar_missing=missing,
    )


def clock_for(application: Application, today: datetime.date | None = None) -> StageClock | None:
    """The clock of the stage the application is in, or None where no clock runs (draft, closed)."""
    today = today or clock_source.today()
    state = application.state
    if state in (ApplicationState.SUBMITTED, ApplicationState.RESUBMITTED):
        return acceptance_clock(application, today)
    if state == ApplicationState.NEEDS_INFORMATION:
        request = application.information_requests.filter(answered_at__isnull=True).latest("requested_at")
        start = local_date(request.requested_at)
        return StageClock(
            stage=Stage.SUPPLEMENT,
            started_on=start,
            used=len(WorkingCalendar(start, max(start, today)).working_days_after(start, today)),
            is_paused=True,
        )
    if state in IN_DECISION_STAGE:
        return decision_clock(application, today)
    if state == ApplicationState.APPROVED and application.decision_published_at is None:
        return publication_clock(application, today)
    return None
