"""Issue 17's "done when": a merchant posts a part-time job; a verified unemployed resident sees it during the
priority window and applies; another resident cannot apply until the window ends; the merchant records the hire;
the resident sees it; the bureau's report counts it. Then axe-core finds no serious problem on the jobs pages.
"""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from market import clock_source
from market.accounts.roles import Role
from market.jobs.models import JobApplication, JobPost
from tests.discounts.factories import EligibilityFactory, group
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    SubdistrictFactory,
    UserFactory,
)
from tests.jobs.factories import JobPostFactory

# Wednesday 11 March 2026, 10:00 in Nanjing.
START = timezone.make_aware(datetime.datetime(2026, 3, 11, 10, 0))
SERIOUS = {"serious", "critical"}


@pytest.fixture
def moved_clock():
    clock_source.set_now(START)
    yield
    clock_source.set_now(None)


def no_serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_laid_off_worker_finds_part_time_work_first_and_the_bureau_counts_the_hire(
    page, sign_in, open_browser, home_page, moved_clock
):
    xuanwu = DistrictFactory(code="320102", name="玄武区", name_en="Xuanwu District")
    street = SubdistrictFactory(district=xuanwu, name="新街口街道", name_en="Xinjiekou Subdistrict")
    supermarket = CategoryFactory(code="supermarket", name="超市", name_en="Supermarket")
    merchant = OrganizationFactory(alternate_name="邻里超市", categories=[supermarket])
    LocationFactory(organization=merchant, name="新街口店", subdistrict=street)
    laid_off = UserFactory(role=Role.RESIDENT, display_name="李红梅", phone="13912345678")
    EligibilityFactory(resident=laid_off, group=group("registered-unemployed"))
    neighbour = UserFactory(role=Role.RESIDENT)
    reviewer = UserFactory(role=Role.REVIEWER)

    # The merchant posts a part-time job from its phone.
    shop = open_browser(merchant.owner, width=390)
    shop.goto("/en/jobs/merchant/new/")
    shop.get_by_label("Title").fill("早班理货员")
    shop.get_by_label("Part-time work").check()
    shop.get_by_label("What the work involves").fill("清晨卸货、补货、整理货架。")
    shop.get_by_label("Training is given").check()
    shop.get_by_label("Hours or shifts").fill("周一至周五 7:00–11:00")
    shop.get_by_label("Hours a day").fill("4")
    shop.get_by_label("Days a week").fill("5")
    shop.get_by_label("Pay (yuan)").fill("26")
    shop.get_by_label("per hour").check()
    shop.get_by_label("Starts on").fill("2026-03-16")
    shop.get_by_label("Ends on").fill("2026-06-30")
    shop.get_by_label("Number of places").fill("2")
    shop.get_by_role("button", name="Publish the post").click()
    expect(shop.get_by_text("The post is published on the jobs page.")).to_be_visible()
    post = JobPost.objects.get(title="早班理货员")

    # The verified unemployed resident sees it in the priority window and applies.
    sign_in(page, laid_off)
    page.goto("/en/jobs/")
    card = page.locator(".job-card", has_text="早班理货员")
    expect(card.get_by_text("Priority for registered unemployed")).to_be_visible()
    expect(card.get_by_text("You can apply now")).to_be_visible()
    card.get_by_role("link", name="早班理货员").click()
    page.get_by_role("link", name="Apply for this job").click()
    expect(page.get_by_label("Your name")).to_have_value("李红梅")
    page.get_by_label("When you can work").fill("工作日清晨")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Your application has been sent.")).to_be_visible()
    application = JobApplication.objects.get(post=post)
    assert application.priority_applicant

    # Another resident sees the post but cannot apply until the window ends.
    other = open_browser(neighbour, width=390)
    other.goto(f"/en/jobs/{post.pk}/")
    expect(other.get_by_text(re.compile("Until 2026-03-13 10:00 this post is open only to residents"))).to_be_visible()
    expect(other.get_by_role("link", name="Apply for this job")).to_have_count(0)
    other.goto(f"/en/jobs/{post.pk}/apply/")
    expect(other.get_by_role("button", name="Send my application")).to_have_count(0)
    clock_source.set_now(START + datetime.timedelta(hours=48, minutes=1))
    other.goto(f"/en/jobs/{post.pk}/")
    expect(other.get_by_role("link", name="Apply for this job")).to_be_visible()

    # The merchant records the hire.
    shop.goto(f"/en/jobs/merchant/{post.pk}/")
    expect(shop.get_by_text("Registered unemployed", exact=True)).to_be_visible()
    shop.get_by_role("link", name="李红梅").click()
    shop.get_by_role("button", name="Record the hire").click()
    expect(shop.get_by_text("The hire is recorded; the applicant has been emailed.")).to_be_visible()

    # The resident sees it on the account page.
    page.goto("/en/accounts/")
    hired = page.locator(".card", has_text="Flexible work")
    expect(hired.locator(".badge", has_text="Hired")).to_be_visible()
    hired.get_by_role("link", name="早班理货员").click()
    expect(page.get_by_text("You are hired.")).to_be_visible()

    # The bureau's report counts it: one hire, all of them to the verified unemployed.
    staff = open_browser(reviewer)
    staff.goto("/admin/jobs/reports/district/")
    row = staff.locator("table.listing tbody tr", has_text="玄武区")
    expect(row).to_contain_text("100.0")
    cells = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    assert cells[1:6] == ["1", "2", "1", "1", "1"]  # posts, places, applications, hires, hires of the unemployed


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language_prefix", ["", "/en"])
def test_the_jobs_pages_have_no_serious_accessibility_problems(page, sign_in, home_page, moved_clock, language_prefix):
    post = JobPostFactory(location=LocationFactory())
    resident = UserFactory(role=Role.RESIDENT)
    EligibilityFactory(resident=resident, group=group("registered-unemployed"))
    sign_in(page, resident)
    for path in ("/jobs/", f"/jobs/{post.pk}/", f"/jobs/{post.pk}/apply/", "/jobs/applications/"):
        response = page.goto(language_prefix + path)
        assert response.status == 200, path
        assert no_serious_violations(page) == [], path
