"""The one query service the search page and the API call. The engine is chosen by configuration:
Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise; tests pass one explicitly."""

import hashlib
from dataclasses import replace
from functools import cache as memoise

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from market import clock_source
from market.registry.models import Category
from search.analysis import dictionary_words, initials_of, is_chinese, pinyin_of
from search.backends import SearchBackend
from search.backends.database import DatabaseBackend
from search.engine import elasticsearch_configured
from search.query import (
    SearchQuery,
    SearchResults,
    Suggestion,
    as_written,
    query_words,
    relaxations,
    understand,
)
from search.vocabulary import vocabulary_version

RESULTS_CACHE = "search:results:{digest}"
CATEGORY_KEYS_CACHE = "search:category-keys"
CATEGORY_KEYS_SECONDS = 300


def configured_backend() -> SearchBackend:
    """Elasticsearch, answered by the database while Elasticsearch is down; the database alone otherwise."""
    if elasticsearch_configured():
        from search.backends.elasticsearch import ElasticsearchBackend
        from search.backends.resilient import ResilientBackend, breaker_for

        return ResilientBackend(ElasticsearchBackend(), DatabaseBackend(), breaker_for(settings.ELASTICSEARCH_URL))
    return DatabaseBackend()


def search_merchants(query: SearchQuery, backend: SearchBackend | None = None) -> SearchResults:
    """Plan the words against the engine's own vocabulary, search, and when every word together finds nothing,
    climb down the relaxation ladder (most words first); the results say what was left out or corrected.

    The configured engine's answer is kept in the shared cache until its entries change (the vocabulary version,
    which every write of entries or documents and every removal replaces: search.sync), the day ends (offers and
    micro-profit services are of the day) or SEARCH_RESULTS_CACHE_SECONDS pass (0: never kept). Not kept: a search
    for what is open now (it changes with the clock), an answer of the database while Elasticsearch is down, and a
    search on an engine the caller chose."""
    seconds = settings.SEARCH_RESULTS_CACHE_SECONDS
    if backend is not None or query.open_at is not None or not seconds:
        return _search(query, backend)
    asked = f"{vocabulary_version()}:{clock_source.today()}:{get_language()}:{settings.ELASTICSEARCH_URL}:{query!r}"
    key = RESULTS_CACHE.format(digest=hashlib.sha256(asked.encode()).hexdigest())
    results = cache.get(key)
    if results is None:
        results = _search(query, None)
        if not results.fallback:
            cache.set(key, results, seconds)
    return results


def _search(query: SearchQuery, backend: SearchBackend | None) -> SearchResults:
    backend = backend or configured_backend()
    vocabulary = backend.vocabulary() if query.text.strip() else None
    plan = understand(query.text, vocabulary)
    if vocabulary is not None and not plan.groups:
        # Text without a word in it (？？, %%%, a lone 的) asks for nothing: it finds nothing, not every merchant.
        return SearchResults(hits=[], total=0, facets={}, next_page=None, backend=backend.name)
    results = backend.search(query, plan.groups)
    for retry in plan.retries if not results.total else []:
        attempt = backend.search(query, retry.groups)
        if attempt.total:
            plan, results = retry, attempt
            break
    if not results.total and len(plan.groups) > 1:
        for relaxed in relaxations(plan):
            attempt = backend.search(query, relaxed.groups, relaxed.preferred)
            if attempt.total:
                plan, results = relaxed, attempt
                break
    return replace(
        results,
        dropped=as_written(plan.dropped, query.text),
        corrections=plan.corrections,
        searched=plan.searched if (plan.dropped or plan.corrections) else "",
    )


def did_you_mean(text: str, backend: SearchBackend | None = None, limit: int = 3) -> list[str]:
    """Queries close to one that found nothing, from the same vocabulary the engine corrects against: each
    word replaced by its nearest vocabulary words."""
    backend = backend or configured_backend()
    vocabulary = backend.vocabulary()
    words = query_words(text)
    found = []
    for position, word in enumerate(words):
        for suggestion in vocabulary.suggestions(word):
            found.append(_spelled([*words[:position], suggestion, *words[position + 1 :]]))
    # A suggestion that only spaces the words otherwise (鼓楼 宠物 for 鼓楼宠物) offers nothing new.
    typed = "".join(text.split())
    return [found_text for found_text in dict.fromkeys(found) if "".join(found_text.split()) not in ("", typed)][:limit]


def _spelled(words: list[str]) -> str:
    return "".join(words) if all(is_chinese(word) for word in words) else " ".join(words)


def _keys(text: str) -> tuple[str, str, str]:
    return text.lower(), pinyin_of(text), initials_of(text)


@memoise
def _word_keys() -> list[tuple[str, tuple[str, str, str]]]:
    return [(word, _keys(word)) for word in dictionary_words()]


def _category_keys() -> list[tuple[str, str, tuple[str, str, str]]]:
    keys = cache.get(CATEGORY_KEYS_CACHE)
    if keys is None:
        keys = [(category.name, category.code, _keys(category.name)) for category in Category.objects.all()]
        cache.set(CATEGORY_KEYS_CACHE, keys, CATEGORY_KEYS_SECONDS)
    return keys


def forget_category_keys() -> None:
    cache.delete(CATEGORY_KEYS_CACHE)


def suggest(prefix: str, limit: int = 10, backend: SearchBackend | None = None) -> list[Suggestion]:
    """Completions for what a resident is typing: domain words and categories first (`jz` → 家政,
    家政服务), then merchants by name, pinyin or initials."""
    typed = "".join(prefix.split()).lower()
    if not typed:
        return []
    backend = backend or configured_backend()
    suggestions = [
        Suggestion(text=word, kind="word", value=word)
        for word, keys in _word_keys()
        if any(key.startswith(typed) for key in keys)
    ]
    suggestions += [
        Suggestion(text=name, kind="category", value=code)
        for name, code, keys in _category_keys()
        if any(key.startswith(typed) for key in keys)
    ]
    merchants = backend.suggest_merchants(prefix, limit)
    # Half the list at least stays for merchants when there are enough: residents often type a shop's name.
    room = max(limit - len(merchants), limit // 2)
    return (suggestions[:room] + merchants)[:limit]
