"""Smoke test of the whole stack in a browser: every role signs in and lands where its work is."""

import re

import pytest
from playwright.sync_api import expect

from market.accounts.roles import STAFF_ROLES, Role
from tests.e2e.conftest import SIGN_IN_PATH, fill_sign_in_form
from tests.factories import UserFactory

ACCOUNT_HOME = re.compile(r"/accounts/$")
ADMIN_DASHBOARD = re.compile(r"/admin/$")
CHINESE = re.compile(r"^zh", re.IGNORECASE)


def top_heading(page):
    return page.get_by_role("heading", level=1)


@pytest.mark.parametrize(
    ("role", "other_role"), [(Role.RESIDENT, Role.MERCHANT), (Role.MERCHANT, Role.RESIDENT)]
)
def test_residents_and_merchants_land_on_their_own_account_home(page, sign_in, role, other_role):
    user = UserFactory(role=role)

    sign_in(page, user)

    expect(page).to_have_url(ACCOUNT_HOME)
    expect(top_heading(page)).to_contain_text(user.display_name)
    expect(page.locator(f"#{role.value}-features")).to_be_visible()
    expect(page.locator(f"#{other_role.value}-features")).to_have_count(0)


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_bureau_staff_land_on_the_wagtail_admin_dashboard(page, sign_in, role):
    sign_in(page, UserFactory(role=role))

    expect(page).to_have_url(ADMIN_DASHBOARD)
    expect(page.locator(".w-dashboard").get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", CHINESE)


def test_a_wrong_password_keeps_the_visitor_signed_out(page):
    user = UserFactory(role=Role.RESIDENT)

    page.goto(SIGN_IN_PATH)
    fill_sign_in_form(page, user.username, "not-the-password")

    expect(page).to_have_url(re.compile(re.escape(SIGN_IN_PATH)))
    expect(page.locator("#id_username")).to_have_value(user.username)
    page.goto("/accounts/")
    expect(page).to_have_url(re.compile(re.escape(SIGN_IN_PATH) + r"\?next="))


def test_a_merchant_is_kept_out_of_the_wagtail_admin(page, sign_in):
    sign_in(page, UserFactory(role=Role.MERCHANT))

    page.goto("/admin/")

    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.locator(".w-dashboard")).to_have_count(0)


def test_the_home_page_switches_from_chinese_to_english_and_back(page, home_page):
    html = page.locator("html")
    page.goto("/")
    expect(html).to_have_attribute("lang", CHINESE)
    expect(page.get_by_text(home_page.headline)).to_be_visible()

    page.get_by_role("link", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_text("Community services in one place")).to_be_visible()

    page.get_by_role("link", name="简体中文").click()

    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(html).to_have_attribute("lang", CHINESE)
