"""The resident's search page and the autocomplete behind its search box, on the database backend (the
engines themselves are held to one contract in test_contract.py)."""

import datetime
import re
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from market import clock_source
from market.accounts.roles import Role
from market.feedback.services import submit_review
from market.registry import services as registry
from market.registry.models import ListingStatus, Organization, Weekday
from market.registry.profile import edit_public_profile
from search.backends.database import refresh_entries
from search.request_reads import SEARCH_KEYS
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    SubdistrictFactory,
    UserFactory,
)

SEARCH = reverse("search:results")
SUGGEST = reverse("search:suggest")
with translation.override("en"):
    # Messages are checked in English: the Chinese catalogue is filled in later.
    SEARCH_IN_ENGLISH = reverse("search:results")


@pytest.fixture(autouse=True)
def _database_backend(settings):
    settings.ELASTICSEARCH_URL = ""


# A Monday morning in Nanjing; merchants that are open keep Monday 08:00-20:00.
MONDAY_MORNING = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _monday_morning():
    with clock_source.fixed_at(MONDAY_MORNING):
        yield


def merchant(name: str, categories, subdistrict, *, open_now=True, **fields) -> Organization:
    organization = OrganizationFactory(alternate_name=name, categories=categories, **fields)
    outlet = LocationFactory(organization=organization, subdistrict=subdistrict)
    if open_now:
        ScheduleFactory(location=outlet, byday=Weekday.MONDAY)
    return organization


@dataclass
class Town:
    housekeeping: Organization
    cleaner: Organization
    locksmith: Organization
    suspended: Organization


@pytest.fixture
def town(db) -> Town:
    housekeeping = CategoryFactory(code="housekeeping", name="家政服务", name_en="Housekeeping")
    repair = CategoryFactory(code="repair", name="维修", name_en="Repair")
    locks = CategoryFactory(code="locks", name="开锁换锁", name_en="Locks", parent=repair)
    xuanwu = SubdistrictFactory(
        district=DistrictFactory(code="320102", name="玄武区", name_en="Xuanwu"), name="玄武门街道"
    )
    gulou = SubdistrictFactory(
        district=DistrictFactory(code="320106", name="鼓楼区", name_en="Gulou"), name="宁海路街道"
    )
    built = Town(
        housekeeping=merchant("红星家政", [housekeeping], xuanwu, description="日常保洁与月嫂 <b>上门</b>"),
        cleaner=merchant("小燕家政", [housekeeping], gulou, open_now=False),
        locksmith=merchant("张师傅开锁", [locks], gulou),
        suspended=merchant("洁净家政", [housekeeping], xuanwu, listing_status=ListingStatus.SUSPENDED),
    )
    refresh_entries()
    return built


def result_names(response) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", name)
        for name in re.findall(r'<h3 class="result__name">\s*<a [^>]*>(.*?)</a>', response.text)
    ]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_page_lists_matches_with_highlights_and_links_to_each_merchant(client, town):
    response = client.get(SEARCH, {"q": "家政"})

    assert response.status_code == 200
    assert sorted(result_names(response)) == sorted(["小燕家政", "红星家政"])
    assert "红星<mark>家政</mark>" in response.text
    detail = reverse("registry:merchant_detail", args=[town.housekeeping.pk])
    assert f'href="{detail}"' in response.text
    assert "洁净家政" not in response.text
    assert re.search(r'aria-live="polite">\s*<strong>2</strong>', response.text)


def test_merchant_text_is_escaped_around_the_marks(client, town):
    response = client.get(SEARCH, {"q": "月嫂"})

    assert "<mark>月嫂</mark> &lt;b&gt;上门&lt;/b&gt;" in response.text
    assert "<b>上门</b>" not in response.text


def test_query_and_filters_stay_in_the_form(client, town):
    response = client.get(SEARCH, {"q": "家政", "category": "housekeeping", "district": "320102", "open_now": "on"})

    form = response.context["form"]
    assert form["q"].value() == "家政"
    assert 'value="家政"' in response.text
    assert re.search(r'<option value="housekeeping" selected>', response.text)
    assert re.search(r'<option value="320102" selected>', response.text)
    assert re.search(r'<input type="checkbox" name="open_now"[^>]* checked', response.text)
    assert result_names(response) == ["红星家政"]


