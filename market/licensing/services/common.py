"""What the licensing acts share: the permission check, the locked application row, the state move, the audit
events and the announcement after the commit.
"""

from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.events import send_after_commit
from market.guards import move
from market.licensing import signals
from market.licensing.errors import LicensingError
from market.licensing.models import Application, ApplicationEvent, ApplicationState, EventAction, ListingEvent

STATE_LABELS = dict(ApplicationState.choices)


def _lock(application) -> Application:
    """The application row, locked until the transaction ends; the caller's copy may be stale."""
    return Application.objects.select_for_update(of=("self",)).select_related("organization").get(pk=application.pk)


def _state_refusal(application) -> str:
    return _("This cannot be done while the application is “%(state)s”.") % {"state": STATE_LABELS[application.state]}


def _refuse_state(application):
    raise LicensingError(_state_refusal(application))


def _move(application, transition_name):
    move(application, transition_name, _state_refusal(application), error=LicensingError)


def _record(application, *, actor, action, from_state, reason="", visible_to_applicant=True) -> ApplicationEvent:
    """Save the application, write its audit event and announce a state change after the commit."""
    application.save()
    event = ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        at=clock_source.now(),
        action=action,
        from_state=from_state,
        to_state=application.state,
        reason=reason,
        visible_to_applicant=visible_to_applicant,
    )
    if from_state != application.state:
        send_after_commit(
            signals.application_state_changed,
            Application,
            application=application,
            from_state=from_state,
            to_state=application.state,
            action=action,
            actor=actor,
        )
    return event


def _sync(original, locked):
    """Let the caller's object reflect what was saved."""
    original.refresh_from_db()
    return locked


def _record_listing(organization, *, actor, action, from_status, reason, application=None):
    ListingEvent.objects.create(
        organization=organization,
        application=application,
        actor=actor,
        at=clock_source.now(),
        action=action,
        from_status=from_status,
        to_status=organization.listing_status,
        reason=reason,
    )


# ---------------------------------------------------------------- the end of a public notice


def _notice_has_ended(application, today) -> bool:
    return application.notice_ends_on is not None and today > application.notice_ends_on


def _close_notice(locked, actor):
    locked.notice_closed_at = clock_source.now()
    _record(locked, actor=actor, action=EventAction.NOTICE_CLOSED, from_state=locked.state)
    send_after_commit(signals.public_notice_closed, Application, application=locked)
