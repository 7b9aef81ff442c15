"""Flexible work follows its own events: the emails at each step, sent after the commit."""

from django.dispatch import receiver

from market.jobs import notifications, signals
from market.jobs.models import JobApplication, JobApplicationState, JobPost


@receiver(signals.application_changed, sender=JobApplication, dispatch_uid="jobs.email_on_application_changed")
def email_on_application_changed(sender, application, from_state, to_state, **details):
    notifications.application_changed(application)
    if from_state is None and to_state == JobApplicationState.SUBMITTED:
        notifications.new_applicant(application)


@receiver(signals.post_taken_down, sender=JobPost, dispatch_uid="jobs.email_on_post_taken_down")
def email_on_post_taken_down(sender, post, reason, **details):
    notifications.post_taken_down(post, reason)


# A suspended or revoked merchant's posts are hidden by the query of every public page (JobPost.objects.public
# reads the listing status), so `listing_status_changed` needs no receiver here.