def test_open_now_leaves_out_merchants_whose_outlets_are_closed(client, town):
    response = client.get(SEARCH, {"category": "housekeeping", "open_now": "on"})

    assert result_names(response) == ["红星家政"]


def test_an_open_now_search_follows_the_clock(client, town):
    assert result_names(client.get(SEARCH, {"category": "housekeeping", "open_now": "on"})) == ["红星家政"]

    with clock_source.fixed_at(MONDAY_MORNING.replace(hour=21)):  # Monday's 08:00-20:00 are over
        assert result_names(client.get(SEARCH, {"category": "housekeeping", "open_now": "on"})) == []


def test_a_kept_search_finds_the_merchants_new_words_on_the_next_request(
    client, town, django_capture_on_commit_callbacks
):
    assert result_names(client.get(SEARCH, {"q": "皮具护理"})) == []

    with django_capture_on_commit_callbacks(execute=True):
        edit_public_profile(town.housekeeping.owner, town.housekeeping, {"description": "日常保洁、皮具护理"})

    assert result_names(client.get(SEARCH, {"q": "皮具护理"})) == ["红星家政"]


def test_a_kept_search_loses_a_suspended_merchant_on_the_next_request(client, town, django_capture_on_commit_callbacks):
    assert "红星家政" in result_names(client.get(SEARCH, {"q": "家政"}))

    with django_capture_on_commit_callbacks(execute=True):
        registry.suspend_listing(town.housekeeping, at=MONDAY_MORNING, reason="消费者投诉")

    assert "红星家政" not in result_names(client.get(SEARCH, {"q": "家政"}))


def test_each_result_shows_its_categories_district_and_whether_it_is_open(client, town):
    response = client.get(SEARCH_IN_ENGLISH, {"q": "小燕"})

    card = response.context["cards"][0]
    assert card.hit.id == town.cleaner.pk
    assert card.legal_name == town.cleaner.name
    assert "Closed now" in response.text
    assert "Open now</span>" not in response.text
    assert "Housekeeping" in response.text
    assert "Gulou" in response.text


def test_facets_count_the_hits_and_link_to_add_their_filter(client, town):
    response = client.get(SEARCH, {"q": "家政", "open_now": "on"})

    facets = response.context["facets"]
    assert [(value.code, value.count) for value in facets["category"]] == [("housekeeping", 1)]
    assert [(value.code, value.count) for value in facets["district"]] == [("320102", 1)]
    district_links = re.findall(r'<a href="(\?[^"]*district=320102[^"]*)"', response.text)
    assert district_links
    assert query_of(district_links[0].replace("&amp;", "&")) == {
        "q": ["家政"],
        "open_now": ["on"],
        "district": ["320102"],
    }


def test_a_parent_category_facet_follows_its_sub_category(client, town):
    response = client.get(SEARCH, {"category": "repair"})

    assert result_names(response) == ["张师傅开锁"]
    codes = {value.code for value in response.context["facets"]["category"]}
    assert codes == {"repair", "locks"}


def test_pagination_keeps_the_query_and_filters(client, town):
    response = client.get(SEARCH, {"q": "家政", "district": "", "page_size": "1"})

    assert len(result_names(response)) == 1
    next_link = re.search(r'<a href="([^"]+)" rel="next">', response.text).group(1).replace("&amp;", "&")
    assert query_of(next_link) == {"q": ["家政"], "page_size": ["1"], "page": ["2"]}
    second = client.get(SEARCH + next_link)
    assert len(result_names(second)) == 1
    assert result_names(second) != result_names(response)
    assert 'rel="next"' not in second.text


def test_a_removed_filter_link_drops_only_that_filter(client, town):
    response = client.get(f"/en{SEARCH}", {"q": "家政", "category": "housekeeping", "district": "320102", "page": "1"})

    removals = {active.label: query_of(active.remove_url) for active in response.context["active_filters"]}
    assert removals["District"] == {"q": ["家政"], "category": ["housekeeping"]}
    assert removals["Service"] == {"q": ["家政"], "district": ["320102"]}


def test_nothing_found_never_suggests_the_words_typed_spaced_otherwise(client, town):
    response = client.get(SEARCH, {"q": "鼓楼 宠物洗澡美容"})

    assert result_names(response) == []
    typed = "鼓楼宠物洗澡美容"
    assert all("".join(suggestion.split()) != typed for suggestion in response.context["suggestions"])


