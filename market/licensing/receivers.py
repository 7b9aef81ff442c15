"""Emails follow the workflow's signals, which are sent once the change is committed.

Three acts change no state and so send no `application_state_changed`: a request for information during
review, the extension of the decision period and a pause for inspection. Their audit event is the one record
of them, so its creation drives their email, after the commit like the rest.
"""

from django.db import transaction
from django.db.models.signals import post_save

from market.licensing import notifications, signals
from market.licensing.models import Application, ApplicationEvent, ApplicationState, EventAction
from market.registry.models import ListingStatus, Organization
from market.registry.signals import listing_status_changed

# EventAction of a state change -> the email it sends. Opening a notice has its own signal.
ON_STATE_CHANGE = {
    EventAction.SUBMITTED: notifications.application_received,
    EventAction.INFORMATION_SUPPLIED: notifications.application_received,
    EventAction.ACCEPTED: notifications.application_accepted,
    EventAction.ACCEPTED_BY_LAW: notifications.application_accepted,
    EventAction.INFORMATION_REQUESTED: notifications.information_requested,
    EventAction.APPROVED: notifications.application_approved,
    EventAction.GRANTED_BY_LAW: notifications.application_approved,
    EventAction.REJECTED: notifications.application_rejected,
}
# EventAction of an act that leaves the state as it was -> the email it sends.
ON_EVENT_WITHOUT_STATE_CHANGE = {
    EventAction.INFORMATION_REQUESTED: notifications.information_requested,
    EventAction.EXTENDED: notifications.decision_period_extended,
    EventAction.CLOCK_PAUSED: notifications.decision_clock_paused,
}
LISTING_NOTICES = {
    (ListingStatus.ACTIVE, ListingStatus.SUSPENDED): "listing_suspended",
    (ListingStatus.SUSPENDED, ListingStatus.ACTIVE): "listing_reinstated",
    (ListingStatus.ACTIVE, ListingStatus.REVOKED): "listing_revoked",
    (ListingStatus.SUSPENDED, ListingStatus.REVOKED): "listing_revoked",
}


def email_on_state_change(sender, application, to_state, action, **details):
    notify = ON_STATE_CHANGE.get(action)
    # An answer during review resumes the clock without a new state; only a resubmission gets a receipt.
    if action == EventAction.INFORMATION_SUPPLIED and to_state != ApplicationState.RESUBMITTED:
        return
    if notify is not None:
        notify(application)


def email_on_event_without_state_change(sender, instance, created, raw=False, **details):
    notify = ON_EVENT_WITHOUT_STATE_CHANGE.get(instance.action)
    if not created or raw or notify is None or instance.from_state != instance.to_state:
        return
    application = instance.application
    transaction.on_commit(lambda: notify(application))


def email_on_notice_opened(sender, application, **details):
    notifications.public_notice_opened(application)


def email_on_notice_closed(sender, application, **details):
    notifications.public_notice_closed(application)


def email_on_listing_change(sender, organization, from_status, to_status, reason="", **details):
    notice = LISTING_NOTICES.get((from_status, to_status))
    if notice is not None:
        notifications.listing_changed(notice, organization, reason)


def connect():
    signals.application_state_changed.connect(
        email_on_state_change, sender=Application, dispatch_uid="licensing.email_on_state_change"
    )
    signals.public_notice_opened.connect(
        email_on_notice_opened, sender=Application, dispatch_uid="licensing.email_on_notice_opened"
    )
    signals.public_notice_closed.connect(
        email_on_notice_closed, sender=Application, dispatch_uid="licensing.email_on_notice_closed"
    )
    post_save.connect(
        email_on_event_without_state_change,
        sender=ApplicationEvent,
        dispatch_uid="licensing.email_on_event_without_state_change",
    )
    listing_status_changed.connect(
        email_on_listing_change, sender=Organization, dispatch_uid="licensing.email_on_listing_change"
    )
