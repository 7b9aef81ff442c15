"""Flexible work follows its own events: the emails at each step, sent after the commit, and the open posts the
merchant's public page keeps for visitors (registry.merchant_cache)."""

from django.dispatch import receiver

from market.jobs import notifications, signals
from market.jobs.models import JobApplication, JobApplicationState, JobPost
from market.registry import merchant_cache


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


@receiver(signals.post_changed, sender=JobPost, dispatch_uid="jobs.forget_merchant_page_posts")
@receiver(signals.post_taken_down, sender=JobPost, dispatch_uid="jobs.forget_merchant_page_post_taken_down")
def forget_merchant_page_posts(sender, post, **details):
    merchant_cache.merchants_changed([post.organization_id])


@receiver(signals.application_changed, sender=JobApplication, dispatch_uid="jobs.forget_merchant_page_places")
def forget_merchant_page_places(sender, application, **details):
    """A hire fills a place: the card's places left."""
    merchant_cache.merchants_changed([application.post.organization_id])
