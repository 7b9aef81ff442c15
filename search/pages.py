"""Searching the site's Wagtail pages (policy, news, notices, guides) the way the register is searched: the query's
words, segmented and normalised by search.analysis, against a copy of each page's text segmented the same way
(cms.models.SitePage.search_text_segmented). Wagtail's own backends do the matching: the database (SQLite FTS5,
PostgreSQL full text) and, when ELASTICSEARCH_URL is set, Elasticsearch (search.page_backend), with the database
answering while Elasticsearch does not, as for merchants.
"""

import logging

from django.conf import settings
from django.core.paginator import Page as ListPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from elasticsearch.exceptions import ApiError, TransportError

from search.backends.resilient import breaker_for, is_outage
from search.query import query_words

logger = logging.getLogger(__name__)

MAX_WORDS = 20
# Wagtail's other backend, kept up to date beside Elasticsearch (market/settings/base.py).
DATABASE_BACKEND = "database"


def page_search_words(text: str) -> list[str]:
    """The words of a page search: segmented, simplified, lower-cased, without filler; only letters and digits, so
    no full-text syntax (quotes, brackets, AND, NEAR(, *) ever reaches an engine."""
    return [word for word in query_words(text) if word.isalnum()][:MAX_WORDS]


def _page(pages: QuerySet, words: list[str], number, per_page: int, backend: str) -> ListPage:
    found = pages.search(" ".join(words), operator="and", backend=backend)
    listed = Paginator(found, per_page).get_page(number)
    list(listed.object_list)  # ask the engine now, inside the caller's error handling
    return listed


def search_pages(pages: QuerySet, text: str, number=1, per_page: int = 20) -> ListPage | None:
    """A page of the pages holding every word of the text, best first; None when the text has no words."""
    words = page_search_words(text)
    if not words:
        return None
    backends = settings.WAGTAILSEARCH_BACKENDS
    if DATABASE_BACKEND not in backends or not settings.ELASTICSEARCH_URL:
        return _page(pages, words, number, per_page, "default")
    breaker = breaker_for(settings.ELASTICSEARCH_URL)
    if not breaker.open():
        try:
            listed = _page(pages, words, number, per_page, "default")
        except (TransportError, ApiError) as error:
            if not is_outage(error):
                raise
            breaker.trip(error)
        else:
            breaker.close()
            return listed
    return _page(pages, words, number, per_page, DATABASE_BACKEND)
