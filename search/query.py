"""What a search asks and answers, the same for every backend."""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from search.analysis import is_chinese, segment_for_query
from search.synonyms import synonyms_of

MAX_PAGE_SIZE = 100
# Elasticsearch refuses to page past 10,000 hits; the database backends honour the same bound.
MAX_RESULT_WINDOW = 10_000


class Sort(StrEnum):
    RELEVANCE = "relevance"
    DISTANCE = "distance"


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    category: str = ""  # a category code; its sub-categories are included
    district: str = ""  # a district code
    subdistrict: int | None = None
    open_at: datetime.datetime | None = None  # an aware moment, usually now
    founded_by_laid_off_workers: bool | None = None
    offer_group: str = ""  # an eligibility group code: merchants with an offer for it today
    micro_profit_only: bool = False  # merchants with a micro-profit service in force today
    near: Point | None = None
    radius_km: float | None = None
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    page_size: int = 20

    def __post_init__(self):
        if self.page < 1:
            raise ValueError("page starts at 1")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        if self.sort == Sort.DISTANCE and self.near is None:
            raise ValueError("sorting by distance needs a point")
        if self.radius_km is not None and self.near is None:
            raise ValueError("a radius needs a point")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def has_outlet_filter(self) -> bool:
        return bool(self.district or self.subdistrict or self.open_at or self.radius_km)


@dataclass
class Hit:
    id: int
    name: str
    score: float
    highlights: dict[str, list[str]] = field(default_factory=dict)
    distance_km: float | None = None


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]  # {"category": {code: count}, "district": {code: count}}
    next_page: int | None
    backend: str


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "word", "category" or "merchant"
    value: str  # what to search or open: the word, the category code or the merchant id


@dataclass(frozen=True)
class Term:
    """One word to match. Chinese words match whole tokens; Latin words also match pinyin and initials
    by prefix (so `jiaz` and `jz` find 家政)."""

    text: str

    @property
    def latin(self) -> bool:
        return not is_chinese(self.text)


# An alternative is a phrase (all of its terms); a group is satisfied by any of its alternatives.
Alternative = tuple[Term, ...]
Group = tuple[Alternative, ...]


def plan_text(text: str) -> list[Group]:
    """Every query word must match, itself or one of its synonyms."""
    groups = []
    for word in dict.fromkeys(segment_for_query(text)):
        alternatives = [(Term(word),)]
        for synonym in synonyms_of(word):
            alternatives.append(tuple(Term(part) for part in segment_for_query(synonym)))
        groups.append(tuple(alternative for alternative in dict.fromkeys(alternatives) if alternative))
    return groups


def next_page(query: SearchQuery, total: int) -> int | None:
    reachable = min(total, MAX_RESULT_WINDOW)
    return query.page + 1 if query.offset + query.page_size < reachable else None


def plan_terms(groups: list[Group]) -> list[Term]:
    return list(dict.fromkeys(term for group in groups for alternative in group for term in alternative))
