"""The engine fixture: each contract test runs once per search engine.

sqlite runs when the suite's database is SQLite (the default), postgresql when the suite runs on PostgreSQL
(DATABASE_URL), elasticsearch when ELASTICSEARCH_URL answers; each in its own index prefix, removed after.
"""

import uuid
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django_tasks import default_task_backend

from search.backends import SearchBackend
from search.backends.database import DatabaseBackend, refresh_entries
from search.backends.elasticsearch import ElasticsearchBackend
from search.engine import elasticsearch_client
from search.maintenance import rebuild_search
from search.query import SearchQuery, SearchResults
from search.service import search_merchants, suggest


@dataclass
class Engine:
    name: str
    backend: SearchBackend

    def index(self) -> None:
        """Index the register as it stands, the way a rebuild would."""
        if self.name == "elasticsearch":
            rebuild_search(database=False)
        else:
            refresh_entries()

    def search(self, **criteria) -> SearchResults:
        return search_merchants(SearchQuery(**criteria), backend=self.backend)

    def suggest(self, prefix: str, limit: int = 10):
        return suggest(prefix, limit=limit, backend=self.backend)


ENGINES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.requires_service("postgresql")),
    pytest.param("elasticsearch", id="elasticsearch", marks=pytest.mark.requires_service("elasticsearch")),
]


@pytest.fixture(autouse=True)
def _forget_cached_terms():
    """Synonyms and category names are cached per process; a rolled-back test must not leave its own."""
    cache.clear()


@pytest.fixture
def elasticsearch_index(settings):
    """A private index prefix for one test; its indices are deleted afterwards."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    yield prefix
    client = elasticsearch_client()
    # Deleting by wildcard is refused by default (action.destructive_requires_name), so name each index.
    names = list(client.indices.get(index=f"{prefix}-*").body)
    if names:
        client.indices.delete(index=",".join(names))


@pytest.fixture(params=ENGINES)
def engine(request, db) -> Engine:
    name = request.param
    if name == "sqlite" and connection.vendor != "sqlite":
        pytest.skip("the suite runs on PostgreSQL; the sqlite engine runs when it runs on SQLite")
    if name == "elasticsearch":
        request.getfixturevalue("elasticsearch_index")
        return Engine(name, ElasticsearchBackend())
    return Engine(name, DatabaseBackend())


@pytest.fixture
def elasticsearch_engine(db, elasticsearch_index) -> Engine:
    return Engine("elasticsearch", ElasticsearchBackend())


@pytest.fixture
def queued_tasks(settings):
    """Tasks are queued but not run, as with a worker that has not come round yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield default_task_backend.results
    default_task_backend.clear()
