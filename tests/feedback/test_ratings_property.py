"""The averages stay correct whatever residents and moderators do, in any order: after every step, each outlet's
and the merchant's summary equal what the published reviews themselves say (a property-based test)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from market.accounts.roles import Role
from market.errors import AppError
from market.feedback import ratings, services
from market.feedback.models import MerchantRating, OutletRating, Review, ReviewState
from tests.factories import LocationFactory, OrganizationFactory, UserFactory

RESIDENTS = 3
OUTLETS = 2
# Words that pass every check, and one that trips the link check (held for a moderator).
TEXTS = [
    "衬衫洗得干净，熨得也平整。",
    "价格公道，和价目表一致。",
    "排队有点久，但服务态度好。",
    "洗坏了一件毛衣，赔偿很慢。",
    "详情请看 www.laundry-deals.cn",
]

step = st.one_of(
    st.tuples(
        st.just("write"),
        st.integers(0, RESIDENTS - 1),
        st.integers(0, OUTLETS - 1),
        st.integers(1, 5),
        st.integers(0, len(TEXTS) - 1),
    ),
    st.tuples(
        st.just("edit"),
        st.integers(0, RESIDENTS - 1),
        st.integers(0, OUTLETS - 1),
        st.integers(1, 5),
        st.integers(0, len(TEXTS) - 1),
    ),
    st.tuples(st.just("delete"), st.integers(0, RESIDENTS - 1), st.integers(0, OUTLETS - 1)),
    st.tuples(st.just("approve"), st.integers(0, RESIDENTS - 1), st.integers(0, OUTLETS - 1)),
    st.tuples(st.just("reject"), st.integers(0, RESIDENTS - 1), st.integers(0, OUTLETS - 1)),
    st.tuples(st.just("remove"), st.integers(0, RESIDENTS - 1), st.integers(0, OUTLETS - 1)),
)


def expected(reviews) -> ratings.Rating:
    published = [review.rating for review in reviews if review.state == ReviewState.PUBLISHED]
    if not published:
        return ratings.NO_RATING
    return ratings.Rating(average=ratings.average_of(sum(published), len(published)), count=len(published))


def stored(summary_model, **key) -> ratings.Rating:
    summary = summary_model.objects.filter(**key).first()
    if summary is None or summary.review_count == 0:
        return ratings.NO_RATING
    assert summary.average == ratings.average_of(summary.rating_total, summary.review_count)
    return ratings.Rating(average=summary.average, count=summary.review_count)


class AveragesFollowEveryChange(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(steps=st.lists(step, min_size=1, max_size=14))
    def test_the_summaries_always_equal_the_published_reviews(self, steps):
        merchant = OrganizationFactory()
        outlets = [LocationFactory(organization=merchant) for _ in range(OUTLETS)]
        residents = [UserFactory(role=Role.RESIDENT) for _ in range(RESIDENTS)]
        moderator = UserFactory(role=Role.REVIEWER)

        for name, resident_index, outlet_index, *details in steps:
            resident, outlet = residents[resident_index], outlets[outlet_index]
            review = Review.objects.live().filter(author=resident, location=outlet).first()
            try:
                if name == "write":
                    services.submit_review(resident, outlet, details[0], TEXTS[details[1]])
                elif review is None:
                    continue
                elif name == "edit":
                    services.edit_review(review, resident, details[0], TEXTS[details[1]])
                elif name == "delete":
                    services.withdraw_review(review, resident)
                elif name == "approve":
                    services.approve_review(review, moderator)
                elif name == "reject":
                    services.reject_review(review, moderator, "Not about this outlet.")
                elif name == "remove":
                    services.remove_review(review, moderator, "Reported and found false.")
            except AppError:
                pass  # a refused step (a second review, an unchanged edit, the wrong state) changes nothing

            reviews = list(Review.objects.filter(organization=merchant))
            assert stored(MerchantRating, organization=merchant) == expected(reviews)
            assert ratings.merchant_rating(merchant) == expected(reviews)
            for each in outlets:
                mine = [review for review in reviews if review.location_id == each.pk]
                assert stored(OutletRating, location=each) == expected(mine)
