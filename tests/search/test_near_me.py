"""Near me: distances from a chosen street (sub-district) or community, or from the browser's location when the
resident allows it (a GET parameter filled in by static/js/near-me.js, never stored), shown on every card; and
the listed merchants' pages in sitemap.xml."""

import re
from decimal import Decimal
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from market.registry.models import ListingStatus
from search.backends.database import refresh_entries
from search.filters import MerchantSearchFilter
from search.maintenance import rebuild_search
from search.query import Point, Sort
from tests.factories import (
    CategoryFactory,
    CommunityFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    SubdistrictFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:results")
API = reverse("api:merchant_search")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def outlet_at(organization, subdistrict, latitude: str, longitude: str, **fields):
    return LocationFactory(
        organization=organization,
        subdistrict=subdistrict,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
        **fields,
    )


@pytest.fixture(
    params=["database", pytest.param("elasticsearch", marks=pytest.mark.requires_service("elasticsearch"))]
)
def engine(request, db, settings) -> str:
    """The engine the page and the API search with: the database alone, or Elasticsearch in a private index."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    else:
        request.getfixturevalue("elasticsearch_index")
    return request.param


@pytest.fixture
def street(engine):
    """A street (sub-district) north of two laundries: one 1.1 km south of it, one 5.6 km south."""
    district = DistrictFactory(code="320102", name="玄武区", name_en="Xuanwu")
    street = SubdistrictFactory(
        district=district, name="玄武门街道", latitude=Decimal("32.080"), longitude=Decimal("118.790")
    )
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    near = OrganizationFactory(name="近邻洗衣店", alternate_name="", categories=[laundry])
    far = OrganizationFactory(name="远方洗衣店", alternate_name="", categories=[laundry])
    community = CommunityFactory(subdistrict=street, name="锁金村社区")
    outlet_at(near, street, "32.070", "118.790", community=community, name="近邻洗衣店锁金村店")
    outlet_at(far, street, "32.030", "118.790", community=community, name="远方洗衣店总店")
    refresh_entries()
    if engine == "elasticsearch":
        rebuild_search(database=False, workers=1)
    return street, near, far, community


def criteria(**data):
    filters = MerchantSearchFilter(data)
    assert filters.is_valid(), filters.errors
    return filters.search_query()


def test_a_street_measures_from_its_own_coordinates_nearest_first(street):
    subdistrict, *_ = street

    query = criteria(place=f"subdistrict-{subdistrict.pk}")

    assert query.near == Point(32.080, 118.790)
    assert query.sort == Sort.DISTANCE


def test_a_community_measures_from_the_centre_of_its_outlets_or_else_its_street(street):
    subdistrict, _, _, community = street
    empty = CommunityFactory(subdistrict=subdistrict, name="新建社区")

    assert criteria(place=f"community-{community.pk}").near == Point(32.050, 118.790)
    assert criteria(place=f"community-{empty.pk}").near == Point(32.080, 118.790)


def test_the_browsers_location_wins_over_a_chosen_place_and_an_explicit_order_stays(street):
    subdistrict, *_ = street

    query = criteria(place=f"subdistrict-{subdistrict.pk}", near="32.00,118.70", sort="relevance")

    assert query.near == Point(32.00, 118.70)
    assert query.sort == Sort.RELEVANCE


@pytest.mark.parametrize("place", ["community-999999", "subdistrict-x", "city-1", "community-"])
def test_an_unknown_place_is_refused_with_a_message(client, street, place):
    response = client.get(f"/en{SEARCH}", {"place": place})

    assert response.status_code == 400
    assert "There is no such street or community." in response.text


def card_facts(response) -> list[tuple[str, str]]:
    return [(card.name, f"{card.distance_km:.1f}") for card in response.context["cards"]]


def test_from_a_chosen_street_the_nearest_comes_first_and_each_card_says_how_far(client, street):
    subdistrict, *_ = street

    response = client.get(SEARCH, {"q": "洗衣", "place": f"subdistrict-{subdistrict.pk}"})

    assert card_facts(response) == [("近邻洗衣店", "1.1"), ("远方洗衣店", "5.6")]
    assert "距离 1.1 km" in response.text
    assert "近邻洗衣店锁金村店" in response.text


def test_sorted_by_best_match_the_cards_still_say_how_far(client, street):
    response = client.get(SEARCH, {"q": "洗衣", "near": "32.080,118.790", "sort": "relevance"})

    assert sorted(card_facts(response)) == [("近邻洗衣店", "1.1"), ("远方洗衣店", "5.6")]


def test_the_api_takes_a_place_and_gives_each_hit_its_distance_and_nearest_outlet(client, street):
    subdistrict, *_ = street

    body = client.get(API, {"q": "洗衣", "place": f"subdistrict-{subdistrict.pk}"}).json()

    assert [(hit["name"], round(hit["distance_km"], 1)) for hit in body["results"]] == [
        ("近邻洗衣店", 1.1),
        ("远方洗衣店", 5.6),
    ]
    assert body["results"][0]["outlet"]["name"] == "近邻洗衣店锁金村店"


def test_the_form_offers_streets_and_the_chosen_districts_communities_and_a_location_button(client, street):
    subdistrict, _, _, community = street

    everywhere = client.get(SEARCH).text
    in_xuanwu = client.get(SEARCH, {"district": "320102"}).text

    assert f'value="subdistrict-{subdistrict.pk}"' in everywhere
    assert f'value="community-{community.pk}"' not in everywhere
    assert f'value="community-{community.pk}"' in in_xuanwu
    locate = re.search(r"<button[^>]*data-near-me-locate[^>]*>", everywhere).group(0)
    assert " hidden " in locate, "shown by the script where the browser can locate the device"
    assert 'name="sort" value="distance"' in everywhere, "the no-JS way: choose a place, then nearest first"


def test_the_page_runs_no_inline_script_only_the_external_file(client, street):
    page = client.get(SEARCH, {"near": "32.08,118.79"}).text

    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)
    assert any("js/near-me" in attributes for attributes, _ in scripts)


def test_the_location_is_never_stored(client, street):
    client.get(SEARCH, {"q": "洗衣", "near": "32.080,118.790"})

    assert not client.session.keys()
    assert not [cookie for cookie in client.cookies.values() if "32.08" in cookie.value]


# -- sitemap.xml ------------------------------------------------------------------------------------------------


def sitemap_locations(client) -> list[str]:
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [urlsplit(location.text).path for location in index.iter(f"{SITEMAP}loc")]
    found = []
    for section in sections:
        urlset = ElementTree.fromstring(client.get(section).content)
        found += [urlsplit(location.text).path for location in urlset.iter(f"{SITEMAP}loc")]
    return found


def test_the_sitemap_lists_each_listed_merchants_page_in_both_languages(client, street):
    _, near, far, _ = street
    suspended = OrganizationFactory(name="停业洗衣店", alternate_name="", listing_status=ListingStatus.SUSPENDED)

    paths = sitemap_locations(client)

    for merchant in (near, far):
        assert f"/merchants/{merchant.pk}/" in paths
        assert f"/en/merchants/{merchant.pk}/" in paths
    assert f"/merchants/{suspended.pk}/" not in paths
    assert len(paths) == len(set(paths))
