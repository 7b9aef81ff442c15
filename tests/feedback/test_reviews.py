"""Ratings and reviews: one per resident and outlet, editable with every version kept, replied to once by the
merchant, reported by anyone, and never written by the merchant about itself."""

import pytest
from django.core import mail

from market.accounts.roles import Role
from market.errors import NotPermitted
from market.feedback import ratings, services
from market.feedback.errors import FeedbackError
from market.feedback.models import (
    MerchantReply,
    ReportReason,
    Review,
    ReviewAction,
    ReviewReport,
    ReviewState,
)
from market.registry.models import ListingStatus
from tests.factories import LocationFactory, UserFactory

GOOD = "洗得很干净，衬衫熨得平整，店员态度也好。"


def test_a_resident_rates_an_outlet_and_the_review_is_published_at_once(shop):
    review = services.submit_review(shop.resident, shop.outlet, 4, GOOD)

    assert review.state == ReviewState.PUBLISHED
    assert review.organization == shop.merchant
    assert [(version.number, version.rating, version.text) for version in review.revisions.all()] == [(1, 4, GOOD)]
    assert list(review.events.values_list("action", "actor", "to_state")) == [
        (ReviewAction.SUBMITTED, shop.resident.pk, ReviewState.PUBLISHED)
    ]
    assert ratings.merchant_rating(shop.merchant) == ratings.Rating(average=ratings.average_of(4, 1), count=1)
    assert ratings.outlet_ratings_for([shop.outlet.pk])[shop.outlet.pk].count == 1


def test_a_second_review_of_the_same_outlet_by_the_same_resident_is_refused_with_a_clear_message(shop):
    services.submit_review(shop.resident, shop.outlet, 4, GOOD)

    with pytest.raises(FeedbackError) as refusal:
        services.submit_review(shop.resident, shop.outlet, 1, "第二次来，服务变差了很多，很失望。")

    assert str(refusal.value) == (
        "You have already reviewed this outlet. Edit your review instead of writing a second one."
    )
    assert Review.objects.filter(author=shop.resident).count() == 1
    assert ratings.merchant_rating(shop.merchant).count == 1


def test_the_same_resident_may_review_another_outlet_and_again_after_deleting(shop):
    first = services.submit_review(shop.resident, shop.outlet, 4, GOOD)
    services.submit_review(shop.resident, shop.second_outlet, 5, "鼓楼店的师傅手艺很好，衣服洗得干净。")
    services.withdraw_review(first, shop.resident)

    again = services.submit_review(shop.resident, shop.outlet, 2, "这次洗坏了一件衬衫，赔偿也不积极。")

    assert again.state == ReviewState.PUBLISHED
    assert first.state == ReviewState.WITHDRAWN
    assert ratings.merchant_rating(shop.merchant).count == 2


def test_a_merchant_cannot_review_its_own_outlet_even_with_a_resident_account(shop):
    with pytest.raises(FeedbackError, match="You cannot rate or review your own business"):
        services.submit_review(shop.owner, shop.outlet, 5, "我们店是全城最好的洗衣店，欢迎光临！")
    shop.owner.groups.add(UserFactory(role=Role.RESIDENT).groups.get())
    with pytest.raises(FeedbackError, match="You cannot rate or review your own business"):
        services.submit_review(shop.owner, shop.outlet, 5, "我们店是全城最好的洗衣店，欢迎光临！")

    assert not Review.objects.exists()


@pytest.mark.parametrize("role", [Role.MERCHANT, Role.REVIEWER, Role.APPROVER, Role.EDITOR])
def test_only_residents_write_reviews(shop, role):
    with pytest.raises(NotPermitted, match="Ratings and reviews are written by residents"):
        services.submit_review(UserFactory(role=role), shop.outlet, 3, GOOD)


def test_an_outlet_of_a_merchant_off_the_register_cannot_be_rated(shop):
    suspended = LocationFactory(organization__listing_status=ListingStatus.SUSPENDED)

    with pytest.raises(FeedbackError, match="not on the public register"):
        services.submit_review(shop.resident, suspended, 3, GOOD)


@pytest.mark.parametrize(
    ("rating", "text", "message"), [(0, GOOD, "from 1 to 5"), (6, GOOD, "from 1 to 5"), (3, "  ", "Write a few words")]
)
def test_a_rating_and_some_words_are_needed(shop, rating, text, message):
    with pytest.raises(FeedbackError, match=message):
        services.submit_review(shop.resident, shop.outlet, rating, text)


def test_editing_keeps_every_version_and_moves_the_average(shop, clock):
    review = services.submit_review(shop.resident, shop.outlet, 5, GOOD)
    clock.advance(days=2)

    services.edit_review(review, shop.resident, 2, "第二次去把我的羊毛衫洗缩水了，不推荐。")

    assert review.state == ReviewState.PUBLISHED
    assert [(version.number, version.rating) for version in review.revisions.order_by("number")] == [(1, 5), (2, 2)]
    assert review.updated_at > review.published_at
    assert ratings.merchant_rating(shop.merchant).average == ratings.average_of(2, 1)
    assert review.events.last().action == ReviewAction.EDITED