def test_nothing_found_suggests_what_to_try(client, town):
    response = client.get(SEARCH, {"q": "jiazhen", "category": "locks"})

    assert response.status_code == 200
    assert result_names(response) == []
    assert "家政" in response.context["suggestions"]
    assert response.context["broader_category"].code == "repair"
    broader = re.search(r'<a href="(\?[^"]*category=repair[^"]*)"', response.text).group(1).replace("&amp;", "&")
    assert query_of(broader) == {"q": ["jiazhen"], "category": ["repair"]}
    popular = [category.code for category in response.context["popular_categories"]]
    assert popular[0] == "housekeeping"


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"near": "32.06,118.79", "radius": "abc"}, "The distance must be a number of kilometres"),
        ({"category": "no-such-thing"}, "There is no service category “no-such-thing”"),
        ({"district": "999999"}, "There is no district with the code “999999”"),
        ({"near": "north"}, "Give the place as latitude,longitude"),
        ({"radius": "2"}, "A distance needs a place to measure from"),
        ({"sort": "distance"}, "Sorting by distance needs a place to measure from"),
        ({"page": "two"}, "The page must be a whole number"),
    ],
)
def test_invalid_parameters_explain_themselves(client, town, parameters, message):
    response = client.get(SEARCH_IN_ENGLISH, parameters)

    assert response.status_code == 400
    assert message in response.text
    assert 'role="alert"' in response.text


def test_a_sub_district_of_another_district_is_refused(client, town):
    gulou_street = town.locksmith.locations.get().subdistrict

    response = client.get(SEARCH, {"district": "320102", "subdistrict": gulou_street.pk})

    assert response.status_code == 400
    assert response.context["form"].errors["subdistrict"]


def test_distance_sort_shows_how_far_each_merchant_is(client, town):
    outlet = town.housekeeping.locations.get()
    near = f"{outlet.latitude},{outlet.longitude}"

    response = client.get(SEARCH, {"q": "家政", "near": near, "sort": "distance"})

    assert result_names(response)[0] == "红星家政"
    assert re.search(r"0\.0 km", response.text)
    assert f'name="near" value="{near}"' in response.text


# A query that reads merchant rows: the register's own table as the table selected from (the engine's anti-join
# on unlisted merchants reads it only inside a subquery, as U0).
LOADS_MERCHANTS = re.compile(r'FROM "registry_organization"(?! U\d)')


# The search (hits, count, two facet counts, the page's entries) and the facets' names; the page adds its chrome
# (locale, menu, footer) and the filter form's choices (categories, districts, eligibility groups).
@pytest.mark.parametrize(("url", "most"), [(SEARCH, 16), (reverse("api:merchant_search"), 8)])
def test_a_results_page_loads_no_merchant_row_and_a_few_queries_whatever_its_size(
    client, town, django_assert_max_num_queries, url, most
):
    street = town.locksmith.locations.get().subdistrict
    for number in range(60):
        merchant(f"家政{number}号", list(town.housekeeping.categories.all()), street, open_now=False)
    refresh_entries()
    # Warm the per-process caches; each search below is a first one, which the engine answers.
    client.get(url, {"q": "家政", "page_size": "10", "page": "2"})

    with django_assert_max_num_queries(most) as small:
        client.get(url, {"q": "家政", "page_size": "10"})
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(url, {"q": "家政", "page_size": "50"})
    with CaptureQueriesContext(connection) as again:
        client.get(url, {"q": "家政", "page_size": "50"})

    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(again) < len(small.captured_queries), "the same search again is answered from the shared cache"
    loads = [query["sql"] for query in large.captured_queries if LOADS_MERCHANTS.search(query["sql"])]
    assert loads == []


@pytest.mark.parametrize("url", [SEARCH, reverse("api:merchant_search")])
def test_a_search_reads_its_shared_values_in_one_trip_to_the_cache(client, town, settings, monkeypatch, url):
    """The synonym and vocabulary versions, the choices' version and the facet names (and, on Elasticsearch, the
    merchants pending removal) are read together once per request, not each one, or twice, by its own GET."""
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    client.get(url, {"q": "家政"})  # the versions and names are in the cache now
    trips, nested = [], []

    def counted(method):
        original = getattr(cache, method)

        def count(keys, *args, **kwargs):
            if not nested:  # a cache without its own get_many asks get for each key
                trips.append((method, keys))
            nested.append(method)
            try:
                return original(keys, *args, **kwargs)
            finally:
                nested.pop()

        monkeypatch.setattr(cache, method, count)

    counted("get")
    counted("get_many")
    response = client.get(url, {"q": "家政"})

    assert response.status_code == 200
    search_trips = [trip for trip in trips if trip[0] == "get_many" or str(trip[1]).startswith("search:")]
    assert search_trips == [("get_many", SEARCH_KEYS)]


