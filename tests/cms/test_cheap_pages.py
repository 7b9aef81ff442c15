"""Cheap pages that stay correct: the queries a public page costs do not grow with the content, and what the site
keeps in its cache (navigation, footer, breadcrumbs, the home page's figures and lists, the search filters) changes
on the next request after each act that changes it: an editor publishing, the bureau approving or suspending a
merchant, an administrator editing a place."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.models import Footer, MainMenu, MainMenuLink, NewsArticlePage, NewsIndexPage, StandardPage
from market import clock_source
from market.accounts.roles import Role
from market.licensing.services.decisions import approve_application, suspend_listing
from market.places.models import District
from market.registry.models import Weekday
from search.backends.database import refresh_entries
from tests.clock import Clock
from tests.cms.conftest import add_translated_child
from tests.cms.test_pages import news_article, notice
from tests.discounts.factories import OfferFactory, group
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    SubdistrictFactory,
    UserFactory,
)
from tests.licensing.conftest import MONDAY, People, Workflow
from tests.licensing.factories import LicenceFactory, LicenceTypeFactory

pytestmark = pytest.mark.django_db

N = 4


def queries_of(client, url: str) -> int:
    """The queries of a request once the caches are warm (the request before warms them)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def place(db):
    return SubdistrictFactory(district=DistrictFactory(code="320102", name="玄武区", name_en="Xuanwu District"))


@pytest.fixture
def laundry(db):
    return CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")


def add_merchants(count: int, category, subdistrict) -> list:
    """Listed merchants, each with two outlets open on Monday and Tuesday, and an offer."""
    merchants = []
    for _ in range(count):
        merchant = OrganizationFactory(categories=[category], is_chain=True)
        for _outlet in range(2):
            outlet = LocationFactory(organization=merchant, subdistrict=subdistrict)
            ScheduleFactory(location=outlet, byday=Weekday.MONDAY)
            ScheduleFactory(location=outlet, byday=Weekday.TUESDAY)
        OfferFactory(organization=merchant, groups=[group("elderly")])
        merchants.append(merchant)
    return merchants


def add_pages(sections, start: int, count: int) -> None:
    for number in range(start, start + count):
        notice(sections.notices, number)
        news_article(sections.news, number)


# -- the queries of a page do not grow with the content --------------------------------------------------------


def test_the_home_page_costs_the_same_queries_with_three_times_the_content(client, sections, laundry, place):
    add_merchants(N, laundry, place)
    add_pages(sections, 0, N)
    few = queries_of(client, "/en/")

    add_merchants(2 * N, laundry, place)
    add_pages(sections, N, 2 * N)

    assert queries_of(client, "/en/") == few


def test_the_notices_list_costs_the_same_queries_with_three_times_the_notices(client, sections):
    add_pages(sections, 0, N)
    few = queries_of(client, "/en/notices/")

    add_pages(sections, N, 2 * N)

    assert queries_of(client, "/en/notices/") == few


def test_the_register_list_costs_the_same_queries_with_three_times_the_merchants(client, home_pages, laundry, place):
    add_merchants(N, laundry, place)
    few = queries_of(client, "/en/merchants/?category=laundry")

    add_merchants(2 * N, laundry, place)

    assert queries_of(client, "/en/merchants/?category=laundry") == few


def test_a_merchant_page_costs_the_same_queries_with_three_times_the_outlets_and_merchants(
    client, home_pages, laundry, place
):
    merchant, *_others = add_merchants(N, laundry, place)
    LicenceFactory(organization=merchant)
    url = f"/en/merchants/{merchant.pk}/"
    few = queries_of(client, url)

    add_merchants(2 * N, laundry, place)
    for _ in range(2 * N):
        outlet = LocationFactory(organization=merchant, subdistrict=place)
        ScheduleFactory(location=outlet, byday=Weekday.WEDNESDAY)
        LicenceFactory(organization=merchant)

    assert queries_of(client, url) == few


def test_a_search_costs_the_same_queries_with_three_times_the_merchants(client, home_pages, laundry, place):
    add_merchants(N, laundry, place)
    refresh_entries()
    url = "/en/search/?q=%E9%82%BB%E9%87%8C&category=laundry&district=320102&offer_group=elderly"
    few = queries_of(client, url)

    add_merchants(2 * N, laundry, place)
    refresh_entries()

    assert queries_of(client, url) == few


def test_the_search_filter_lists_are_read_once_and_again_when_a_district_changes(client, home_pages, laundry, place):
    add_merchants(1, laundry, place)
    refresh_entries()
    client.get("/en/search/?q=x")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/search/?q=x")
    lists = re.compile(r'FROM "(places_\w+|registry_category|discounts_eligibilitygroup)"')
    assert not [query for query in queries if lists.search(query["sql"])]

    district = District.objects.get(pk=place.district_id)
    district.name_en = "Xuanwu (renamed)"
    district.save()

    assert "Xuanwu (renamed)" in client.get("/en/search/?q=x").text


# -- what is cached changes with the next request after the act that changes it --------------------------------


