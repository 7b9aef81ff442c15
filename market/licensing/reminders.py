"""Licence-expiry reminders to the merchant, 30 and 7 days before, each sent once."""

import datetime
import logging

from django.db import transaction
from django.db.models import Q

from market import clock_source
from market.licensing.models import ApplicationState, Licence, LicenceReminder
from market.mail import language_of, send_notice
from market.registry.models import ListingStatus

logger = logging.getLogger(__name__)

REMINDER_DAYS = (7, 30)


def _already_renewing(licence) -> bool:
    """A renewal under way, or a later licence of the same type on record, makes the reminder pointless."""
    if licence.renewal_applications.undecided().exists():
        return True
    return (
        Licence.objects.filter(organization=licence.organization, licence_type=licence.licence_type)
        .exclude(pk=licence.pk)
        .filter(Q(application__isnull=True) | Q(application__state=ApplicationState.APPROVED))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=licence.valid_to))
        .exists()
    )


def _recipients(organization) -> list[str]:
    owner_email = organization.owner.email if organization.owner else ""
    return list(dict.fromkeys(address for address in (owner_email, organization.email) if address))


def _send(licence, days_left, recipients):
    context = {"licence": licence, "organization": licence.organization, "days_left": days_left}
    send_notice(
        "licensing/email/expiry_reminder", context, language=language_of(licence.organization.owner), to=recipients
    )


def send_licence_expiry_reminders(today: datetime.date | None = None) -> int:
    """Send what is due; a run that missed a day sends the most urgent reminder only."""
    today = today or clock_source.today()
    expiring = (
        Licence.objects.in_force(today)
        .filter(
            valid_to__range=(today, today + datetime.timedelta(days=max(REMINDER_DAYS))),
            organization__listing_status__in=[ListingStatus.ACTIVE, ListingStatus.SUSPENDED],
        )
        .select_related("organization__owner", "licence_type")
    )
    sent = 0
    for licence in expiring:
        days_left = (licence.valid_to - today).days
        threshold = next(days for days in sorted(REMINDER_DAYS) if days_left <= days)
        recipients = _recipients(licence.organization)
        if not recipients:
            logger.warning("No address to remind merchant %s of licence %s", licence.organization_id, licence.pk)
            continue
        if _already_renewing(licence):
            continue
        with transaction.atomic():
            _reminder, created = LicenceReminder.objects.get_or_create(
                licence=licence, days_before=threshold, defaults={"sent_at": clock_source.now()}
            )
            if created:
                # Inside the transaction: if sending fails, the reminder is not marked as sent.
                _send(licence, days_left, recipients)
                sent += 1
    return sent
