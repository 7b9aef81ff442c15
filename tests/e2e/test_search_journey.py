"""A resident finds a housekeeper from the home page: types `jz`, picks 家政服务 from the suggestions, narrows to
a district and to merchants open now, and opens the merchant's page."""

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import expect

from market import clock_source
from market.registry.models import Weekday
from search.backends.database import refresh_entries
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    SubdistrictFactory,
)

MONDAY_MORNING = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _database_backend_on_a_monday_morning(settings):
    settings.ELASTICSEARCH_URL = ""
    with clock_source.fixed_at(MONDAY_MORNING):
        yield


def housekeeper(name, category, street, *, opens_on_monday: bool):
    merchant = OrganizationFactory(alternate_name=name, categories=[category])
    outlet = LocationFactory(organization=merchant, subdistrict=street)
    ScheduleFactory(location=outlet, byday=Weekday.MONDAY if opens_on_monday else Weekday.SUNDAY)
    return merchant


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_resident_finds_an_open_housekeeper_in_their_district(page, home_page):
    category = CategoryFactory(code="housekeeping", name="家政服务", name_en="Housekeeping")
    xuanwu = SubdistrictFactory(district=DistrictFactory(code="320102", name="玄武区"), name="玄武门街道")
    gulou = SubdistrictFactory(district=DistrictFactory(code="320106", name="鼓楼区"), name="宁海路街道")
    nearby = housekeeper("红星家政", category, xuanwu, opens_on_monday=True)
    housekeeper("夜猫家政", category, xuanwu, opens_on_monday=False)
    housekeeper("小燕家政", category, gulou, opens_on_monday=True)
    refresh_entries()

    page.goto("/")
    search_box = page.get_by_role("combobox")
    search_box.press_sequentially("jz")
    suggestions = page.get_by_role("listbox")
    expect(suggestions).to_be_visible()
    expect(search_box).to_have_attribute("aria-expanded", "true")
    category_option = suggestions.locator(".autocomplete__option--category", has_text="家政服务")
    expect(category_option).to_have_count(1)
    options = suggestions.get_by_role("option")
    position = [option.get_attribute("id") for option in options.all()].index(category_option.get_attribute("id"))

    for _ in range(position + 1):
        search_box.press("ArrowDown")
    expect(search_box).to_have_attribute("aria-activedescendant", category_option.get_attribute("id"))
    expect(category_option).to_have_attribute("aria-selected", "true")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?category=housekeeping$"))
    results = page.locator(".result-list > li")
    expect(results).to_have_count(3)

    # On a phone the filters sit folded in a <details>.
    page.locator(".search-filters > summary").click()
    page.locator("#id_district").select_option("320102")
    page.locator("#id_open_now").check()
    page.locator(".search-filters button[type=submit]:not([name])").click()  # "Apply filters", not "Nearest first"

    expect(page).to_have_url(re.compile(r"district=320102"))
    expect(page).to_have_url(re.compile(r"open_now=on"))
    expect(results).to_have_count(1)
    expect(page.locator("#id_district")).to_have_value("320102")
    expect(page.locator("#id_open_now")).to_be_checked()
    link = results.get_by_role("link", name="红星家政")
    expect(link).to_have_attribute("href", f"/merchants/{nearby.pk}/")

    link.click()

    expect(page).to_have_url(re.compile(rf"/merchants/{nearby.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("红星家政")
