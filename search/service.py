"""The one query service the search page and the API call. The engine is chosen by configuration:
Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise; tests pass one explicitly."""

from functools import cache as memoise

from django.conf import settings
from django.core.cache import cache

from market.registry.models import Category
from search.analysis import dictionary_words, initials_of, pinyin_of
from search.backends import SearchBackend
from search.backends.database import DatabaseBackend
from search.engine import elasticsearch_configured
from search.query import SearchQuery, SearchResults, Suggestion, plan_text

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
    backend = backend or configured_backend()
    return backend.search(query, plan_text(query.text))


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
