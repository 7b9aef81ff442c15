"""A merchant's complaint record, for the approvers who decide on a suspension (the staff merchant page) and for
the complaint pages: how many complaints were upheld, and which.

`upheld_complaints_for(organization)` is the hook-friendly function; the `merchant_complaint_record` inclusion tag
(templatetags/feedback_admin.py) renders the record as a Wagtail admin panel.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from market import clock_source
from market.feedback.models import OPEN_COMPLAINT_STATES, Complaint, ComplaintOutcome, ComplaintState

RECENT_DAYS = 365


def upheld_complaints_for(organization):
    """The merchant's upheld and partly upheld complaints, the latest answer first."""
    return (
        Complaint.objects.upheld()
        .filter(organization=organization)
        .select_related("location")
        .order_by("-decided_at", "-pk")
    )


@dataclass(frozen=True)
class ComplaintRecord:
    upheld: int
    partly_upheld: int
    not_upheld: int
    open: int
    upheld_recently: int  # upheld or partly upheld, answered within the last year
    recent_days: int

    @property
    def counted_against(self) -> int:
        return self.upheld + self.partly_upheld


def complaint_record_for(organization, today: datetime.date | None = None) -> ComplaintRecord:
    today = today or clock_source.today()
    since = clock_source.now() - datetime.timedelta(days=RECENT_DAYS)
    closed = Q(state=ComplaintState.CLOSED)
    counts = Complaint.objects.filter(organization=organization).aggregate(
        upheld=Count("pk", filter=closed & Q(outcome=ComplaintOutcome.UPHELD)),
        partly_upheld=Count("pk", filter=closed & Q(outcome=ComplaintOutcome.PARTLY_UPHELD)),
        not_upheld=Count("pk", filter=closed & Q(outcome=ComplaintOutcome.NOT_UPHELD)),
        open=Count("pk", filter=Q(state__in=OPEN_COMPLAINT_STATES)),
        upheld_recently=Count(
            "pk",
            filter=closed
            & Q(outcome__in=[ComplaintOutcome.UPHELD, ComplaintOutcome.PARTLY_UPHELD], decided_at__gte=since),
        ),
    )
    return ComplaintRecord(recent_days=RECENT_DAYS, **counts)
