"""A resident objects to a public notice in the browser, and the reviewer sees the objection in the admin."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Locale

from cms.models import NoticeIndexPage, NoticePage
from market.accounts.roles import Role
from market.licensing.services.workflow import recommend_approval
from tests.clock import clock_at
from tests.e2e.conftest import fill_sign_in_form
from tests.factories import PASSWORD, CategoryFactory, LocationFactory, UserFactory
from tests.licensing.conftest import MONDAY, People, Workflow
from tests.licensing.factories import LicenceTypeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def application_on_notice(home_page, private_files):
    """An application put on notice by the real acts; its notice pages come from the cms receiver."""
    notices = home_page.add_child(instance=NoticeIndexPage(title="公示", slug="notices"))
    notices.save_revision().publish()
    english = notices.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Public notices"
    english.save_revision().publish()
    catering = CategoryFactory(code="catering", name="餐饮", name_en="Catering")
    LicenceTypeFactory(code="food-business", name="食品经营许可证", required_for_categories=[catering])
    people = People(
        merchant=UserFactory(role=Role.MERCHANT),
        other_merchant=UserFactory(role=Role.MERCHANT),
        reviewer=UserFactory(role=Role.REVIEWER),
        approver=UserFactory(role=Role.APPROVER),
        resident=UserFactory(role=Role.RESIDENT),
    )
    with clock_at(MONDAY) as clock:
        workflow = Workflow(people, catering, clock)
        application = workflow.under_review()
        LocationFactory(organization=application.organization, address_1="珠江路88号")
        recommend_approval(application, people.reviewer, "材料齐全")
        yield application, people


def test_a_resident_objects_to_a_notice_and_the_reviewer_sees_it(page, application_on_notice):
    application, people = application_on_notice
    notice = NoticePage.objects.get(application=application, locale__language_code="zh-hans")

    page.goto(notice.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(application.organization.name)
    expect(page.get_by_text("珠江路88号")).to_be_visible()
    page.locator(".reading a.button").click()
    fill_sign_in_form(page, people.resident.username, PASSWORD)
    expect(page).to_have_url(re.compile(re.escape(notice.url) + "$"))
    page.locator("#id_text").fill("店门口堆放杂物，堵住了消防通道。")
    page.locator("form.form button[type=submit]").click()

    expect(page.locator(".alert--success")).to_be_visible()
    expect(page.get_by_text("店门口堆放杂物，堵住了消防通道。")).to_be_visible()
    assert application.objections.get().objector == people.resident

    page.context.clear_cookies()
    page.goto("/accounts/sign-in/")
    fill_sign_in_form(page, people.reviewer.username, PASSWORD)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(reverse("review_queue:inspect", args=[application.pk]))
    objections = page.locator("#objections-section")
    expect(objections).to_contain_text("店门口堆放杂物，堵住了消防通道。")
    expect(objections.locator("form button[type=submit]")).to_be_visible()