def test_publishing_a_page_shows_on_the_next_request_of_the_pages_that_list_or_link_it(client, sections):
    english = Locale.objects.get(language_code="en")
    menu = MainMenu.objects.create(name="Main", locale=english)
    english_news = NewsIndexPage.objects.get(translation_key=sections.news.translation_key, locale=english)
    guides = add_translated_child(sections.news.get_parent(), StandardPage(title="指南", slug="guides"), "Guides", "g")
    english_guides = StandardPage.objects.get(translation_key=guides.translation_key, locale=english)
    MainMenuLink.objects.create(menu=menu, page=english_news, sort_order=0)
    child = add_translated_child(guides, StandardPage(title="子页", slug="child"), "Child", "child")
    english_child = StandardPage.objects.get(translation_key=child.translation_key, locale=english)
    before_home, before_child = client.get("/en/").text, client.get(english_child.url).text
    assert "News 7" not in before_home and 'href="/en/news/">News</a>' in before_home
    assert ">Guides</a>" in before_child

    news_article(sections.news, 7)
    english_news.title = "Newsroom"
    english_news.save_revision().publish()
    english_guides = StandardPage.objects.get(pk=english_guides.pk)  # as the editor opens it, with its child
    english_guides.title = "How to apply"
    english_guides.save_revision().publish()

    home, child_page = client.get("/en/").text, client.get(english_child.url).text
    assert "News 7" in home
    assert 'href="/en/news/">Newsroom</a>' in home
    assert ">How to apply</a>" in child_page and ">Guides</a>" not in child_page


def test_unpublishing_a_page_takes_it_off_the_home_page_and_the_navigation(client, sections):
    english = Locale.objects.get(language_code="en")
    english_news = NewsIndexPage.objects.get(translation_key=sections.news.translation_key, locale=english)
    menu = MainMenu.objects.create(name="Main", locale=english)
    MainMenuLink.objects.create(menu=menu, page=english_news, sort_order=0)
    article = news_article(sections.news, 3)
    english_article = NewsArticlePage.objects.get(translation_key=article.translation_key, locale=english)
    assert "News 3" in client.get("/en/").text

    english_article.unpublish()
    english_news.unpublish()

    home = client.get("/en/").text
    assert "News 3" not in home and 'href="/en/news/"' not in home


def test_saving_the_menu_or_the_footer_shows_on_the_next_request(client, sections):
    english = Locale.objects.get(language_code="en")
    footer = Footer.objects.create(locale=english, about="The bureau's platform.", contact="<p>12345</p>", legal="")
    menu = MainMenu.objects.create(name="Main", locale=english)
    assert "The bureau&#x27;s platform." in client.get("/en/").text

    footer.about = "Run by the city commerce bureau."
    footer.save()
    MainMenuLink.objects.create(menu=menu, url="/en/merchants/", label="The register", sort_order=0)

    page = client.get("/en/").text
    assert "Run by the city commerce bureau." in page
    assert '<a href="/en/merchants/">The register</a>' in page


@pytest.fixture
def workflow(db):
    """A new merchant's application moved through review with the licensing services (tests/licensing)."""
    category = CategoryFactory(code="catering", name="餐饮", name_en="Catering")
    LicenceTypeFactory(code="food-business", name="食品经营许可证", required_for_categories=[category])
    roles = (Role.MERCHANT, Role.MERCHANT, Role.REVIEWER, Role.APPROVER, Role.RESIDENT)
    people = People(*(UserFactory(role=role) for role in roles))
    clock = Clock()
    clock.set(MONDAY)
    yield Workflow(people, category, clock)
    clock_source.set_now(None)


def test_approving_a_merchant_shows_it_on_the_next_request(
    client, home_pages, workflow, django_capture_on_commit_callbacks
):
    OrganizationFactory()
    application = workflow.in_state("public_notice_ended")
    page = f'href="/en/merchants/{application.organization_id}/"'
    assert "<strong>1</strong> merchant listed" in client.get("/en/").text
    assert page not in client.get("/en/merchants/").text

    with django_capture_on_commit_callbacks(execute=True):
        approve_application(application, workflow.people.approver)

    assert "<strong>2</strong> merchants listed" in client.get("/en/").text
    assert page in client.get("/en/merchants/").text
    assert client.get(f"/en/merchants/{application.organization_id}/").status_code == 200


def test_suspending_a_merchant_takes_it_off_on_the_next_request(
    client, home_pages, laundry, place, django_capture_on_commit_callbacks, settings
):
    settings.ELASTICSEARCH_URL = ""  # search on the database entries, which refresh_entries builds here
    merchant, other = add_merchants(2, laundry, place)
    refresh_entries()
    offer, page = merchant.offers.get().name, f'href="/en/merchants/{merchant.pk}/"'
    home = client.get("/en/").text
    assert "<strong>2</strong> merchants listed" in home and offer in home
    assert client.get(f"/en/merchants/{merchant.pk}/").status_code == 200
    assert page in client.get("/en/merchants/").text
    assert page in client.get("/en/search/?q=%E9%82%BB%E9%87%8C").text

    with django_capture_on_commit_callbacks(execute=True):
        suspend_listing(merchant, UserFactory(role=Role.APPROVER), "消费者投诉")

    home = client.get("/en/").text
    assert "<strong>1</strong> merchant listed" in home and offer not in home
    assert client.get(f"/en/merchants/{merchant.pk}/").status_code == 404
    register = client.get("/en/merchants/").text
    assert page not in register and f'href="/en/merchants/{other.pk}/"' in register
    assert page not in client.get("/en/search/?q=%E9%82%BB%E9%87%8C").text
