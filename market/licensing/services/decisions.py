"""The approver's acts: extending the decision period, approving (which puts the application into effect on the
register) or rejecting with the rights of review, and suspending, reinstating or revoking a listing.
"""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.accounts.rules import is_approver
from market.events import send_after_commit
from market.guards import require, require_text
from market.licensing import changes as change_rules
from market.licensing import clocks, documents, signals
from market.licensing.errors import LicensingError
from market.licensing.models import (
    IN_DECISION_STAGE,
    Application,
    ApplicationKind,
    ApplicationState,
    EventAction,
    LicensingAuthority,
    ListingAction,
    Recommendation,
)
from market.licensing.rules import took_part_before_the_decision
from market.licensing.services.common import (
    _close_notice,
    _lock,
    _move,
    _notice_has_ended,
    _record,
    _record_listing,
    _refuse_state,
    _sync,
)
from market.mail import language_of
from market.registry import services as registry
from market.registry.models import ListingStatus, Organization


def rights_of_review() -> str:
    """Art. 38: a rejection tells the applicant how to challenge it."""
    return str(
        _(
            "If you disagree with this decision, you may apply for administrative reconsideration "
            "within 60 days of receiving it, or bring an administrative lawsuit before a people's court "
            "within 6 months."
        )
    )


def rights_of_review_for(application) -> str:
    """The rights of review in the applicant's language, naming where to apply and where to sue."""
    authority = LicensingAuthority.load()
    with translation.override(language_of(application.applicant)):
        return str(
            _(
                "If you disagree with this decision, you may apply to %(body)s for administrative reconsideration "
                "within 60 days of receiving it, or bring an administrative lawsuit before %(court)s within 6 months."
            )
            % {"body": authority.reconsideration_body, "court": authority.court}
        )


@transaction.atomic
def extend_decision_period(application, actor, reason: str) -> Application:
    """Art. 42: once, by 10 working days, within the 20, with a reason the applicant is told."""
    locked = _lock(application)
    require(actor, "licensing.extend_decision_period", locked)
    reason = require_text(reason, _("Give the reason for the extension; the applicant will see it."))
    if locked.state not in IN_DECISION_STAGE:
        _refuse_state(locked)
    if locked.extension_used:
        raise LicensingError(_("The decision period can be extended only once."))
    if clocks.decision_clock(locked, clock_source.today()).overdue:
        raise LicensingError(_("The decision period has already run out; it can no longer be extended."))
    locked.extended_at = clock_source.now()
    locked.extension_reason = reason
    _record(locked, actor=actor, action=EventAction.EXTENDED, from_state=locked.state, reason=reason)
    send_after_commit(
        signals.decision_clock_changed, Application, application=locked, action=EventAction.EXTENDED, actor=actor
    )
    documents.issue_extension(locked, actor)
    return _sync(application, locked)


FOUR_EYES = _(
    "You accepted or recommended this application: under the four-eyes rule another approver decides it."
)


def _not_the_reviewer(locked, actor):
    """Four eyes, said plainly to an approver before the permission check (which refuses it too)."""
    if actor is not None and is_approver.test(actor) and took_part_before_the_decision(actor, locked):
        raise LicensingError(FOUR_EYES)


def _already_decided(locked):
    if locked.is_decided:
        raise LicensingError(_("This application has already been decided."))


def approval_blockers(application, today=None) -> list[str]:
    """Why the application cannot be approved today (empty when it can), for the staff page to show."""
    return _approval_blockers(application, today or clock_source.today())


def _approval_blockers(locked, today) -> list[str]:
    blockers = []
    if locked.recommendation != Recommendation.APPROVE:
        blockers.append(_("A reviewer has not recommended approval."))
    if locked.information_requests.filter(answered_at__isnull=True).exists():
        blockers.append(_("A request for information is still open."))
    if locked.public_notice_working_days() > 0:
        if locked.state != ApplicationState.PUBLIC_NOTICE:
            blockers.append(_("The application has not been on public notice."))
        elif not _notice_has_ended(locked, today):
            blockers.append(_("The public notice runs until %(date)s.") % {"date": locked.notice_ends_on})
    if locked.objections.filter(answered_at__isnull=True).exists():
        blockers.append(_("An objection has not been answered."))
    return [str(blocker) for blocker in blockers]


