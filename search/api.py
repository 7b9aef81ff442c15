"""The public JSON API: search and merchant detail, public data only. OpenAPI schema at /api/openapi.json.

Search takes the same parameters as the search page and is validated by the same FilterSet, so the two never
disagree. Only listed merchants are ever shown; no account, owner or e-mail leaves the register this way.
"""

import datetime

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Field, NinjaAPI, Query, Schema, Status

from market import clock_source
from market.licensing.models import Licence
from market.registry.models import Organization
from market.registry.public import listed_merchants
from market.throttling import ClientAddressRateThrottle, answer_throttled_requests
from search.filters import MAX_TEXT_LENGTH, MerchantSearchFilter
from search.presentation import merchant_url, named_facets, result_cards, suggestion_url
from search.request_reads import read_together
from search.service import search_merchants, suggest

# Which engine answered a search, and whether it was the database standing in for Elasticsearch.
ENGINE_HEADER = "X-Search-Engine"
FALLBACK_HEADER = "X-Search-Fallback"

# Per client address (market.client_address), counted in the shared cache: see market/throttling.py. The
# benchmark (bench/settings.py), one client sending thousands of requests, lifts it with SEARCH_API_RATE.
PUBLIC_RATE = ClientAddressRateThrottle(getattr(settings, "SEARCH_API_RATE", "60/min"))

api = NinjaAPI(
    title="Linli public API",
    version="1",
    description="Listed community-service merchants of the city commerce bureau's register.",
    urls_namespace="api",
    throttle=[PUBLIC_RATE],
)
answer_throttled_requests(api)


class SearchParameters(Schema):
    """The search page's parameters; each is checked by the page's own filters (see search/filters.py)."""

    q: str | None = Field(None, description="Words, pinyin or pinyin initials, e.g. 家政, jiazheng or jz.")
    category: str | None = Field(None, description="A category code; its sub-categories are included.")
    district: str | None = Field(None, description="A district's 6-digit administrative code.")
    subdistrict: str | None = Field(None, description="A sub-district id.")
    open_now: str | None = Field(None, description="Any non-empty value: only merchants with an outlet open now.")
    founded_by_laid_off_workers: str | None = Field(None, description="Any non-empty value: only those merchants.")
    offer_group: str | None = Field(
        None, description="An eligibility group's code: only merchants with a live offer for that group."
    )
    micro_profit_only: str | None = Field(
        None, description="Any non-empty value: only merchants with a micro-profit service in force."
    )
    bookable_online: str | None = Field(
        None, description="Any non-empty value: only merchants with a service residents can book on Linli."
    )
    near: str | None = Field(
        None, description="latitude,longitude in degrees, e.g. 32.06,118.79; results then come nearest first."
    )
    place: str | None = Field(
        None,
        description="Measure from a sub-district (subdistrict-<id>) or a community (community-<id>) instead of `near`.",
    )
    radius: str | None = Field(None, description="Kilometres from `near`.")
    sort: str | None = Field(
        None, description="relevance or distance (needs `near` or `place`); distance by default with either."
    )
    page: str | None = Field(None, description="Page number, from 1.")
    page_size: str | None = Field(None, description="Results per page, 1 to 100 (20 by default).")


class ErrorOut(Schema):
    detail: str


class InvalidSearchOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(description="Messages per parameter.")


class NamedCode(Schema):
    code: str
    name: str


class FacetValueOut(Schema):
    code: str
    name: str
    count: int


class FacetsOut(Schema):
    category: list[FacetValueOut]
    district: list[FacetValueOut]


class CardOutletOut(Schema):
    name: str
    district: NamedCode
    distance_km: float | None = Field(description="From `near`, when it is given.")


class RatingOut(Schema):
    average: float = Field(description="Of published reviews, 1 to 5, to the hundredth.")
    count: int


class HitOut(Schema):
    id: int
    name: str
    legal_name: str
    score: float
    highlights: dict[str, list[str]] = Field(description="HTML-escaped text with matches in <mark>.")
    distance_km: float | None = Field(description="From `near` (or `place`) to the merchant's nearest outlet, in km.")
    open_now: bool
    categories: list[NamedCode]
    districts: list[NamedCode]
    outlet: CardOutletOut | None = Field(
        description="The outlet nearest `near` when it is given, else the first (in `district` when it is given)."
    )
    rating: RatingOut | None = Field(description="Null until the merchant has a published review.")
    url: str = Field(description="The merchant's page.")


class UnderstoodOut(Schema):
    searched: str = Field(description="The words searched, when they differ from the words sent; else empty.")
    dropped: list[str] = Field(description="Words left out: nothing in the register has them.")
    corrections: list[list[str]] = Field(description="[as sent, as searched] pairs: typos put right.")


class SearchOut(Schema):
    total: int
    page: int
    page_size: int
    engine: str = Field(description="What answered: elasticsearch, database or database (fallback).")
    fallback: bool = Field(description="True when Elasticsearch is configured but the database answered.")
    understood: UnderstoodOut
    results: list[HitOut]
    facets: FacetsOut
    next: str | None = Field(description="The next page of these results, or null on the last page.")


class HoursOut(Schema):
    day: int = Field(description="ISO weekday: 1 Monday to 7 Sunday.")
    opens_at: datetime.time
    closes_at: datetime.time


class OutletOut(Schema):
    id: int
    name: str
    address: str
    district: NamedCode
    subdistrict: str
    latitude: float
    longitude: float
    phone: str
    open_now: bool
    hours: list[HoursOut]


class LicenceOut(Schema):
    type: NamedCode
    number: str
    issuing_authority: str
    valid_from: datetime.date
    valid_to: datetime.date | None


