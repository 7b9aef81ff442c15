"""Spam and blocked words go to moderation: a review that trips an automatic check waits for a moderator instead of
appearing (or being refused), and does not count in the averages until one publishes it."""

import pytest

from market.feedback import ratings, screening, services
from market.feedback.models import ReviewState
from tests.feedback.factories import BlockedWordFactory, ReviewFactory


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("好", screening.Flag.TOO_SHORT),
        ("好好好好好好好好好好好", screening.Flag.REPEATED),
        ("好评好评好评好评好评", screening.Flag.REPEATED),
        ("good good good good good good", screening.Flag.REPEATED),
        ("洗衣服务不错，详情看 https://cheap-laundry.example.com", screening.Flag.LINK),
        ("洗衣服务不错，优惠请上 www.laundry-deals.cn 领券", screening.Flag.LINK),
        ("洗衣服务不错，想要优惠请加微信 laundry888", screening.Flag.BLOCKED_WORD),
        ("洗衣服务不错，好 评 返 现，五星送十元", screening.Flag.BLOCKED_WORD),
    ],
)
def test_spam_and_blocked_words_go_to_moderation(shop, text, flag):
    review = services.submit_review(shop.resident, shop.outlet, 5, text)

    assert review.state == ReviewState.PENDING
    assert flag in review.screening_flags
    assert ratings.merchant_rating(shop.merchant).count == 0


def test_a_word_an_administrator_blocks_holds_reviews_whatever_its_case_spacing_or_punctuation(shop):
    BlockedWordFactory(word="Crook")

    review = services.submit_review(shop.resident, shop.outlet, 1, "The owner is a c.r.o.o.k, never again here.")

    assert review.state == ReviewState.PENDING
    assert review.screening_flags == [screening.Flag.BLOCKED_WORD]


def test_the_same_words_posted_again_wait_for_a_moderator(shop):
    copied = "这家洗衣店价格实惠，服务热情，取衣速度快，强烈推荐给大家！"
    ReviewFactory(location=shop.second_outlet, text=copied)

    review = services.submit_review(shop.resident, shop.outlet, 5, copied + " ")

    assert review.screening_flags == [screening.Flag.DUPLICATE]


def test_a_short_stock_phrase_from_two_residents_is_not_a_duplicate(shop):
    services.submit_review(shop.neighbour, shop.outlet, 5, "很好，很满意")

    assert services.submit_review(shop.resident, shop.outlet, 5, "很好，很满意").state == ReviewState.PUBLISHED


def test_an_ordinary_review_passes_every_check(shop):
    text = "周末人比较多，排队二十分钟，但衬衫熨得很平整，价格和价目表一致。"

    review = services.submit_review(shop.resident, shop.outlet, 4, text)

    assert review.state == ReviewState.PUBLISHED
    assert review.screening_flags == []


def test_a_moderator_publishes_a_held_review_and_only_then_it_counts(shop):
    review = services.submit_review(shop.resident, shop.outlet, 5, "很好，地址 www.linli.example.cn 可以看价目")

    services.approve_review(review, shop.reviewer, "The link is the merchant's own price list.")

    assert review.state == ReviewState.PUBLISHED
    assert ratings.merchant_rating(shop.merchant).count == 1


def test_a_moderator_turns_a_held_review_down_and_the_author_may_edit_it(shop):
    review = services.submit_review(shop.resident, shop.outlet, 5, "洗衣九折，加微信 laundry888 领券")

    services.reject_review(review, shop.reviewer, "Advertising is not allowed in reviews.")
    services.edit_review(review, shop.resident, 4, "洗衣打九折，服务也不错。")

    assert review.state == ReviewState.PENDING
    assert review.moderation_reason == "Advertising is not allowed in reviews."
