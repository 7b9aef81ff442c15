"""Search results shaped for people and programs: each hit joined to the register's public data, facet codes
named, suggestions given the address they lead to. Shared by the search page and the JSON API."""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language

from market.feedback.ratings import Rating
from market.places.models import District
from market.registry.models import Category
from search.query import Hit, Point, SearchQuery, SearchResults, Suggestion
from search.records import minute_of_week
from search.request_reads import forget_read, read_with_search, shared_get

EARTH_RADIUS_KM = 6371.0


MERCHANT_ID_PLACEHOLDER = 987654321


@lru_cache(maxsize=64)
def _merchant_url_pattern(language: str | None, script_prefix: str) -> tuple[str, str]:
    before, _placeholder, after = reverse("registry:merchant_detail", args=[MERCHANT_ID_PLACEHOLDER]).partition(
        str(MERCHANT_ID_PLACEHOLDER)
    )
    return before, after


def merchant_url(merchant_id: int | str) -> str:
    """A merchant's page in the active language: reversed once per language, not once per result."""
    before, after = _merchant_url_pattern(get_language(), get_script_prefix())
    return f"{before}{int(merchant_id)}{after}"


def search_url(**parameters) -> str:
    return f"{reverse('search:results')}?{urlencode(parameters)}"


def suggestion_url(suggestion: Suggestion) -> str:
    """Where choosing a suggestion leads: a category filter, a merchant's page, or a search for the word."""
    if suggestion.kind == "category":
        return search_url(category=suggestion.value)
    if suggestion.kind == "merchant":
        return merchant_url(suggestion.value)
    return search_url(q=suggestion.value)


def reads_english() -> bool:
    """Whether the current request reads English names (else Chinese, as BilingualName)."""
    return (get_language() or "").startswith("en")


@dataclass(frozen=True)
class Named:
    """A category or district as a card stores it: its code and both names, and the one shown, chosen when it is
    made for a request (the active language's, falling back to Chinese, as BilingualName): a card names a few
    dozen of them, and asking for the language each time it is shown was a tenth of the API's own work."""

    code: str
    name: str
    name_en: str = ""
    display_name: str = field(default="", compare=False)

    def __post_init__(self):
        if not self.display_name:
            object.__setattr__(self, "display_name", _shown(self.name, self.name_en, reads_english()))

    def __str__(self):
        return self.display_name


def _shown(name: str, name_en: str, english: bool) -> str:
    return name_en if english and name_en else name


def _named(stored, english: bool) -> Named:
    code, name, name_en = stored
    return _named_in(code, name, name_en, english)


# A page of cards names a few dozen categories and districts, the same ones search after search.
@lru_cache(maxsize=4096)
def _named_in(code: str, name: str, name_en: str, english: bool) -> Named:
    return Named(code, name, name_en, _shown(name, name_en, english))


@dataclass(frozen=True)
class CardOutlet:
    """An outlet as a card stores it, with what "open now" is decided from."""

    name: str
    district: Named
    latitude: float
    longitude: float
    weekly: tuple[tuple[int, int], ...]  # half-open minute-of-week ranges
    closed_on: frozenset[str]  # ISO days whose weekly hours do not apply
    special: tuple[tuple[datetime.datetime, datetime.datetime], ...]  # open ranges on those days

    @classmethod
    def from_card(cls, stored: dict, english: bool) -> "CardOutlet":
        return cls(
            name=stored["name"],
            district=_named(stored["district"], english),
            latitude=stored["position"][0],
            longitude=stored["position"][1],
            weekly=tuple(map(tuple, stored["weekly"])),
            closed_on=frozenset(stored["closed_on"]),
            special=tuple(
                (datetime.datetime.fromisoformat(opens), datetime.datetime.fromisoformat(closes))
                for opens, closes in stored["special"]
            )
            if stored["special"]
            else (),
        )

    def is_open_at(self, moment: datetime.datetime) -> bool:
        """As Location.is_open_at: a day's exception replaces the weekly hours (closed, or its own hours)."""
        return self.is_open(Moment.of(moment))

    def is_open(self, moment: "Moment") -> bool:
        if moment.day in self.closed_on:
            return any(opens <= moment.at < closes for opens, closes in self.special)
        return any(opens <= moment.minute_of_week < closes for opens, closes in self.weekly)

    def distance_km(self, point: Point) -> float:
        return haversine_km(point, Point(self.latitude, self.longitude))


@dataclass(frozen=True)
class Moment:
    """A moment as opening hours are read: itself, its day in the site's time zone, its minute of the week."""

    at: datetime.datetime
    day: str
    minute_of_week: int

    @classmethod
    def of(cls, moment: datetime.datetime) -> "Moment":
        local = timezone.localtime(moment)
        return cls(moment, local.date().isoformat(), minute_of_week(local))


