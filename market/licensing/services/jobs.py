"""The acts of the law, run by the daily lifecycle jobs with no actor: deemed acceptance (Art. 32), closing
ended public notices, deemed renewals (Art. 50) and expiring listings whose required licence has lapsed.
Each act takes `today` (the clock's date by default) and returns how many applications or listings it changed.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.licensing import clocks, documents
from market.licensing.models import (
    AWAITING_ACCEPTANCE,
    UNDECIDED,
    Application,
    ApplicationKind,
    ApplicationState,
    EventAction,
    Licence,
    LicenceType,
    ListingAction,
)
from market.licensing.services.common import _close_notice, _lock, _move, _record, _record_listing
from market.licensing.services.decisions import _put_into_effect
from market.licensing.words import list_of
from market.registry import services as registry
from market.registry.models import ListingStatus, Organization

# Art. 50: a renewal asked for at least this many days before expiry is granted if left undecided.
RENEWAL_NOTICE_DAYS = 30


def deem_accepted_overdue_submissions(today=None) -> int:
    """Art. 32: material not acted on within 5 working days counts as accepted on the day it was received."""
    today = today or clock_source.today()
    accepted = 0
    for application in Application.objects.filter(state__in=AWAITING_ACCEPTANCE):
        with transaction.atomic():
            locked = _lock(application)
            if locked.state not in AWAITING_ACCEPTANCE or not clocks.acceptance_clock(locked, today).overdue:
                continue
            from_state = locked.state
            _move(locked, "accept")
            locked.accepted_at = locked.received_at
            locked.accepted_by_law = True
            _record(
                locked,
                actor=None,
                action=EventAction.ACCEPTED_BY_LAW,
                from_state=from_state,
                reason=str(_("Not acted on within 5 working days (Art. 32).")),
            )
            documents.issue_acceptance(locked, None)
            accepted += 1
    return accepted


def close_ended_public_notices(today=None) -> int:
    today = today or clock_source.today()
    closed = 0
    ended = Application.objects.filter(
        state=ApplicationState.PUBLIC_NOTICE, notice_closed_at__isnull=True, notice_ends_on__lt=today
    )
    for application in ended:
        with transaction.atomic():
            locked = _lock(application)
            if locked.state != ApplicationState.PUBLIC_NOTICE or locked.notice_closed_at is not None:
                continue
            _close_notice(locked, None)
            closed += 1
    return closed


def grant_undecided_renewals(today=None) -> int:
    """Art. 50: a renewal asked for in time (30 days before expiry) and undecided when the old licence expires
    counts as granted; the renewed licence it carries comes into force.
    """
    today = today or clock_source.today()
    granted = 0
    candidates = Application.objects.undecided().filter(
        kind=ApplicationKind.RENEWAL, renewed_licence__valid_to__lt=today
    )
    for application in candidates:
        with transaction.atomic():
            locked = _lock(application)
            if locked.state not in UNDECIDED:
                continue
            expiry = locked.renewed_licence.valid_to
            if (expiry - clocks.local_date(locked.submitted_at)).days < RENEWAL_NOTICE_DAYS:
                continue
            from_state = locked.state
            _move(locked, "grant_by_law")
            now = clock_source.now()
            locked.decided_at = now
            locked.clock_pauses.filter(ended_at__isnull=True).update(ended_at=now)
            _put_into_effect(locked, None, now)
            _record(
                locked,
                actor=None,
                action=EventAction.GRANTED_BY_LAW,
                from_state=from_state,
                reason=str(_("Not decided before the licence expired (Art. 50).")),
            )
            granted += 1
    return granted


def lapsed_licence_types(organization, today) -> list[LicenceType]:
    """Licence types the merchant's categories require and that no licence in force covers today."""
    required = LicenceType.objects.filter(required_for_categories__organizations=organization).distinct()
    in_force = set(
        Licence.objects.in_force(today).filter(organization=organization).values_list("licence_type", flat=True)
    )
    return [licence_type for licence_type in required if licence_type.pk not in in_force]


def expire_lapsed_listings(today=None) -> int:
    """A listing ends when a licence it requires lapses, unless a renewal of it is pending: a renewal keeps
    the listing active while it is decided (and `grant_undecided_renewals` first grants those asked for in
    time).
    """
    today = today or clock_source.today()
    expired = 0
    listed = Organization.objects.filter(listing_status__in=[ListingStatus.ACTIVE, ListingStatus.SUSPENDED])
    for organization in listed:
        lapsed = lapsed_licence_types(organization, today)
        if not lapsed:
            continue
        if (
            Application.objects.undecided()
            .filter(
                organization=organization,
                kind=ApplicationKind.RENEWAL,
                renewed_licence__licence_type__in=lapsed,
            )
            .exists()
        ):
            continue
        reason = str(_("Licence no longer in force: %(types)s") % {"types": list_of(lapsed)})
        with transaction.atomic():
            from_status = Organization.objects.select_for_update().get(pk=organization.pk).listing_status
            if from_status not in (ListingStatus.ACTIVE, ListingStatus.SUSPENDED):
                continue  # changed by someone else meanwhile
            registry.expire_listing(organization, at=clock_source.now(), reason=reason)
            _record_listing(
                organization, actor=None, action=ListingAction.EXPIRED, from_status=from_status, reason=reason
            )
            expired += 1
    return expired
