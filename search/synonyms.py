"""The editable synonym list, expanded at query time (the Elasticsearch test distribution has no synonym
filter, and the databases none either)."""

import threading
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache

from search.models import Synonym
from search.request_reads import forget_read, read_with_search, shared_get

VERSION_KEY = read_with_search("search:synonyms-version")
# Edits change the version in the shared cache, which every process reads; without a shared cache (no REDIS_URL)
# another process sees an edit within this time.
CACHE_SECONDS = 60


@dataclass(frozen=True)
class _Held:
    version: str
    loaded: float
    mapping: dict[str, list[str]]
    terms: frozenset[str]


_held: _Held | None = None
_lock = threading.Lock()


def _version() -> str:
    version = shared_get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
        forget_read(VERSION_KEY)
    return version


def _load(version: str) -> _Held:
    mapping: dict[str, list[str]] = {}
    for synonym in Synonym.objects.all():
        terms = synonym.term_list
        for term in terms:
            others = mapping.setdefault(term, [])
            others.extend(other for other in terms if other != term and other not in others)
    return _Held(version, time.monotonic(), mapping, frozenset(mapping))


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


def synonym_map() -> dict[str, list[str]]:
    """Each lower-cased term of the list -> the other terms of its sets. Shared: do not change it."""
    return _current().mapping


def synonym_terms() -> frozenset[str]:
    """Every term of the list."""
    return _current().terms


def forget_synonyms() -> None:
    global _held
    cache.delete(VERSION_KEY)
    _held = None
