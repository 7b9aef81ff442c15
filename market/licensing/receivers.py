"""Emails follow the workflow's signals, which are sent once the change is committed. LicensingConfig.ready()
imports this module.

Three acts in the decision stage change no state and so send no `application_state_changed`: a request for
information during review, a pause for inspection and the extension of the decision period. Each sends
`decision_clock_changed`, which drives its email.
"""

from django.dispatch import receiver

from market.licensing import notifications, signals
from market.licensing.models import Application, ApplicationState, EventAction
from market.registry import merchant_cache
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
    EventAction.NOT_ACCEPTED: notifications.application_not_accepted,
}
# EventAction of an act that stops or extends the decision clock, leaving the state as it was -> its email.
ON_DECISION_CLOCK_CHANGE = {
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


@receiver(signals.application_state_changed, sender=Application, dispatch_uid="licensing.email_on_state_change")
def email_on_state_change(sender, application, to_state, action, **details):
    notify = ON_STATE_CHANGE.get(action)
    # An answer during review resumes the clock without a new state; only a resubmission gets a receipt.
    if action == EventAction.INFORMATION_SUPPLIED and to_state != ApplicationState.RESUBMITTED:
        return
    if notify is not None:
        notify(application)


@receiver(
    signals.decision_clock_changed, sender=Application, dispatch_uid="licensing.email_on_decision_clock_change"
)
def email_on_decision_clock_change(sender, application, action, **details):
    notify = ON_DECISION_CLOCK_CHANGE.get(action)
    if notify is not None:
        notify(application)


@receiver(signals.public_notice_opened, sender=Application, dispatch_uid="licensing.email_on_notice_opened")
def email_on_notice_opened(sender, application, **details):
    notifications.public_notice_opened(application)


@receiver(signals.public_notice_closed, sender=Application, dispatch_uid="licensing.email_on_notice_closed")
def email_on_notice_closed(sender, application, **details):
    notifications.public_notice_closed(application)


@receiver(listing_status_changed, sender=Organization, dispatch_uid="licensing.email_on_listing_change")
def email_on_listing_change(sender, organization, from_status, to_status, reason="", **details):
    notice = LISTING_NOTICES.get((from_status, to_status))
    if notice is not None:
        notifications.listing_changed(notice, organization, reason)


@receiver(signals.application_state_changed, sender=Application, dispatch_uid="licensing.forget_decided_merchant")
def forget_decided_merchant(sender, application, to_state, **details):
    """An approved change application rewrites a listed merchant's names and outlets: its public page drops what
    it keeps (registry.merchant_cache)."""
    if to_state == ApplicationState.APPROVED:
        merchant_cache.merchants_changed([application.organization_id])
