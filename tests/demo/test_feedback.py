"""The demo shows feedback at every step, through the services, and loading it again changes nothing."""

from demo.feedback import load_feedback
from market.feedback.models import Complaint, ComplaintState, MerchantRating, Review, ReviewState
from market.registry.models import Organization


def test_the_demo_has_ratings_a_moderation_queue_and_complaints_at_each_step(demo):
    counts = (Review.objects.count(), Complaint.objects.count())

    assert load_feedback() == 0
    assert (Review.objects.count(), Complaint.objects.count()) == counts
    # The shop the demo reviews: the demo merchant's first listed one (it holds more than one since licensing's demo).
    shop = Organization.objects.listed().filter(owner__username="merchant").first()
    assert shop.rating_summary.review_count == 3
    assert MerchantRating.objects.filter(review_count__gt=0).count() >= 30
    assert Review.objects.filter(state=ReviewState.PENDING).exists()
    assert Review.objects.filter(reports__isnull=False).exists()
    assert set(Complaint.objects.values_list("state", flat=True)) == {
        ComplaintState.RECEIVED,
        ComplaintState.AWAITING_MERCHANT,
        ComplaintState.CLOSED,
    }
    assert Complaint.objects.get(state=ComplaintState.AWAITING_MERCHANT).organization == shop
