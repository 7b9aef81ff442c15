"""Elasticsearch first, the database when Elasticsearch is down or slow.

A failed search trips a breaker: for the next ELASTICSEARCH_RETRY_SECONDS every search goes straight to the
database (no resident waits for another timeout), and the outage is logged once per such interval, not once
per request. After the interval one search tries Elasticsearch again; when it answers, searches go back to it.
"""

import logging
import threading
import time
from dataclasses import dataclass, field, replace

from django.conf import settings
from elasticsearch.exceptions import ApiError, NotFoundError, TransportError

from search.backends import SearchBackend
from search.engine import FALLBACK_NAME
from search.query import Group, SearchQuery, SearchResults, Suggestion

logger = logging.getLogger(__name__)


def retry_seconds() -> float:
    return settings.ELASTICSEARCH_RETRY_SECONDS


def is_outage(error: Exception) -> bool:
    """Unreachable, timed out, overloaded or without its index: the database answers instead. A refused
    query (400) is a bug to see, not an outage to hide."""
    if isinstance(error, TransportError | NotFoundError):
        return True
    return isinstance(error, ApiError) and error.status_code >= 500


@dataclass
class Breaker:
    """The state of one Elasticsearch URL, shared by the threads of this process."""

    tripped_at: float | None = None
    logged_at: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self) -> bool:
        return self.tripped_at is not None and time.monotonic() - self.tripped_at < retry_seconds()

    def trip(self, error: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            self.tripped_at = now
            if self.logged_at is not None and now - self.logged_at < retry_seconds():
                return
            self.logged_at = now
        logger.warning("Elasticsearch does not answer (%s); searching the database instead", _describe(error))

    def close(self) -> None:
        if self.tripped_at is None:
            return
        with self.lock:
            was_logged, self.logged_at, self.tripped_at = self.logged_at is not None, None, None
        if was_logged:
            logger.warning("Elasticsearch answers again; searches use it")


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error)[:200]}"


_breakers: dict[str, Breaker] = {}


def breaker_for(url: str) -> Breaker:
    return _breakers.setdefault(url, Breaker())


def forget_breakers() -> None:
    """Start every URL afresh (tests that point at a new server)."""
    _breakers.clear()


class ResilientBackend:
    """Answers with `primary` while it works, else with `fallback`, whose results say so in `backend`."""

    def __init__(self, primary: SearchBackend, fallback: SearchBackend, breaker: Breaker):
        self.primary, self.fallback, self.breaker = primary, fallback, breaker

    @property
    def name(self) -> str:
        return FALLBACK_NAME if self.breaker.open() else self.primary.name

    def _attempt(self, method: str, *arguments):
        if not self.breaker.open():
            try:
                answer = getattr(self.primary, method)(*arguments)
            except (TransportError, ApiError) as error:
                if not is_outage(error):
                    raise
                self.breaker.trip(error)
            else:
                self.breaker.close()
                return answer, True
        return getattr(self.fallback, method)(*arguments), False

    def search(self, query: SearchQuery, groups: list[Group], preferred: list[Group] = ()) -> SearchResults:
        results, from_primary = self._attempt("search", query, groups, preferred)
        return results if from_primary else replace(results, backend=FALLBACK_NAME, fallback=True)

    def vocabulary(self):
        vocabulary, _ = self._attempt("vocabulary")
        return vocabulary

    def suggest_merchants(self, prefix: str, limit: int) -> list[Suggestion]:
        suggestions, _ = self._attempt("suggest_merchants", prefix, limit)
        return suggestions
