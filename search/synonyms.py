"""The editable synonym list, expanded at query time (the Elasticsearch test distribution has no synonym
filter, and the databases none either)."""

import threading
import time
from dataclasses import dataclass
from functools import cache as memoise
from functools import cached_property
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from market import cache_versions
from search.analysis import english_stem, is_chinese, pinyin_of
from search.models import Synonym, split_terms
from search.request_reads import read_with_search, shared_get
from search.vocabulary import latin_distance_allowed

# One-way lists, edited as files: a resident's word -> the words merchants write.
GLOSSARIES = (
    Path(__file__).with_name("english_glossary.txt"),
    Path(__file__).with_name("resident_glossary.txt"),
)
VERSION_KEY = read_with_search("search:synonyms-version")
# Edits change the version in the shared cache, which every process reads; without a shared cache (no REDIS_URL)
# another process sees an edit within this time.
CACHE_SECONDS = 60


class SynonymMap(dict):
    """Each term -> the other terms of its sets. An English word that is not a term is looked up by its stem, so
    recycle and recycled find the set of recycling, and repairs that of repair."""

    def __init__(self, mapping: dict[str, list[str]]):
        # A query's words are split at hyphens (part-time: part time), so the list's terms are too.
        spaced: dict[str, list[str]] = {}
        for term, others in mapping.items():
            found = spaced.setdefault(term.replace("-", " ") if term.isascii() else term, [])
            found.extend(other for other in others if other not in found)
        super().__init__(spaced)
        # Every English term by its stem, so that another form of it (passport photos, locked out) is the term.
        self.by_stem: dict[str, list[str]] = {}
        for term, others in spaced.items():
            stem = english_stem(term)
            if stem != term or term.isascii():
                found = self.by_stem.setdefault(stem, [])
                found.extend(other for other in [term, *others] if other not in found)

    def __contains__(self, term) -> bool:
        return super().__contains__(term) or english_stem(term) in self.by_stem

    def get(self, term, default=None):
        found = super().get(term)
        return found if found is not None else self.by_stem.get(english_stem(term), default)

    @cached_property
    def english_words(self) -> list[str]:
        return sorted({word for term in self if term.isascii() for word in term.split() if word.isalpha()})

    @cached_property
    def english_word_set(self) -> frozenset[str]:
        return frozenset(self.english_words)

    @cached_property
    def chinese_by_pinyin(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for term in sorted(self.keys()):
            if is_chinese(term):
                found.setdefault(pinyin_of(term), []).append(term)
        return found

    def spelled_in_pinyin(self, word: str) -> list[str]:
        """The Chinese terms of two characters or more that a Latin word is the pinyin of (xiyidian: 洗衣店), unless
        the word is English of the list."""
        if not word.isascii() or not word.isalpha() or word in self.english_word_set or word in self:
            return []
        return [term for term in self.chinese_by_pinyin.get(word, []) if len(term) >= 2]

    def homophone(self, word: str) -> str | None:
        """The Chinese term of the list that sounds exactly like a word and has as many characters (大要房:
        大药房), or None. Terms the index does not hold word for word (大药房) are known only here."""
        same_length = [term for term in self.chinese_by_pinyin.get(pinyin_of(word), []) if len(term) == len(word)]
        return same_length[0] if same_length else None

    def nearest_english_word(self, word: str) -> str | None:
        """The word of an English term one edit from a mistyped word of four or five letters, two from a longer one
        (plumer: plumber; machne: machine), or None."""
        allowed = latin_distance_allowed(word)
        # A word of the list's phrases (wedding, of "wedding dress") is no typo of itself.
        if not allowed or not word.isascii() or not word.isalpha() or word in self.english_word_set:
            return None
        found = process.extractOne(word, self.english_words, scorer=OSA.distance, score_cutoff=allowed)
        return found[0] if found else None


@dataclass(frozen=True)
class _Held:
    version: str
    loaded: float
    mapping: SynonymMap
    terms: frozenset[str]


_held: _Held | None = None
_lock = threading.Lock()


def _version() -> str:
    return cache_versions.current(VERSION_KEY, read=shared_get)


@memoise
def glossary() -> dict[str, list[str]]:
    """Words residents type -> the words merchants write: English (air conditioner -> 空调), Taiwanese and Hong
    Kong names of trades (水电行 -> 水电维修) and colloquial ones (月子 -> 月嫂)."""
    found = {}
    for path in GLOSSARIES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                word, *meant = split_terms(line)
                found[word] = meant
    return found


def _load(version: str) -> _Held:
    mapping: dict[str, list[str]] = {}
    for synonym in Synonym.objects.all():
        terms = synonym.term_list
        for term in terms:
            others = mapping.setdefault(term, [])
            others.extend(other for other in terms if other != term and other not in others)
    # The glossaries read one way: 空调 is not searched as air conditioner as well, nor 理发 as 飞发.
    for word, meant in glossary().items():
        others = mapping.setdefault(word, [])
        others.extend(other for other in meant if other not in others)
    return _Held(version, time.monotonic(), SynonymMap(mapping), frozenset(mapping))


def _current() -> _Held:
    """The list as this process holds it, read again after an edit (a new version) or CACHE_SECONDS. A search
    reads it a dozen times: unpickling the whole list from the cache each time cost a millisecond a search."""
    global _held
    version = _version()
    held = _held
    if held is None or held.version != version or time.monotonic() - held.loaded > CACHE_SECONDS:
        with _lock:
            held = _load(version)
            _held = held
    return held


def synonym_map() -> SynonymMap:
    """Each lower-cased term of the list -> the other terms of its sets. Shared: do not change it."""
    return _current().mapping


def synonym_terms() -> frozenset[str]:
    """Every term of the list."""
    return _current().terms


def forget_synonyms() -> None:
    global _held
    cache_versions.replace(VERSION_KEY)
    _held = None
