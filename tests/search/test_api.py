"""The public JSON API: search, merchant detail and suggestions, public data only, rate-limited."""

import datetime
import zoneinfo
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest

from market import clock_source
from market.registry.models import ListingStatus, Organization
from search import api as public_api
from search.backends.database import refresh_entries
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    SubdistrictFactory,
)
from tests.licensing.factories import LicenceFactory, LicenceTypeFactory

MONDAY_MORNING = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _database_backend_on_a_monday_morning(settings):
    settings.ELASTICSEARCH_URL = ""
    with clock_source.fixed_at(MONDAY_MORNING):
        yield


@dataclass
class Register:
    housekeeping: Organization
    other_housekeepers: list[Organization]
    unlisted: Organization
    suspended: Organization


@pytest.fixture
def register(db) -> Register:
    category = CategoryFactory(code="housekeeping", name="家政服务", name_en="Housekeeping")
    street = SubdistrictFactory(district=DistrictFactory(code="320102", name="玄武区"), name="玄武门街道")

    def merchant(name, **fields):
        organization = OrganizationFactory(alternate_name=name, categories=[category], **fields)
        outlet = LocationFactory(organization=organization, subdistrict=street, address_1="中山路1号")
        ScheduleFactory(location=outlet)
        return organization

    built = Register(
        housekeeping=merchant("红星家政", email="owner-private@example.cn", description="月嫂 <b>上门</b>"),
        other_housekeepers=[merchant(f"家政{number}号") for number in range(4)],
        unlisted=merchant("阳光家政", listing_status=ListingStatus.UNLISTED),
        suspended=merchant("洁净家政", listing_status=ListingStatus.SUSPENDED),
    )
    LicenceFactory(
        organization=built.housekeeping,
        licence_type=LicenceTypeFactory(code="business-licence", name="营业执照", name_en="Business licence"),
        number="91320100MA0000001X",
    )
    refresh_entries()
    return built


def test_search_returns_hits_with_scores_highlights_and_facets(client, register):
    response = client.get("/api/merchants/search", {"q": "红星"})

    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    [hit] = body["results"]
    assert hit["id"] == register.housekeeping.pk
    assert hit["name"] == "红星家政"
    assert hit["score"] > 0
    assert hit["highlights"]["name"] == ["<mark>红星</mark>家政"]
    assert hit["open_now"] is True
    assert hit["categories"] == [{"code": "housekeeping", "name": "家政服务"}]
    assert hit["districts"] == [{"code": "320102", "name": "玄武区"}]
    assert hit["url"].endswith(f"/merchants/{register.housekeeping.pk}/")
    assert body["facets"]["category"] == [{"code": "housekeeping", "name": "家政服务", "count": 1}]
    assert body["next"] is None
    assert response["Content-Type"] == "application/json"


def test_the_api_under_en_answers_in_english_and_its_links_stay_in_english(client, register):
    response = client.get("/en/api/merchants/search", {"q": "家政", "page_size": "3"})

    assert response.status_code == 200
    body = response.json()
    assert body["results"][0]["categories"] == [{"code": "housekeeping", "name": "Housekeeping"}]
    assert urlsplit(body["results"][0]["url"]).path.startswith("/en/merchants/")
    assert urlsplit(body["next"]).path == "/en/api/merchants/search"
    refused = client.get("/en/api/merchants/search", {"category": "nothing"}).json()
    assert refused["detail"] == "The search parameters are not valid."
    assert client.get("/api/merchants/search", {"category": "nothing"}).json()["detail"] != refused["detail"]


@pytest.mark.parametrize("parameters", [{"q": "家政"}, {"q": "红星", "near": "32.05,118.79"}, {"q": "火箭发射"}])
def test_the_search_answer_conforms_to_the_documented_schema(client, register, parameters):
    body = client.get("/api/merchants/search", parameters).json()

    # The view writes its JSON itself (search.api.search); the schema it documents still describes it exactly.
    assert public_api.SearchOut.model_validate(body).model_dump(mode="json") == body


def test_search_pages_with_a_next_url_that_keeps_the_filters(client, register):
    first = client.get("/api/merchants/search", {"q": "家政", "district": "320102", "page_size": "3"}).json()

    assert first["total"] == 5
    assert len(first["results"]) == 3
    next_url = urlsplit(first["next"])
    assert parse_qs(next_url.query) == {"q": ["家政"], "district": ["320102"], "page_size": ["3"], "page": ["2"]}
    second = client.get(f"{next_url.path}?{next_url.query}").json()
    assert len(second["results"]) == 2
    assert second["next"] is None
    seen = {hit["id"] for hit in first["results"] + second["results"]}
    assert seen == {register.housekeeping.pk, *(merchant.pk for merchant in register.other_housekeepers)}