def _put_into_effect(locked, actor, at):
    """What an approval changes beyond the application: the listing, or the merchant's record."""
    organization = locked.organization
    from_status = organization.listing_status
    if locked.kind == ApplicationKind.CHANGE:
        # The register keeps the history: what changed, in words, as a listing event.
        lines = change_rules.apply(organization, locked.proposed_changes)
        _record_listing(
            organization,
            actor=actor,
            action=ListingAction.CHANGED,
            from_status=from_status,
            reason="\n".join(lines),
            application=locked,
        )
        return
    if from_status in (ListingStatus.UNLISTED, ListingStatus.EXPIRED):
        registry.list_organization(organization, at=at, actor=actor, reason=str(locked.get_kind_display()))
        _record_listing(
            organization,
            actor=actor,
            action=ListingAction.LISTED,
            from_status=from_status,
            reason=str(locked.get_kind_display()),
            application=locked,
        )


@transaction.atomic
def approve_application(application, actor, reasons: str = "") -> Application:
    locked = _lock(application)
    _not_the_reviewer(locked, actor)
    require(actor, "licensing.decide_application", locked)
    _already_decided(locked)
    if locked.state not in (ApplicationState.UNDER_REVIEW, ApplicationState.PUBLIC_NOTICE):
        _refuse_state(locked)
    today = clock_source.today()
    blockers = _approval_blockers(locked, today)
    if blockers:
        raise LicensingError(_("The application cannot be approved yet."), blockers)
    if locked.state == ApplicationState.PUBLIC_NOTICE and locked.notice_closed_at is None:
        _close_notice(locked, actor)
    from_state = locked.state
    _move(locked, "approve")
    now = clock_source.now()
    locked.decided_at, locked.decided_by = now, actor
    locked.decision_reasons = reasons.strip()
    _put_into_effect(locked, actor, now)
    _record(locked, actor=actor, action=EventAction.APPROVED, from_state=from_state, reason=reasons.strip())
    documents.issue_approval(locked, actor)
    return _sync(application, locked)


@transaction.atomic
def reject_application(application, actor, reasons: str) -> Application:
    """Art. 38: a rejection gives its reasons and the applicant's rights of review, in their language."""
    locked = _lock(application)
    _not_the_reviewer(locked, actor)
    require(actor, "licensing.decide_application", locked)
    _already_decided(locked)
    reasons = require_text(reasons, _("Give the reasons for the rejection."))
    from_state = locked.state
    _move(locked, "reject")
    locked.decided_at, locked.decided_by = clock_source.now(), actor
    locked.decision_reasons = reasons
    locked.remedies_statement = rights_of_review_for(locked)
    locked.clock_pauses.filter(ended_at__isnull=True).update(ended_at=locked.decided_at)
    _record(
        locked,
        actor=actor,
        action=EventAction.REJECTED,
        from_state=from_state,
        reason=f"{reasons}\n\n{locked.remedies_statement}",
    )
    documents.issue_rejection(locked, actor)
    return _sync(application, locked)


def _change_listing(organization, actor, reason, *, change, action) -> Organization:
    require(actor, "licensing.change_listing_status", organization)
    reason = require_text(reason, _("Give the reason; the merchant will see it."))
    with transaction.atomic():
        from_status = Organization.objects.select_for_update().get(pk=organization.pk).listing_status
        try:
            changed = change(organization, at=clock_source.now(), actor=actor, reason=reason)
        except registry.ListingError as error:
            raise LicensingError(error.message) from error
        _record_listing(changed, actor=actor, action=action, from_status=from_status, reason=reason)
    return changed


def suspend_listing(organization, actor, reason: str) -> Organization:
    return _change_listing(organization, actor, reason, change=registry.suspend_listing, action=ListingAction.SUSPENDED)


def reinstate_listing(organization, actor, reason: str) -> Organization:
    return _change_listing(
        organization, actor, reason, change=registry.reinstate_listing, action=ListingAction.REINSTATED
    )


def revoke_listing(organization, actor, reason: str) -> Organization:
    return _change_listing(organization, actor, reason, change=registry.revoke_listing, action=ListingAction.REVOKED)