def haversine_km(one: Point, other: Point) -> float:
    latitude, other_latitude = math.radians(one.latitude), math.radians(other.latitude)
    longitude_span = math.radians(other.longitude - one.longitude)
    half_chord = (
        math.sin((other_latitude - latitude) / 2) ** 2
        + math.cos(latitude) * math.cos(other_latitude) * math.sin(longitude_span / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(half_chord))


@dataclass
class ResultCard:
    """One result as the page and the API show it, read from the card stored with the hit alone."""

    hit: Hit
    legal_name: str
    categories: list[Named]
    districts: list[Named]
    outlet: CardOutlet | None  # the nearest to the point searched from, else the first in the district asked for
    is_open: bool
    rating: Rating | None
    # From the point searched from (a chosen street or community, or the browser's location): the engine's when it
    # sorted by distance, else to the outlet shown. None without a point.
    distance_km: float | None = None
    url: str = ""  # the merchant's page

    @property
    def name(self) -> str:
        return self.hit.name

    @property
    def description(self) -> str:
        return self.hit.description


@dataclass(frozen=True)
class Reading:
    """What the cards of a request are read with, asked once for all of them: the moment "open now" is decided
    at, whether names are shown in English, and where merchant pages are (the parts around the id)."""

    moment: Moment
    english: bool
    merchant_url: tuple[str, str]

    @classmethod
    def of(cls, moment: datetime.datetime) -> "Reading":
        language = get_language()
        english = (language or "").startswith("en")
        return cls(Moment.of(moment), english, _merchant_url_pattern(language, get_script_prefix()))


def result_card(hit: Hit, moment: datetime.datetime | Reading, query: SearchQuery | None = None) -> ResultCard:
    stored = hit.card or {}
    reading = moment if isinstance(moment, Reading) else Reading.of(moment)
    english = reading.english
    outlets = [CardOutlet.from_card(outlet, english) for outlet in stored.get("outlets", [])]
    shown = outlets
    if query is not None and query.district:
        shown = [outlet for outlet in outlets if outlet.district.code == query.district] or outlets
    if query is not None and query.near is not None and shown:
        shown = sorted(shown, key=lambda outlet: outlet.distance_km(query.near))
    rating = stored.get("rating")
    distance = hit.distance_km
    if distance is None and query is not None and query.near is not None and shown:
        distance = shown[0].distance_km(query.near)
    return ResultCard(
        hit=hit,
        legal_name=stored.get("legal_name", ""),
        categories=[_named(category, english) for category in stored.get("categories", [])],
        districts=list({outlet.district.code: outlet.district for outlet in outlets}.values()),
        outlet=shown[0] if shown else None,
        is_open=any(outlet.is_open(reading.moment) for outlet in outlets),
        rating=Rating(average=Decimal(rating[0]), count=rating[1]) if rating else None,
        distance_km=distance,
        url=f"{reading.merchant_url[0]}{int(hit.id)}{reading.merchant_url[1]}",
    )


def result_cards(hits: list[Hit], moment: datetime.datetime, query: SearchQuery | None = None) -> list[ResultCard]:
    """The page's hits as cards, from what the engine returned alone: no query at all, whatever the page size.
    Engines return listed merchants only (a merchant leaving the register leaves its stores at once, see
    search.sync.remove_merchant_now), so what is counted is what is shown."""
    reading = Reading.of(moment)
    return [result_card(hit, reading, query) for hit in hits]


@dataclass(frozen=True)
class FacetValue:
    code: str
    name: str
    count: int


FACET_NAMES_CACHE = read_with_search("search:facet-names")
FACET_NAMES_SECONDS = 300


def facet_names() -> dict[str, dict[str, tuple[str, str]]]:
    """Every category's and district's names by code (two small tables), cached: a results page needs them for
    every facet, and reading them each time was two queries a page. A changed category or district clears them
    (search.receivers)."""
    names = shared_get(FACET_NAMES_CACHE)
    if names is None:
        names = {
            "category": {
                code: (name, name_en) for code, name, name_en in Category.objects.values_list("code", "name", "name_en")
            },
            "district": {
                code: (name, name_en) for code, name, name_en in District.objects.values_list("code", "name", "name_en")
            },
        }
        cache.set(FACET_NAMES_CACHE, names, FACET_NAMES_SECONDS)
        forget_read(FACET_NAMES_CACHE)
    return names


def forget_facet_names() -> None:
    cache.delete(FACET_NAMES_CACHE)


def named_facets(results: SearchResults) -> dict[str, list[FacetValue]]:
    """Facet counts with the names residents read, most hits first."""
    counts, names, english = results.facets, facet_names(), reads_english()
    found = {}
    for facet in ("category", "district"):
        values = []
        for code, count in counts.get(facet, {}).items():
            if code in names[facet]:
                values.append(FacetValue(code=code, name=_shown(*names[facet][code], english), count=count))
        found[facet] = sorted(values, key=lambda value: (-value.count, value.name))
    return found