def test_only_the_author_edits_or_deletes_and_an_unchanged_edit_says_so(shop):
    review = services.submit_review(shop.resident, shop.outlet, 5, GOOD)

    with pytest.raises(NotPermitted):
        services.edit_review(review, shop.neighbour, 1, "冒充别人修改评价。冒充别人修改评价。")
    with pytest.raises(NotPermitted):
        services.withdraw_review(review, shop.owner)
    with pytest.raises(FeedbackError, match="Nothing has changed"):
        services.edit_review(review, shop.resident, 5, GOOD)


def test_an_edit_after_a_moderator_removed_the_review_goes_back_to_a_moderator(shop):
    review = services.submit_review(shop.resident, shop.outlet, 1, "店员态度恶劣，还骂人，再也不会去了。")
    services.remove_review(review, shop.reviewer, "Names a member of staff.")

    services.edit_review(review, shop.resident, 2, "店员态度不好，说话难听，希望改进。")

    assert review.state == ReviewState.PENDING
    assert ratings.merchant_rating(shop.merchant).count == 0


def test_the_merchant_replies_once_in_public(shop):
    review = services.submit_review(shop.resident, shop.outlet, 2, "等了四十分钟才拿到衣服，太慢了。")

    reply = services.reply_to_review(review, shop.owner, "抱歉让您久等，我们已增加了周末的人手。")

    assert reply.review == review
    with pytest.raises(FeedbackError, match="You have already replied to this review"):
        services.reply_to_review(review, shop.owner, "再补充一句。")
    assert MerchantReply.objects.count() == 1
    assert review.events.last().action == ReviewAction.REPLIED


def test_another_merchant_cannot_reply_and_a_reply_carries_no_link(shop):
    review = services.submit_review(shop.resident, shop.outlet, 2, "等了四十分钟才拿到衣服，太慢了。")
    rival = LocationFactory().organization.owner

    with pytest.raises(NotPermitted, match="Only the merchant whose outlet was reviewed can reply"):
        services.reply_to_review(review, rival, "来我们店吧，更快。")
    with pytest.raises(FeedbackError, match="Replies cannot contain links"):
        services.reply_to_review(review, shop.owner, "详情请看 www.linli-laundry.cn")


def test_anyone_reports_a_review_once_and_it_stays_up_until_a_moderator_decides(shop):
    review = services.submit_review(shop.resident, shop.outlet, 1, "这家店是骗子，大家别去，老板人品太差。")

    services.report_review(review, shop.owner, ReportReason.OFFENSIVE, "Calls us crooks.")
    services.report_review(review, None, ReportReason.FALSE)
    with pytest.raises(FeedbackError, match="You have already reported this review"):
        services.report_review(review, shop.owner, ReportReason.OFFENSIVE)
    with pytest.raises(NotPermitted, match="You cannot report your own review"):
        services.report_review(review, shop.resident, ReportReason.SPAM)

    assert review.reports.count() == 2
    review.refresh_from_db()
    assert review.state == ReviewState.PUBLISHED


def test_a_moderator_keeps_or_removes_a_reported_review_and_the_author_is_told(shop, committed):
    kept = services.submit_review(shop.resident, shop.outlet, 2, "等了四十分钟才拿到衣服，太慢了。")
    removed = services.submit_review(shop.neighbour, shop.outlet, 1, "老板王某某是个骗子，电话13900001111。")
    for review in (kept, removed):
        services.report_review(review, shop.owner, ReportReason.PERSONAL)

    services.keep_reported_review(kept, shop.reviewer, "A fair complaint about waiting.")
    with pytest.raises(FeedbackError, match="no report waiting"):
        services.keep_reported_review(kept, shop.reviewer)
    committed(services.remove_review, removed, shop.reviewer, "It gives a person's name and phone number.")

    assert set(ReviewReport.objects.values_list("resolution", flat=True)) == {"kept", "removed"}
    assert removed.state == ReviewState.REMOVED
    assert ratings.merchant_rating(shop.merchant) == ratings.Rating(average=ratings.average_of(2, 1), count=1)
    (email,) = mail.outbox
    assert email.to == [shop.neighbour.email]
    assert "It gives a person's name and phone number." in email.body


def test_a_moderator_never_decides_on_their_own_review_or_their_own_shop(shop):
    moderator = UserFactory(role=Role.REVIEWER)
    moderator.groups.add(UserFactory(role=Role.RESIDENT).groups.get())
    own = services.submit_review(moderator, shop.outlet, 5, "我自己写的评价，应该由别人审核才对。")
    services.report_review(own, shop.owner, ReportReason.FALSE)

    with pytest.raises(NotPermitted):
        services.remove_review(own, moderator, "My own.")
    assert shop.reviewer.has_perm("feedback.moderate_review", own)
    assert not shop.owner.has_perm("feedback.moderate_review", own)
