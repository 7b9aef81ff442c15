"""The small shared-cache values every search reads, fetched in one round trip per request.

A search asks the shared cache (Redis in production) for a few small values: the synonym list's and the index
vocabulary's versions, the merchants pending removal, and the version of the filters' choices and facet names. Read
one by one, and some twice, they were eight round trips a request, a tenth of the API's own work. The search views
are decorated with `read_together`: their request reads all of them with one `get_many`, and `shared_get` answers
from that read until the request ends. Outside such a request (tests, tasks, the shell), `shared_get` is
`cache.get`.

A value is read once per request, as before: what another process writes meanwhile is seen by the next request.
"""

import functools
from contextvars import ContextVar

from django.core.cache import cache

# The keys a search reads, each declared by its own module with `read_with_search`.
SEARCH_KEYS: list[str] = []

_read: ContextVar[dict | None] = ContextVar("search_request_reads", default=None)
_MISSING = object()


def read_with_search(key: str) -> str:
    """Declare a key that every search reads: it is fetched with the others at the start of each search request."""
    if key not in SEARCH_KEYS:
        SEARCH_KEYS.append(key)
    return key


def shared_get(key: str):
    """The key's value in the shared cache, or None: as read at the start of this search request when it is one of
    SEARCH_KEYS, else asked now."""
    held = _read.get()
    if held is not None:
        found = held.get(key, _MISSING)
        if found is not _MISSING:
            return found
    return cache.get(key)


def forget_read(key: str) -> None:
    """Drop a value read at the start of this request, after writing it: the next `shared_get` asks the cache."""
    held = _read.get()
    if held is not None:
        held.pop(key, None)


def read_together(view):
    """A view decorator: the view's request reads SEARCH_KEYS in one round trip (absent keys read as None)."""

    @functools.wraps(view)
    def reading(*args, **kwargs):
        found = cache.get_many(SEARCH_KEYS)
        token = _read.set({key: found.get(key) for key in SEARCH_KEYS})
        try:
            return view(*args, **kwargs)
        finally:
            _read.reset(token)

    return reading
