"""The feedback pages over HTTP, without JavaScript: plain forms posted to the server, refusals shown as translated
messages on the same page, and the account pages' cards in place of "coming soon"."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from market.accounts.roles import Role
from market.feedback import services
from market.feedback.models import Complaint, ComplaintState, Review, ReviewState
from tests.factories import UserFactory
from tests.feedback.factories import ComplaintFactory, ReviewFactory, recount

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def merchant_page(shop):
    return f"/en/merchants/{shop.merchant.pk}/"


def test_the_merchant_page_shows_the_average_the_outlets_and_the_latest_reviews(client, shop):
    ReviewFactory(location=shop.outlet, rating=5, text="衬衫熨得很平整。")
    ReviewFactory(location=shop.outlet, rating=4)
    ReviewFactory(location=shop.second_outlet, rating=2, text="等得太久了。")
    ReviewFactory(location=shop.outlet, rating=1, state=ReviewState.PENDING, text="waiting for a moderator")
    recount(shop.merchant)

    page = client.get(merchant_page(shop)).content.decode()

    assert "3.7 out of 5 from 3 ratings" in page
    assert "4.5 out of 5 from 2 ratings" in page and "2.0 out of 5 from 1 rating" in page
    assert "衬衫熨得很平整。" in page and "等得太久了。" in page
    assert "waiting for a moderator" not in page
    assert "Make a complaint" in page
    assert f'href="/en/feedback/outlets/{shop.outlet.pk}/review/"' in page


def test_a_visitor_sees_a_new_review_and_the_merchants_reply_on_the_next_request(client, shop, committed):
    assert "No ratings yet" in client.get(merchant_page(shop)).text

    review = committed(services.submit_review, shop.resident, shop.outlet, 4, "洗得很干净，价格合理。")

    page = client.get(merchant_page(shop)).text
    assert page.count("4.0 out of 5 from 1 rating") == 3, "under the name, in the section and on the outlet's line"
    assert "洗得很干净，价格合理。" in page

    committed(services.reply_to_review, review, shop.owner, "谢谢您的肯定。")

    assert "谢谢您的肯定。" in client.get(merchant_page(shop)).text


def test_what_visitors_see_is_not_what_a_signed_in_resident_sees(client, shop, committed):
    committed(services.submit_review, shop.resident, shop.outlet, 4, "洗得很干净，价格合理。")
    visitor = client.get(merchant_page(shop)).text
    assert "Rate and review" in visitor and "Edit your review" not in visitor

    client.force_login(shop.resident)
    resident = client.get(merchant_page(shop)).text
    client.force_login(shop.owner)
    owner = client.get(merchant_page(shop)).text
    client.logout()

    assert "Edit your review" in resident
    assert "Rate and review" not in owner and "Edit your review" not in owner
    assert "Edit your review" not in client.get(merchant_page(shop)).text


def test_a_merchant_without_reviews_invites_the_first(client, shop):
    page = client.get(merchant_page(shop)).content.decode()

    assert "No ratings yet" in page
    assert "Nobody has reviewed this merchant yet" in page


def test_a_visitor_is_asked_to_sign_in_before_rating(client, shop):
    response = client.get(f"/en/feedback/outlets/{shop.outlet.pk}/review/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/?next=")


def test_a_resident_rates_an_outlet_through_the_form_then_edits_it(client, shop):
    client.force_login(shop.resident)
    url = f"/en/feedback/outlets/{shop.outlet.pk}/review/"

    response = client.post(url, {"rating": "4", "text": "洗得很干净，价格合理。"}, follow=True)

    assert response.redirect_chain[-1][0] == merchant_page(shop) + "#reviews"
    assert "Thank you: your review is published." in response.content.decode()
    assert "4.0 out of 5 from 1 rating" in response.content.decode()
    edit = client.get(url).content.decode()
    assert "Edit your review" in edit and "洗得很干净，价格合理。" in edit
    client.post(url, {"rating": "3", "text": "洗得干净，但取衣要排队。"})
    assert Review.objects.get().rating == 3


def test_the_form_says_what_is_missing_and_keeps_what_was_typed(client, shop):
    client.force_login(shop.resident)

    response = client.post(f"/en/feedback/outlets/{shop.outlet.pk}/review/", {"text": "还不错的一家店"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a rating from 1 to 5 stars." in page
    assert "还不错的一家店" in page


def test_a_held_review_is_explained_to_its_author(client, shop):
    client.force_login(shop.resident)

    response = client.post(
        f"/en/feedback/outlets/{shop.outlet.pk}/review/",
        {"rating": "5", "text": "优惠券请看 www.laundry-deals.cn"},
        follow=True,
    )

    page = response.content.decode()
    assert "Your review will appear once a moderator has read it (Contains a link)." in page
    assert "Waiting for a moderator" in page


def test_a_merchant_is_told_it_cannot_review_itself(client, shop):
    client.force_login(shop.owner)

    response = client.post(f"/en/feedback/outlets/{shop.outlet.pk}/review/", {"rating": "5", "text": "我们最好。"})

    assert "You cannot rate or review your own business." in response.content.decode()
    assert not Review.objects.exists()


def test_a_resident_deletes_their_review_after_confirming(client, shop):
    review = services.submit_review(shop.resident, shop.outlet, 4, "洗得很干净，价格合理。")
    client.force_login(shop.resident)

    assert "Delete your review" in client.get(f"/en/feedback/reviews/{review.pk}/delete/").content.decode()
    client.post(f"/en/feedback/reviews/{review.pk}/delete/")

    review.refresh_from_db()
    assert review.state == ReviewState.WITHDRAWN
    client.force_login(shop.neighbour)
    assert client.post(f"/en/feedback/reviews/{review.pk}/delete/").status_code == 404


def test_a_visitor_reports_a_review(client, shop):
    review = ReviewFactory(location=shop.outlet)

    response = client.post(f"/en/feedback/reviews/{review.pk}/report/", {"reason": "spam"}, follow=True)

    assert "A moderator will read the review" in response.content.decode()
    assert review.reports.get().reporter is None


def test_a_visitor_complains_with_a_phone_number_and_follows_it_by_its_link(client, shop):
    url = f"/en/feedback/merchants/{shop.merchant.pk}/complain/"
    assert "How the bureau answers you" in client.get(url).content.decode()

    missing = client.post(url, {"category": "price", "description": "收费比价目表贵了一倍，不肯退。"})
    assert "Give a phone number or an e-mail address" in missing.content.decode()

    response = client.post(
        url,
        {
            "category": "price",
            "location": shop.outlet.pk,
            "description": "收费比价目表贵了一倍，不肯退。",
            "contact_phone": "139 1234 5678",
            "evidence": [SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")],
        },
        follow=True,
    )

    complaint = Complaint.objects.get()
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/en/feedback/complaints/follow/{complaint.tracking_token}/"
    assert complaint.reference in page and "The bureau answers by" in page
    assert complaint.evidence.count() == 1
    assert response["Cache-Control"] == "private, no-store"


def test_a_resident_follows_their_complaint_on_their_page_and_nobody_else_can(client, shop):
    complaint = ComplaintFactory(organization=shop.merchant, complainant=shop.resident)
    client.force_login(shop.resident)

    mine = client.get("/en/feedback/").content.decode()
    page = client.get(f"/en/feedback/complaints/{complaint.pk}/").content.decode()

    assert complaint.reference in mine
    assert "The bureau received your complaint." not in page  # the factory wrote no event
    assert complaint.description in page
    client.force_login(shop.neighbour)
    assert client.get(f"/en/feedback/complaints/{complaint.pk}/").status_code == 404


def test_the_merchant_replies_and_responds_to_the_bureau_from_its_pages(client, shop):
    review = ReviewFactory(location=shop.outlet, rating=2)
    complaint = ComplaintFactory(
        organization=shop.merchant,
        state=ComplaintState.AWAITING_MERCHANT,
        merchant_request="A customer says the price list was not shown.",
        merchant_asked_at=review.created_at,
        merchant_response_due_on=review.created_at.date(),
    )
    client.force_login(shop.owner)

    index = client.get("/en/feedback/merchant/").content.decode()
    assert complaint.reference in index and "Reply" in index
    client.post(f"/en/feedback/merchant/reviews/{review.pk}/reply/", {"text": "抱歉，我们会改进。"})
    page = client.get(f"/en/feedback/merchant/complaints/{complaint.pk}/").content.decode()
    assert "A customer says the price list was not shown." in page
    client.post(f"/en/feedback/merchant/complaints/{complaint.pk}/", {"response": "价目表已经贴在门口。"})

    complaint.refresh_from_db()
    assert review.reply.text == "抱歉，我们会改进。"
    assert complaint.state == ComplaintState.MERCHANT_RESPONDED
    assert client.get(f"/en/feedback/merchant/reviews/{review.pk}/reply/").status_code == 302


def test_a_complaint_the_bureau_has_not_put_to_the_merchant_is_not_theirs_to_see(client, shop):
    complaint = ComplaintFactory(organization=shop.merchant)
    client.force_login(shop.owner)

    assert client.get(f"/en/feedback/merchant/complaints/{complaint.pk}/").status_code == 404
    assert complaint.reference not in client.get("/en/feedback/merchant/").content.decode()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.REVIEWER])
def test_merchant_pages_are_for_merchants(client, db, role):
    client.force_login(UserFactory(role=role))

    assert client.get("/en/feedback/merchant/").status_code == 403


def test_the_resident_account_page_has_the_real_card_not_coming_soon(client, shop):
    ReviewFactory(location=shop.outlet, author=shop.resident)
    client.force_login(shop.resident)

    page = client.get("/en/accounts/").content.decode()

    card = re.search(r"<h3>My ratings and complaints</h3>.*?Find a merchant to rate", page, re.S).group(0)
    assert "Coming soon" not in card
    assert "1 review written" in card
    assert 'href="/en/feedback/"' in card


def test_the_merchant_account_page_counts_what_waits_for_it(client, shop):
    ReviewFactory(location=shop.outlet, rating=3)
    recount(shop.merchant)
    client.force_login(shop.owner)

    page = client.get("/en/accounts/").content.decode()

    assert "1 review without your reply." in page
    assert "3.0 out of 5 from 1 rating" in page


def test_every_page_is_in_chinese_at_the_root(client, shop):
    ReviewFactory(location=shop.outlet, rating=5)
    recount(shop.merchant)

    page = client.get(f"/merchants/{shop.merchant.pk}/").content.decode()

    assert "评分和评价" in page
    assert "我要投诉" in page