class MerchantOut(Schema):
    id: int
    name: str = Field(description="The trade name residents know, or the legal name.")
    legal_name: str
    name_en: str
    description: str
    unified_social_credit_code: str
    categories: list[NamedCode]
    is_chain: bool
    founded_by_laid_off_workers: bool
    phone: str
    website: str
    outlets: list[OutletOut]
    licences: list[LicenceOut] = Field(description="Licences in force today; the scanned files are not public.")
    url: str = Field(description="The merchant's page.")


class SuggestionOut(Schema):
    text: str
    kind: str = Field(description="word, category or merchant.")
    value: str = Field(description="The word, the category code or the merchant id.")
    url: str = Field(description="Where choosing it leads.")


def named(item) -> dict:
    return {"code": item.code, "name": item.display_name}


def card_outlet(card, query) -> dict | None:
    if card.outlet is None:
        return None
    distance = card.outlet.distance_km(query.near) if query.near is not None else None
    return {
        "name": card.outlet.name,
        "district": named(card.outlet.district),
        "distance_km": round(distance, 3) if distance is not None else None,
    }


@api.get(
    "/merchants/search",
    response={200: SearchOut, 400: InvalidSearchOut},
    url_name="merchant_search",
    summary="Search listed merchants",
)
@read_together
def search(request, parameters: Query[SearchParameters]):
    filters = MerchantSearchFilter(request.GET)
    if not filters.is_valid():
        errors = {name: [str(message) for message in messages] for name, messages in filters.errors.items()}
        return Status(400, {"detail": gettext("The search parameters are not valid."), "errors": errors})
    query = filters.search_query()
    results = search_merchants(query)
    following = None
    if results.next_page:
        next_parameters = request.GET.copy()
        next_parameters["page"] = results.next_page
        following = request.build_absolute_uri(f"{request.path}?{next_parameters.urlencode()}")
    cards = result_cards(results.hits, clock_source.now(), query)
    site = request.build_absolute_uri("/")[:-1]
    payload = {
        "total": results.total,
        "page": query.page,
        "page_size": query.page_size,
        "engine": results.backend,
        "fallback": results.fallback,
        "understood": {
            "searched": results.searched,
            "dropped": results.dropped,
            "corrections": [list(pair) for pair in results.corrections],
        },
        "results": [
            {
                "id": card.hit.id,
                "name": card.name,
                "legal_name": card.legal_name,
                "score": card.hit.score,
                "highlights": card.hit.highlights,
                "distance_km": card.distance_km,
                "open_now": card.is_open,
                "categories": [named(category) for category in card.categories],
                "districts": [named(district) for district in card.districts],
                "outlet": card_outlet(card, query),
                "rating": {"average": float(card.rating.average), "count": card.rating.count} if card.rating else None,
                "url": site + card.url,
            }
            for card in cards
        ],
        "facets": {
            facet: [{"code": value.code, "name": value.name, "count": value.count} for value in values]
            for facet, values in named_facets(results).items()
        },
        "next": following,
    }
    # Written as it is: validating the answer against SearchOut again took as long as the rest of the API's own
    # work (tests/search/test_api.py checks that it conforms). orjson writes it, as it reads Elasticsearch's
    # answers (search/engine.py): the standard library's encoder took a tenth of the API's own time.
    answer = HttpResponse(orjson.dumps(payload, default=str), content_type="application/json")
    answer[ENGINE_HEADER] = results.backend
    answer[FALLBACK_HEADER] = "1" if results.fallback else "0"
    return answer


@api.get(
    "/merchants/{merchant_id}",
    response={200: MerchantOut, 404: ErrorOut},
    url_name="merchant_detail",
    summary="A listed merchant's public record",
)
def merchant_detail(request, merchant_id: int):
    moment = clock_source.now()
    merchant: Organization = get_object_or_404(listed_merchants(moment), pk=merchant_id)
    licences = (
        Licence.objects.in_force(clock_source.today())
        .filter(organization=merchant)
        .select_related("licence_type")
        .order_by("licence_type__code", "-valid_from")
    )
    return {
        "id": merchant.pk,
        "name": str(merchant),
        "legal_name": merchant.name,
        "name_en": merchant.name_en,
        "description": merchant.description,
        "unified_social_credit_code": merchant.unified_social_credit_code,
        "categories": [named(category) for category in merchant.categories.all()],
        "is_chain": merchant.is_chain,
        "founded_by_laid_off_workers": merchant.founded_by_laid_off_workers,
        "phone": merchant.phone,
        "website": merchant.website,
        "outlets": [
            {
                "id": outlet.pk,
                "name": outlet.name,
                "address": outlet.address_1,
                "district": named(outlet.district),
                "subdistrict": outlet.subdistrict.display_name,
                "latitude": float(outlet.latitude),
                "longitude": float(outlet.longitude),
                "phone": outlet.phone,
                "open_now": outlet.is_open_at(moment),
                "hours": [
                    {"day": hours.byday, "opens_at": hours.opens_at, "closes_at": hours.closes_at}
                    for hours in outlet.schedules.all()
                ],
            }
            for outlet in merchant.locations.all()
        ],
        "licences": [
            {
                "type": named(licence.licence_type),
                "number": licence.number,
                "issuing_authority": licence.issuing_authority,
                "valid_from": licence.valid_from,
                "valid_to": licence.valid_to,
            }
            for licence in licences
        ],
        "url": request.build_absolute_uri(merchant_url(merchant.pk)),
    }


@api.get("/suggest", response=list[SuggestionOut], url_name="suggest", summary="Completions for a search box")
def suggestions(request, q: str = Query("", max_length=MAX_TEXT_LENGTH, description="What has been typed.")):
    return [
        {"text": item.text, "kind": item.kind, "value": item.value, "url": suggestion_url(item)} for item in suggest(q)
    ]
