"""What a search asks and answers, the same for every backend."""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from search.analysis import is_chinese, segment_for_index, segment_for_query
from search.synonyms import synonym_map

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


# How an alternative ranks against the words as typed: a synonym a little below, a part of a word well below,
# so that a merchant matching the whole word stays above one matching only a part of it.
TYPED_WEIGHT = 1.0
SYNONYM_WEIGHT = 0.8
PART_WEIGHT = 0.4

# Characters that, leading a two-character word, only say what the resident wants done with the thing named
# after them (买药, 吃饭, 看病): the thing is what to search for. Alone they are not searched at all.
LIGHT_VERBS = frozenset("买吃喝要想去请看帮")

# How many consecutive query words a term of the synonym list may span (修 手机, if an administrator adds
# 修手机 ↔ 手机维修).
LONGEST_PHRASE = 4


@dataclass(frozen=True)
class Alternative:
    """A phrase: every one of its terms must match. Iterating it gives the terms."""

    terms: tuple[Term, ...]
    weight: float = field(default=TYPED_WEIGHT, compare=False)

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


# A group is satisfied by any of its alternatives; the words as typed come first.
Group = tuple[Alternative, ...]


def _phrase(text: str, weight: float) -> Alternative:
    return Alternative(tuple(Term(word) for word in segment_for_query(text)), weight)


def parts_of(word: str) -> list[Alternative]:
    """What may stand for a Chinese word that matches nothing whole.

    A long word is also satisfied by any of the dictionary words inside it (洗衣服: 洗衣 or 衣服); a
    two-character word led by a light verb by the rest (买药: 药). Other short words keep no parts, so 家政
    never matches a lone 家.
    """
    if not is_chinese(word):
        return []
    inner = [part for part in segment_for_index(word) if part != word and len(part) > 1]
    if inner:
        return [Alternative((Term(part),), PART_WEIGHT) for part in inner]
    if len(word) == 2 and word[0] in LIGHT_VERBS:
        return [_phrase(word[1:], PART_WEIGHT)]
    return []


def _spelling(words: list[str]) -> str:
    return "".join(words) if all(is_chinese(word) for word in words) else " ".join(words)


def _phrases(words: list[str], synonyms: dict[str, list[str]]) -> list[list[str]]:
    """The query words, with consecutive words that together spell a term of the synonym list joined."""
    spans, start = [], 0
    while start < len(words):
        end = start + 1
        for candidate in range(min(len(words), start + LONGEST_PHRASE), start + 1, -1):
            if _spelling(words[start:candidate]) in synonyms:
                end = candidate
                break
        spans.append(words[start:end])
        start = end
    return spans


def plan_text(text: str) -> list[Group]:
    """Every query word must match: itself, one of its synonyms, or its parts (see parts_of).

    A light verb standing alone (买 in 买 水果) need not match, unless the query is nothing else.
    """
    words = segment_for_query(text)
    meaningful = [word for word in words if word not in LIGHT_VERBS] or words
    synonyms = synonym_map()
    groups = []
    for span in _phrases(meaningful, synonyms):
        spelling = _spelling(span)
        alternatives = [Alternative(tuple(Term(word) for word in span))]
        alternatives += [_phrase(synonym, SYNONYM_WEIGHT) for synonym in synonyms.get(spelling, [])]
        if len(span) == 1:
            alternatives += parts_of(spelling)
        groups.append(tuple(alternative for alternative in dict.fromkeys(alternatives) if alternative))
    return list(dict.fromkeys(groups))


def next_page(query: SearchQuery, total: int) -> int | None:
    reachable = min(total, MAX_RESULT_WINDOW)
    return query.page + 1 if query.offset + query.page_size < reachable else None


def plan_terms(groups: list[Group]) -> list[Term]:
    return list(dict.fromkeys(term for group in groups for alternative in group for term in alternative))
