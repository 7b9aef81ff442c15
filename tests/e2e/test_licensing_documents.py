"""Issue 15's "done when", in the browser: the reviewer asks for an address fix during the public notice, the
merchant corrects the outlet in the portal and the notice shows the new address; after the approval the applicant
downloads the acceptance notice and the decision letter, whose text names the case number, the holder and the dates.
A rejected applicant's decision letter gives the reasons and the rights of review.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader
from wagtail.models import Locale

from cms.models import NoticeIndexPage, NoticePage
from market import clock_source
from market.accounts.roles import Role
from market.licensing.models import ApplicationState
from market.licensing.services.decisions import reject_application
from market.licensing.services.workflow import recommend_approval
from tests.clock import clock_at
from tests.e2e.test_licensing_journey import act_in_the_admin, staff_page  # noqa: F401 (a fixture)
from tests.factories import CategoryFactory, LocationFactory, SubdistrictFactory, UserFactory
from tests.licensing.conftest import MONDAY, People, Workflow
from tests.licensing.factories import LicenceTypeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def workflow(home_page, private_files):
    notices = home_page.add_child(instance=NoticeIndexPage(title="公示", slug="notices"))
    notices.save_revision().publish()
    english = notices.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Public notices"
    english.save_revision().publish()
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    LicenceTypeFactory(
        code="business-licence", name="营业执照", name_en="Business licence", required_for_categories=[laundry]
    )
    people = People(
        merchant=UserFactory(role=Role.MERCHANT, preferred_language="en"),
        other_merchant=UserFactory(role=Role.MERCHANT),
        reviewer=UserFactory(role=Role.REVIEWER),
        approver=UserFactory(role=Role.APPROVER),
        resident=UserFactory(role=Role.RESIDENT),
    )
    with clock_at(MONDAY) as clock:
        yield Workflow(people, laundry, clock)


def download_pdf_text(page, link_name) -> str:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return "".join(text.split())


def test_an_address_fix_reaches_the_notice_and_the_applicant_prints_the_documents(page, sign_in, workflow, request):
    open_staff_page = request.getfixturevalue("staff_page")
    people = workflow.people
    application = workflow.under_review()
    wrong = SubdistrictFactory(name="湖南路街道", name_en="Hunan Road")
    right = SubdistrictFactory(name="宁海路街道", name_en="Ninghai Road", district=wrong.district)
    outlet = LocationFactory(
        organization=application.organization,
        name="洁净洗衣",
        address_1="中山北路1号",
        district=wrong.district,
        subdistrict=wrong,
    )
    recommend_approval(application, people.reviewer, "材料齐全")
    notice = NoticePage.objects.get(application=application, locale__language_code="zh-hans")
    page.goto(notice.url)
    expect(page.get_by_text("中山北路1号")).to_be_visible()

    # The reviewer names the outlet to correct, in the admin.
    reviewer_page = open_staff_page(people.reviewer)
    reviewer_page.goto(f"/admin/review_queue/{application.pk}/")
    form = reviewer_page.locator("form[action$='/act/request_information/']")
    reviewer_page.locator("details", has=form).locator("summary").click()
    form.get_by_label(re.compile("中山北路1号")).check()
    form.locator("#id_request_information-note").fill("门牌号和街道与营业执照不一致。")
    form.locator("button[type=submit]").click()
    expect(reviewer_page.locator(".messages .success")).to_be_visible()
    application.refresh_from_db()
    request = application.information_requests.get()
    assert request.corrections["outlets"] == [outlet.pk]

    # The merchant corrects exactly that outlet in the portal, then answers.
    sign_in(page, people.merchant)
    page.goto(f"/en/portal/applications/{application.pk}/")
    page.get_by_role("link", name="Correct your application").first.click()
    page.get_by_role("link", name=re.compile("Correct this outlet")).click()
    page.locator("#id_subdistrict").select_option(str(right.pk))
    page.get_by_role("button", name="Show the choices").click()
    page.locator("#id_community").select_option("")
    page.locator("#id_address_1").fill("宁海路122号")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator(".alert--success")).to_be_visible()
    page.get_by_role("link", name="Answer the request").click()
    page.locator("#id_answer").fill("The outlet's address is corrected.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page).to_have_url(re.compile(rf"/en/portal/applications/{application.pk}/$"))

    # The notice shows the current address.
    page.goto(notice.url)
    expect(page.get_by_text("宁海路122号")).to_be_visible()
    expect(page.get_by_text("中山北路1号")).to_have_count(0)

    # The notice runs out; the approver approves.
    clock_source.set_now(
        timezone.make_aware(datetime.datetime.combine(application.notice_ends_on, datetime.time(10)))
        + datetime.timedelta(days=1)
    )
    approver_page = open_staff_page(people.approver)
    act_in_the_admin(approver_page, application, "approve")
    assert application.state == ApplicationState.APPROVED

    # The applicant downloads the acceptance notice and the decision letter.
    organization = application.organization
    page.goto(f"/en/portal/applications/{application.pk}/")
    expect(page.get_by_text(application.case_number).first).to_be_visible()
    acceptance = download_pdf_text(page, re.compile("Notice of acceptance"))
    decision = download_pdf_text(page, re.compile("Decision to grant"))
    for text in (acceptance, decision):
        assert application.case_number in text
        assert organization.name in text
        assert organization.unified_social_credit_code in text
    assert "2026年3月2日" in acceptance  # received and accepted on Monday 2 March
    decided = timezone.localdate(application.decided_at)
    assert f"{decided.year}年{decided.month}月{decided.day}日" in decision
    assert "宁海路122号" in decision


def test_a_rejected_applicant_downloads_the_reasons_and_the_rights_of_review(page, sign_in, workflow):
    application = workflow.under_review()
    reject_application(application, workflow.people.approver, "经营场所位于住宅楼内，不符合设置规范。")

    sign_in(page, workflow.people.merchant)
    page.goto(f"/en/portal/applications/{application.pk}/")
    text = download_pdf_text(page, re.compile("Decision to refuse"))

    assert application.case_number in text
    assert application.organization.name in text
    assert "经营场所位于住宅楼内，不符合设置规范。" in text
    assert "六十日内" in text and "行政复议" in text
    assert "六个月内" in text and "行政诉讼" in text
    assert "2026年3月2日" in text
