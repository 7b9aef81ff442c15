"""Issue 3's "done when": a merchant signs up and applies with a licence, a reviewer asks for more, the merchant
supplies it, the reviewer recommends, the public notice runs out, an approver approves, and the merchant is on
the public register until a suspension takes it off.

Every person's step goes through the pages in Chromium: the portal for the merchant, the Wagtail admin for the
reviewer and the approver. Only the daily job that closes ended notices is called directly, as cron would.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from market import clock_source
from market.accounts.models import User
from market.accounts.roles import Role
from market.licensing.models import Application, ApplicationState
from market.licensing.services.jobs import close_ended_public_notices
from market.registry.models import ListingStatus
from tests.factories import (
    PASSWORD,
    CategoryFactory,
    DistrictFactory,
    SubdistrictFactory,
    UserFactory,
    credit_code,
)
from tests.licensing.factories import PDF_BYTES, LicenceTypeFactory

# Monday 2 March 2026, 10:00 in Nanjing.
START = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
LISTING_LINK = re.compile(r"https?://\S+/merchants/\d+/")
SERIOUS = {"serious", "critical"}


@pytest.fixture
def licensing_clock():
    """The licensing clock, fixed for the test and the live server's threads alike."""
    clock_source.set_now(START)
    yield
    clock_source.set_now(None)


def sign_up_as_merchant(page, username):
    page.goto("/en/accounts/sign-up/")
    page.get_by_label("A merchant").check()
    page.get_by_label("User name").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.cn")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/accounts/$"))
    return User.objects.get(username=username)


@pytest.fixture
def staff_page(request, live_server, sign_in):
    """`staff_page(user)`: a browser of its own for one of the bureau's staff, signed in."""
    browser = request.getfixturevalue("browser")
    contexts = []

    def open_for(user):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        staff = context.new_page()
        staff.set_default_timeout(10_000)
        sign_in(staff, user)
        return staff

    yield open_for
    for context in contexts:
        context.close()