# A query that looks a category, a district or an eligibility group up by its code.
LOOKS_UP_A_CODE = re.compile(r'FROM "(registry_category|places_district|discounts_eligibilitygroup)" WHERE .*"code" =')


@pytest.mark.parametrize("url", [SEARCH, reverse("api:merchant_search")])
def test_a_category_and_a_district_are_checked_against_the_kept_lists_without_a_query(client, town, url):
    client.get(url, {"category": "housekeeping"})  # the filters' lists are kept now

    with CaptureQueriesContext(connection) as queries:
        found = client.get(url, {"category": "housekeeping", "district": "320102"})
    refused = client.get(url, {"category": "no-such-thing", "district": "999999"})

    assert found.status_code == 200
    assert [query["sql"] for query in queries if LOOKS_UP_A_CODE.search(query["sql"])] == []
    assert refused.status_code == 400
    errors = refused.context["form"].errors if url == SEARCH else refused.json()["errors"]
    assert set(errors) == {"category", "district"}


def test_a_new_category_is_accepted_by_the_next_search(client, town, django_capture_on_commit_callbacks):
    url = reverse("api:merchant_search")
    assert client.get(url, {"category": "laundry"}).status_code == 400

    with django_capture_on_commit_callbacks(execute=True):
        CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")

    assert client.get(url, {"category": "laundry"}).status_code == 200


def test_with_the_results_cache_off_every_search_asks_the_engine(client, town, settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    client.get(SEARCH, {"q": "家政"})  # the per-process caches

    with CaptureQueriesContext(connection) as first:
        client.get(SEARCH, {"q": "家政"})
    with CaptureQueriesContext(connection) as again:
        client.get(SEARCH, {"q": "家政"})

    assert len(again) == len(first) > 0


def test_a_card_shows_the_rating_and_the_outlet_from_the_entry_alone(client, town, django_capture_on_commit_callbacks):
    outlet = town.housekeeping.locations.get()
    with django_capture_on_commit_callbacks(execute=True):
        for stars in (5, 4):
            submit_review(UserFactory(role=Role.RESIDENT), outlet, stars, f"阿姨做事细心，准时上门，{stars}星。")

    response = client.get(SEARCH_IN_ENGLISH, {"q": "红星"})

    card = response.context["cards"][0]
    assert (card.rating.average, card.rating.count) == (Decimal("4.50"), 2)
    assert "4.5 out of 5 from 2 ratings" in response.text
    assert card.outlet.name == outlet.name
    assert f"{outlet.name}（Xuanwu）" in response.text


def test_suggestions_for_initials_offer_the_category_and_merchants(client, town):
    response = client.get(SUGGEST, {"q": "jz"})

    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    by_text = {item["text"]: item for item in suggestions}
    assert by_text["家政服务"]["kind"] in {"word", "category"}
    category = next(item for item in suggestions if item["kind"] == "category")
    assert category == {
        "text": "家政服务",
        "kind": "category",
        "kind_label": category["kind_label"],
        "value": "housekeeping",
        "url": f"{SEARCH}?category=housekeeping",
    }
    merchants = {item["text"]: item["url"] for item in suggestions if item["kind"] == "merchant"}
    assert merchants["红星家政"] == reverse("registry:merchant_detail", args=[town.housekeeping.pk])
    assert "洁净家政" not in merchants


def test_no_suggestions_for_nothing_typed(client, town):
    assert client.get(SUGGEST, {"q": "  "}).json()["suggestions"] == []


def test_words_nothing_has_are_left_out_and_named(client, town):
    response = client.get(f"/en{SEARCH}", {"q": "红星家政 飞机票"})

    assert response.status_code == 200
    assert response.context["results"].dropped == ["飞机票"]
    assert result_names(response) == ["红星家政"]
    assert "Nothing was found for “飞机票”; showing results for “红星 家政”." in response.text
