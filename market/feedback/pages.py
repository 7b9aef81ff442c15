"""What the feedback pages show, shaped for the templates: the merchant page's ratings and reviews, the resident's
reviews and complaints, the merchant's reviews to answer and complaints to respond to. The views stay thin.
"""

from dataclasses import dataclass

from django.db.models import Count

from market import clock_source
from market.feedback import ratings
from market.feedback.models import (
    Complaint,
    ComplaintAction,
    ComplaintEvent,
    ComplaintState,
    MerchantReply,
    Review,
    ReviewState,
)
from market.registry import merchant_cache

REVIEWS_ON_MERCHANT_PAGE = 5


def published_reviews(organization):
    """A merchant's published reviews with their outlets and replies, the latest first. Nothing in them names
    the author: the public page and the merchant read the same rows."""
    return (
        Review.objects.published()
        .filter(organization=organization)
        .select_related("location", "organization", "reply")
        .order_by("-published_at", "-pk")
    )


@dataclass(frozen=True)
class OutletLine:
    location: object
    rating: ratings.Rating
    own_review: Review | None
    may_review: bool


def merchant_page_rating(organization) -> ratings.Rating:
    """The merchant's average and count for its public page (the summary under its name and the section below
    read it once), kept with the page (registry.merchant_cache) until a review changes it."""
    return merchant_cache.cached(
        organization.pk, "rating", lambda: (ratings.merchant_rating(organization), None), moment=clock_source.now()
    )


def merchant_section(organization, user) -> dict:
    """The merchant page's ratings: the merchant's average, each outlet's, the latest reviews and what the person
    looking may do (rate an outlet, edit their own review, complain)."""
    outlets = list(organization.locations.all())
    by_outlet = ratings.outlet_ratings_for([outlet.pk for outlet in outlets])
    signed_in = user is not None and user.is_authenticated
    own = {}
    if signed_in:
        own = {review.location_id: review for review in Review.objects.live().filter(author=user, location__in=outlets)}
    lines = [
        OutletLine(
            location=outlet,
            rating=by_outlet.get(outlet.pk, ratings.NO_RATING),
            own_review=own.get(outlet.pk),
            # Visitors are offered the link and asked to sign in; a merchant or a member of staff is not offered it.
            may_review=not signed_in or outlet.pk in own or user.has_perm("feedback.write_review", outlet),
        )
        for outlet in outlets
    ]
    reviews = published_reviews(organization)
    return {
        "organization": organization,
        "rating": merchant_page_rating(organization),
        "outlets": lines,
        "reviews": list(reviews[:REVIEWS_ON_MERCHANT_PAGE]),
        "more_reviews": reviews.count() > REVIEWS_ON_MERCHANT_PAGE,
        "may_complain": not signed_in or user.has_perm("feedback.file_complaint", organization),
        "user": user,
    }


def own_reviews(user):
    return (
        Review.objects.live()
        .filter(author=user)
        .select_related("location", "organization", "reply")
        .order_by("-updated_at", "-pk")
    )


def own_complaints(user):
    return Complaint.objects.filter(complainant=user).select_related("organization", "location")


# What the complainant's timeline shows of each step; the bureau's request to the merchant and the merchant's
# words stay between them.
COMPLAINANT_SEES = [
    ComplaintAction.FILED,
    ComplaintAction.ASSIGNED,
    ComplaintAction.MERCHANT_ASKED,
    ComplaintAction.MERCHANT_RESPONDED,
    ComplaintAction.OUTCOME_RECORDED,
]


def complainant_timeline(complaint) -> list[ComplaintEvent]:
    events = complaint.events.filter(action__in=COMPLAINANT_SEES).order_by("at", "pk")
    seen, timeline = set(), []
    for event in events:
        # A re-assignment is the bureau's own business: the complainant sees that handling started, once.
        if event.action == ComplaintAction.ASSIGNED and event.action in seen:
            continue
        seen.add(event.action)
        timeline.append(event)
    return timeline


def complaint_context(complaint) -> dict:
    today = clock_source.today()
    return {
        "complaint": complaint,
        "timeline": complainant_timeline(complaint),
        "evidence_count": complaint.evidence.count(),
        "overdue": complaint.is_overdue(today),
        "today": today,
    }


def merchant_reviews_for(user):
    """Published reviews of the merchant's own outlets, those without a reply first."""
    return (
        Review.objects.published()
        .filter(organization__owner=user)
        .select_related("location", "organization", "reply")
        .annotate(has_reply=Count("reply"))
        .order_by("has_reply", "-published_at", "-pk")
    )


def merchant_complaints_for(user):
    """The complaints the bureau has put to the merchant or answered; never who made them."""
    return (
        Complaint.objects.seen_by_merchant()
        .filter(organization__owner=user)
        .select_related("organization", "location")
        .order_by("-received_at", "-pk")
    )


def resident_overview(user) -> dict:
    reviews = Review.objects.live().filter(author=user)
    complaints = Complaint.objects.filter(complainant=user)
    return {
        "reviews": reviews.count(),
        "waiting_reviews": reviews.filter(state=ReviewState.PENDING).count(),
        "open_complaints": complaints.open().count(),
        "answered_complaints": complaints.filter(state=ComplaintState.CLOSED).count(),
    }


def merchant_overview(user) -> dict:
    organizations = list(user.organizations.all())
    reviews = Review.objects.published().filter(organization__in=organizations)
    complaints = Complaint.objects.filter(organization__in=organizations)
    summaries = ratings.ratings_for([organization.pk for organization in organizations])
    return {
        "ratings": [
            (organization, summaries.get(organization.pk, ratings.NO_RATING)) for organization in organizations
        ],
        "unanswered_reviews": reviews.filter(reply__isnull=True).count(),
        "complaints_to_answer": complaints.filter(state=ComplaintState.AWAITING_MERCHANT).count(),
        "late": complaints.merchant_late(clock_source.today()).count(),
    }


def reply_of(review) -> MerchantReply | None:
    try:
        return review.reply
    except MerchantReply.DoesNotExist:
        return None