def serious_accessibility_problems(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{item['id']}: {item['help']}" for item in violations if item["impact"] in SERIOUS]


def act_in_the_admin(page, record, action_name, **fields):
    """Submit one of the staff's acts on the admin page of an application or a merchant; it must succeed."""
    section = "review_queue" if isinstance(record, Application) else "merchants"
    page.goto(f"/admin/{section}/{record.pk}/")
    form = page.locator(f"form[action$='/act/{action_name}/']")
    folded = page.locator("details:not([open])", has=form)
    if folded.count():
        folded.locator("summary").click()
    for field, value in fields.items():
        form.locator(f"#id_{action_name}-{field}").fill(value)
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages .success, .messages .error").first).to_be_visible()
    expect(page.locator(".messages .error")).to_have_count(0)
    record.refresh_from_db()


def apply_through_the_portal(page, subdistrict) -> Application:
    """Every step of a new application on /portal/, ending with the submission."""
    page.goto("/en/portal/apply/")
    page.locator("#id_name").fill("南京洁净洗衣服务有限公司")
    page.locator("#id_name_en").fill("Nanjing Clean Laundry Services Co.")
    page.locator("#id_alternate_name").fill("洁净洗衣")
    page.locator("#id_unified_social_credit_code").fill(credit_code(4242))
    page.locator("#id_legal_representative").fill("王洁")
    page.locator("#id_phone").fill("025-84000000")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("Laundry").check()
    page.get_by_role("button", name="Save and continue").click()

    page.locator("#id_name").fill("Gulou outlet")
    page.locator("#id_district").select_option(str(subdistrict.district.pk))
    page.get_by_role("button", name="Show the choices").click()
    page.locator("#id_subdistrict").select_option(str(subdistrict.pk))
    page.locator("#id_address_1").fill("中山北路1号")
    page.locator("#id_latitude").fill("32.066600")
    page.locator("#id_longitude").fill("118.783000")
    page.locator("#id_opens_1").fill("08:00")
    page.locator("#id_closes_1").fill("20:00")
    page.get_by_role("button", name="Save outlet and continue").click()

    page.locator("#id_licence_type").select_option(label="Business licence")
    page.locator("#id_number").fill("JY13201000004242")
    page.locator("#id_issuing_authority").fill("南京市鼓楼区市场监督管理局")
    page.locator("#id_valid_from").fill("2025-01-01")
    page.locator("#id_valid_to").fill("2030-12-31")
    page.locator("#id_file").set_input_files(
        {"name": "营业执照.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Add licence and continue").click()

    page.get_by_role("button", name="Submit the application").click()
    expect(page).to_have_url(re.compile(r"/en/portal/applications/\d+/$"))
    return Application.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_merchant_is_licensed_listed_and_then_suspended(page, staff_page, licensing_clock, private_files):
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    LicenceTypeFactory(
        code="business-licence", name="营业执照", name_en="Business licence", required_for_categories=[laundry]
    )
    subdistrict = SubdistrictFactory(
        name="湖南路街道",
        name_en="Hunan Road",
        district=DistrictFactory(code="320106", name="鼓楼区", name_en="Gulou District"),
    )
    reviewer = UserFactory(role=Role.REVIEWER)
    approver = UserFactory(role=Role.APPROVER)

    # The merchant signs up in the browser, in English.
    merchant = sign_up_as_merchant(page, "cleanlaundry")
    assert merchant.has_role(Role.MERCHANT)
    assert merchant.preferred_language == "en"

    # The merchant applies through the portal's steps.
    application = apply_through_the_portal(page, subdistrict)
    organization = application.organization
    assert application.state == ApplicationState.SUBMITTED
    assert organization.owner == merchant
    assert application.licences.get().number == "JY13201000004242"

    # The reviewer asks for more in the admin.
    reviewer_page = staff_page(reviewer)
    act_in_the_admin(
        reviewer_page, application, "request_information", missing_items="A copy of the lease for the outlet"
    )
    assert application.state == ApplicationState.NEEDS_INFORMATION

    # The merchant answers on the portal.
    page.goto(f"/en/portal/applications/{application.pk}/")
    page.get_by_role("link", name="Answer the request").first.click()
    expect(page.get_by_text("A copy of the lease for the outlet")).to_be_visible()
    page.locator("#id_answer").fill("The lease is attached to the business licence scan.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page).to_have_url(re.compile(rf"/en/portal/applications/{application.pk}/$"))
    application.refresh_from_db()
    assert application.state == ApplicationState.RESUBMITTED

    # The reviewer accepts, reviews and recommends approval, which opens the public notice.
    act_in_the_admin(reviewer_page, application, "accept")
    act_in_the_admin(reviewer_page, application, "start_review")
    act_in_the_admin(reviewer_page, application, "recommend_approval", note="Material complete.")
    assert application.state == ApplicationState.PUBLIC_NOTICE

    # Not on the register while on notice.
    assert page.goto(f"/en/merchants/{organization.pk}/").status == 404

    # The notice runs its working days; the daily job closes it the day after.
    clock_source.set_now(
        timezone.make_aware(datetime.datetime.combine(application.notice_ends_on, datetime.time(10)))
        + datetime.timedelta(days=1)
    )
    assert close_ended_public_notices() == 1

    # The approver approves in the admin.
    approver_page = staff_page(approver)
    act_in_the_admin(approver_page, application, "approve")
    assert application.state == ApplicationState.APPROVED

    # The approval email links to the listing; the merchant follows it.
    (approval,) = [message for message in mail.outbox if message.subject.endswith("approved")]
    link = LISTING_LINK.search(approval.body).group()
    page.goto(urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("洁净洗衣")
    expect(page.get_by_text("JY13201000004242")).to_be_visible()
    expect(page.get_by_text("Business licence")).to_be_visible()
    expect(page.get_by_role("heading", name="Gulou outlet")).to_be_visible()
    expect(page.get_by_role("link", name="View on OpenStreetMap")).to_be_visible()
    assert serious_accessibility_problems(page) == []

    # The category list shows it and leads to it.
    page.goto("/en/merchants/category/laundry/")
    assert serious_accessibility_problems(page) == []
    page.get_by_role("link", name="洁净洗衣").click()
    expect(page).to_have_url(re.compile(rf"/en/merchants/{organization.pk}/$"))

    # The approver suspends the listing from the merchant's admin page.
    act_in_the_admin(approver_page, organization, "suspend", reason="Complaints about prices under investigation.")
    assert organization.listing_status == ListingStatus.SUSPENDED

    assert page.goto(f"/en/merchants/{organization.pk}/").status == 404
    page.goto("/en/merchants/")
    expect(page.get_by_role("link", name="洁净洗衣")).to_have_count(0)
    expect(page.get_by_text("No listed merchant matches these filters.")).to_be_visible()
    suspension = mail.outbox[-1]
    assert suspension.subject == "Your listing is suspended"
    assert "Complaints about prices under investigation." in suspension.body