def test_search_never_returns_unlisted_or_suspended_merchants(client, register):
    names = {
        hit["name"] for hit in client.get("/api/merchants/search", {"q": "家政", "page_size": "50"}).json()["results"]
    }

    assert "阳光家政" not in names
    assert "洁净家政" not in names


@pytest.mark.parametrize(
    ("parameters", "field"),
    [({"radius": "abc", "near": "32.06,118.79"}, "radius"), ({"category": "nothing"}, "category")],
)
def test_invalid_search_parameters_are_a_400_naming_the_parameter(client, register, parameters, field):
    response = client.get("/api/merchants/search", parameters)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_detail_gives_the_public_record_of_a_listed_merchant(client, register):
    response = client.get(f"/api/merchants/{register.housekeeping.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "红星家政"
    assert body["description"] == "月嫂 <b>上门</b>"
    assert body["categories"] == [{"code": "housekeeping", "name": "家政服务"}]
    [outlet] = body["outlets"]
    assert outlet["address"] == "中山路1号"
    assert outlet["district"] == {"code": "320102", "name": "玄武区"}
    assert outlet["open_now"] is True
    assert outlet["hours"] == [{"day": 1, "opens_at": "08:00:00", "closes_at": "20:00:00"}]
    [licence] = body["licences"]
    assert licence["number"] == "91320100MA0000001X"
    assert licence["type"] == {"code": "business-licence", "name": "营业执照"}
    assert "file" not in licence
    text = response.text
    assert "owner-private@example.cn" not in text
    assert "owner" not in body
    assert register.housekeeping.owner.username not in text


@pytest.mark.parametrize("status", [ListingStatus.UNLISTED, ListingStatus.SUSPENDED])
def test_detail_of_a_merchant_that_is_not_listed_is_not_found(client, register, status):
    merchant = register.unlisted if status == ListingStatus.UNLISTED else register.suspended

    response = client.get(f"/api/merchants/{merchant.pk}")

    assert response.status_code == 404


def test_detail_of_a_merchant_that_does_not_exist_is_not_found(client, register):
    assert client.get("/api/merchants/999999").status_code == 404


def test_suggest_offers_the_category_for_initials(client, register):
    response = client.get("/api/suggest", {"q": "jz"})

    assert response.status_code == 200
    category = next(item for item in response.json() if item["kind"] == "category")
    assert category == {
        "text": "家政服务",
        "kind": "category",
        "value": "housekeeping",
        "url": "/search/?category=housekeeping",
    }


def test_the_schema_documents_the_endpoints_and_their_responses(client):
    schema = client.get("/api/openapi.json").json()

    search = schema["paths"]["/api/merchants/search"]["get"]
    assert {parameter["name"] for parameter in search["parameters"]} >= {
        "q",
        "category",
        "district",
        "open_now",
        "near",
    }
    assert set(search["responses"]) == {"200", "400"}
    assert set(schema["paths"]["/api/merchants/{merchant_id}"]["get"]["responses"]) == {"200", "404"}
    assert "/api/suggest" in schema["paths"]
    merchant = schema["components"]["schemas"]["MerchantOut"]["properties"]
    assert "licences" in merchant
    assert not {"owner", "email", "listing_status"} & set(merchant)


def test_too_many_requests_from_one_address_are_refused(client, register, monkeypatch):
    monkeypatch.setattr(public_api.PUBLIC_RATE, "num_requests", 3)

    statuses = [client.get("/api/suggest", {"q": "jz"}).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    other_address = client.get("/api/suggest", {"q": "jz"}, REMOTE_ADDR="10.0.0.2")
    assert other_address.status_code == 200


def test_offers_for_a_group_narrow_the_api_search_and_an_unknown_group_is_explained(client, register):
    from tests.discounts.factories import OfferFactory, group

    laid_off = group("registered-unemployed")
    OfferFactory(organization=register.housekeeping, groups=[laid_off])
    refresh_entries()

    found = client.get("/api/merchants/search", {"q": "家政", "offer_group": laid_off.code})
    unknown = client.get("/api/merchants/search", {"q": "家政", "offer_group": "no-such-group"})

    assert [result["id"] for result in found.json()["results"]] == [register.housekeeping.pk]
    assert unknown.status_code == 400
    assert "offer_group" in unknown.json()["errors"]
