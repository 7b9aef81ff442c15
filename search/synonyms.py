"""The editable synonym list, expanded at query time (the Elasticsearch test distribution has no synonym
filter, and the databases none either)."""

from django.core.cache import cache

from search.models import Synonym

CACHE_KEY = "search:synonyms"
# Edits clear the cache of the process that saves them; other processes see them within this time.
CACHE_SECONDS = 60


def synonym_map() -> dict[str, list[str]]:
    """Each lower-cased term of the list -> the other terms of its sets."""
    mapping = cache.get(CACHE_KEY)
    if mapping is None:
        mapping = {}
        for synonym in Synonym.objects.all():
            terms = synonym.term_list
            for term in terms:
                others = mapping.setdefault(term, [])
                others.extend(other for other in terms if other != term and other not in others)
        cache.set(CACHE_KEY, mapping, CACHE_SECONDS)
    return mapping


def forget_synonyms() -> None:
    cache.delete(CACHE_KEY)
