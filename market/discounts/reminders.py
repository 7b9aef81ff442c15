"""Eligibility renewal reminders to the resident, 30 and 7 days before the end, each sent once."""

import datetime
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef

from market import clock_source
from market.discounts.models import (
    Eligibility,
    EligibilityApplication,
    EligibilityApplicationState,
    EligibilityReminder,
)
from market.mail import language_of, send_notice

logger = logging.getLogger(__name__)

REMINDER_DAYS = (7, 30)


def _send(eligibility, days_left):
    resident = eligibility.resident
    send_notice(
        "discounts/email/eligibility_reminder",
        {"eligibility": eligibility, "days_left": days_left},
        language=language_of(resident),
        to=[resident.email],
    )


def send_eligibility_renewal_reminders(today: datetime.date | None = None) -> int:
    """Send what is due; a run that missed a day sends the most urgent reminder only. Residents who already
    hold a later eligibility for the group, or have applied again, are not reminded.
    """
    today = today or clock_source.today()
    renewed = Eligibility.objects.valid_on(today).filter(
        resident=OuterRef("resident"), group=OuterRef("group"), valid_until__gt=OuterRef("valid_until")
    )
    applied_again = EligibilityApplication.objects.filter(
        resident=OuterRef("resident"), group=OuterRef("group"), state=EligibilityApplicationState.SUBMITTED
    )
    ending = (
        Eligibility.objects.valid_on(today)
        .filter(valid_until__lte=today + datetime.timedelta(days=max(REMINDER_DAYS)))
        .exclude(Exists(renewed))
        .exclude(Exists(applied_again))
        .select_related("resident", "group")
    )
    sent = 0
    for eligibility in ending:
        if not eligibility.resident.email:
            logger.warning(
                "No address to remind resident %s of eligibility %s", eligibility.resident_id, eligibility.pk
            )
            continue
        days_left = (eligibility.valid_until - today).days
        threshold = next(days for days in sorted(REMINDER_DAYS) if days_left <= days)
        with transaction.atomic():
            _reminder, created = EligibilityReminder.objects.get_or_create(
                eligibility=eligibility, days_before=threshold, defaults={"sent_at": clock_source.now()}
            )
            if created:
                # Inside the transaction: if sending fails, the reminder is not marked as sent.
                _send(eligibility, days_left)
                sent += 1
    return sent
