"""This app's emails follow its own signals, which are sent once the change is committed (FeedbackConfig.ready
imports this module); so does what the merchant's public page keeps of its ratings and reviews
(registry.merchant_cache)."""

from django.dispatch import receiver

from market.feedback import notifications, signals
from market.registry import merchant_cache


@receiver(signals.complaint_filed, dispatch_uid="feedback.email_complaint_received")
def email_complaint_received(sender, complaint, **details):
    notifications.complaint_received(complaint)


@receiver(signals.merchant_asked_to_respond, dispatch_uid="feedback.email_merchant_asked")
def email_merchant_asked(sender, complaint, **details):
    notifications.merchant_asked_to_respond(complaint)


@receiver(signals.complaint_outcome_recorded, dispatch_uid="feedback.email_complaint_answered")
def email_complaint_answered(sender, complaint, **details):
    notifications.complaint_answered(complaint)
    notifications.merchant_told_outcome(complaint)


@receiver(signals.review_taken_down, dispatch_uid="feedback.email_review_taken_down")
def email_review_taken_down(sender, review, reason, **details):
    notifications.review_taken_down(review, reason)


@receiver(signals.ratings_changed, dispatch_uid="feedback.forget_merchant_page_ratings")
def forget_merchant_page_ratings(sender, organization_ids, **details):
    merchant_cache.merchants_changed(organization_ids)


@receiver(signals.review_replied, dispatch_uid="feedback.forget_merchant_page_reply")
def forget_merchant_page_reply(sender, review, **details):
    merchant_cache.merchants_changed([review.organization_id])
