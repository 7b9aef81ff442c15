"""The bureau's feedback screens in the Wagtail admin: the moderation queue and the complaint pages with their acts,
the private evidence, the dashboard panel, the reports with their exports, and the merchant's complaint record."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.feedback import services
from market.feedback.models import BlockedWord, ComplaintOutcome, ComplaintState, ReviewState
from tests.factories import LocationFactory, UserFactory
from tests.feedback.factories import ComplaintFactory, ReviewFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def act(client, path, name, **fields):
    return client.post(f"{path}act/{name}/", {f"{name}-{key}": value for key, value in fields.items()})


def filed_with_evidence(shop):
    return services.file_complaint(
        organization=shop.merchant,
        location=shop.outlet,
        category="price",
        description="洗一件衬衫收了二十元，价目表上写的是八元。",
        complainant=shop.resident,
        evidence=[SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")],
    )


def test_the_moderation_queue_puts_what_waits_first_and_a_moderator_publishes_it(client, shop):
    ReviewFactory(location=shop.outlet, text="an old published review")
    held = services.submit_review(shop.resident, shop.outlet, 5, "优惠券请看 www.laundry-deals.cn")
    client.force_login(shop.reviewer)

    queue = client.get("/admin/feedback/reviews/").content.decode()
    page = client.get(f"/admin/feedback/reviews/{held.pk}/").content.decode()
    act(client, f"/admin/feedback/reviews/{held.pk}/", "approve_review", note="The merchant's own coupon page.")

    assert f"/admin/feedback/reviews/{held.pk}/" in queue
    assert "含有链接" in page and shop.resident.username in page  # the admin speaks the staff's language
    held.refresh_from_db()
    assert held.state == ReviewState.PUBLISHED


def test_a_reported_review_is_kept_or_removed_from_its_page(client, shop):
    review = ReviewFactory(location=shop.outlet)
    services.report_review(review, None, "false", "Never went there.")
    client.force_login(shop.reviewer)

    assert "Never went there." in client.get(f"/admin/feedback/reviews/{review.pk}/").content.decode()
    act(client, f"/admin/feedback/reviews/{review.pk}/", "remove_review", reason="Not a real visit.")

    review.refresh_from_db()
    assert review.state == ReviewState.REMOVED


def test_a_reviewer_handles_a_complaint_from_its_page(client, shop):
    complaint = filed_with_evidence(shop)
    path = f"/admin/feedback/complaints/{complaint.pk}/"
    client.force_login(shop.reviewer)

    page = client.get(path).content.decode()
    assert shop.resident.username in page and shop.resident.phone in page
    assert "洗一件衬衫收了二十元" in page
    act(client, path, "assign_complaint", assignee=shop.reviewer.pk)
    act(client, path, "ask_merchant", request="Explain the price charged for a shirt.", working_days=5)
    act(client, path, "record_outcome", outcome=ComplaintOutcome.PARTLY_UPHELD, reasons="The price list was old.")

    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.CLOSED
    assert complaint.outcome == ComplaintOutcome.PARTLY_UPHELD
    assert complaint.merchant_response_due_on == datetime.date(2026, 3, 18)


def test_a_refused_act_says_why_and_changes_nothing(client, shop):
    complaint = ComplaintFactory(organization=shop.merchant)
    client.force_login(shop.reviewer)

    response = act(client, f"/admin/feedback/complaints/{complaint.pk}/", "ask_merchant", request="?", working_days=5)

    messages = [str(message).strip() for message in response.wsgi_request._messages]
    assert messages == ["请先分配投诉，再要求商户答复。"]
    complaint.refresh_from_db()
    assert complaint.state == ComplaintState.RECEIVED


def test_evidence_is_served_to_staff_only_and_never_to_a_reviewer_who_owns_the_shop(client, shop):
    complaint = filed_with_evidence(shop)
    evidence = complaint.evidence.get()
    url = f"/admin/feedback/complaints/{complaint.pk}/evidence/{evidence.pk}/"
    client.force_login(shop.reviewer)

    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"].startswith("private, no-store")
    owner_reviewer = UserFactory(role=Role.REVIEWER)
    shop.merchant.owner = owner_reviewer
    shop.merchant.save()
    client.force_login(owner_reviewer)
    assert client.get(url).status_code == 404
    client.force_login(shop.owner)
    assert client.get(url).status_code == 302  # a merchant never gets into the admin


@pytest.mark.parametrize("role", [Role.EDITOR])
def test_editors_do_not_see_complaints_or_reviews(client, shop, role):
    client.force_login(UserFactory(role=role))

    assert client.get("/admin/feedback/complaints/").status_code == 302
    assert client.get("/admin/feedback/reviews/").status_code == 302
    assert client.get("/admin/feedback/reports/satisfaction_by_category/").status_code == 302


def test_the_dashboard_shows_overdue_complaints_beside_the_licensing_workload(client, shop, clock):
    complaint = ComplaintFactory(organization=shop.merchant)
    clock.set(complaint.due_on + datetime.timedelta(days=1))
    client.force_login(shop.reviewer)

    page = client.get("/admin/").content.decode()

    assert "1 件投诉已超期" in page
    assert page.index('id="licensing-workload') < page.index('id="feedback-workload')


@pytest.mark.parametrize(
    "report",
    [
        "satisfaction_by_category",
        "satisfaction_by_district",
        "satisfaction_by_month",
        "complaints_by_month",
        "complaints_by_category",
        "rising_complaints",
    ],
)
def test_every_report_renders_with_its_chart_and_exports(client, shop, report):
    ReviewFactory(location=shop.outlet, rating=5)
    for _ in range(2):
        ComplaintFactory(organization=shop.merchant, location=shop.outlet)
    client.force_login(shop.approver)

    page = client.get(f"/admin/feedback/reports/{report}/")
    csv = client.get(f"/admin/feedback/reports/{report}/?export=csv")
    xlsx = client.get(f"/admin/feedback/reports/{report}/?export=xlsx")

    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert csv.status_code == 200 and csv["Content-Disposition"].startswith("attachment; filename=")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_satisfaction_and_complaint_reports_count_right(client, shop, clock):
    shop.merchant.categories.add(LocationFactory().organization.categories.create(code="laundry", name="洗衣"))
    for rating in (5, 4, 1):
        ReviewFactory(location=shop.outlet, rating=rating)
    complaint = ComplaintFactory(organization=shop.merchant, state=ComplaintState.ASSIGNED)
    clock.set(datetime.date(2026, 3, 16))
    services.record_outcome(complaint, shop.reviewer, ComplaintOutcome.UPHELD, "Overcharged.")
    client.force_login(shop.reviewer)

    by_category = client.get("/admin/feedback/reports/satisfaction_by_category/?export=csv").content.decode()
    by_month = client.get("/admin/feedback/reports/complaints_by_month/?export=csv").content.decode()

    assert "洗衣,3,3.33,66.7" in by_category
    assert "2026-03,1,1,1,0,3.0" in by_month  # received Wednesday 11th, answered Monday 16th: 3 working days


def test_the_approver_sees_upheld_complaints_on_the_staff_merchant_page(shop, client):
    complaint = ComplaintFactory(organization=shop.merchant, state=ComplaintState.ASSIGNED)
    services.record_outcome(complaint, shop.reviewer, ComplaintOutcome.UPHELD, "Overcharged by ¥12.")
    approver = UserFactory(role=Role.APPROVER)
    profile = UserProfile.get_for_user(approver)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(approver)

    # Licensing's merchant page shows what feedback adds through its hook; licensing never imports feedback.
    html = client.get(f"/admin/merchants/{shop.merchant.pk}/").content.decode()

    assert "Complaint record" in html and "1 complaint upheld in full or in part" in html
    assert complaint.reference in html and "Overcharged by ¥12." in html


def test_administrators_keep_the_blocked_words(client, db):
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    client.force_login(administrator)

    client.post("/admin/snippets/feedback/blockedword/add/", {"word": "骗子", "note": "Insults"})

    assert BlockedWord.objects.filter(word="骗子").exists()
    client.force_login(UserFactory(role=Role.REVIEWER))
    assert client.post("/admin/snippets/feedback/blockedword/add/", {"word": "坏蛋"}).status_code == 302
    assert not BlockedWord.objects.filter(word="坏蛋").exists()


def test_the_averages_feed_search_through_one_query_and_a_signal(shop, django_capture_on_commit_callbacks):
    from market.feedback import ratings, signals

    heard = []

    def listener(sender, organization_ids, **kwargs):
        heard.append(organization_ids)

    signals.ratings_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.submit_review(shop.resident, shop.outlet, 3, "衬衫熨得还可以，价格稍贵。")
    finally:
        signals.ratings_changed.disconnect(listener)

    assert heard == [[shop.merchant.pk]]
    assert ratings.ratings_for([shop.merchant.pk, 999_999]) == {
        shop.merchant.pk: ratings.Rating(average=ratings.average_of(3, 1), count=1)
    }
