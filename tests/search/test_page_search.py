"""The page search (/pages/search/) finds the site's Wagtail pages by Chinese words, on each engine, and reads only
the words of a query: full-text syntax never reaches the engine.

The demo's pages (the 2006 State Council opinions on community services, news, guides, notices) are loaded once for
the module; on Elasticsearch they are indexed by Wagtail's own `update_index` into a private index.
"""

import io
import uuid
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from wagtail.models import Locale
from wagtail.search.models import IndexEntry

from cms.models import PolicyPage
from search.backends.resilient import forget_breakers
from search.engine import elasticsearch_client
from search.pages import page_search_words
from tests.services import unavailable_reason

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    '"社区',
    "社区 AND",
    "AND",
    "OR OR",
    "NOT 服务",
    "NEAR(",
    "NEAR(社区 服务, 2)",
    "*",
    "社区*",
    "^",
    "^社区",
    "(",
    ")",
    "((社区",
    "社区]",
    "[",
    "{names}: 社区",
    "title:社区",
    "-",
    "'",
    "\\",
    ":",
    "&|!",
    "社区" * 1000,
    "x" * 4096,
]

DATABASE = {"BACKEND": "wagtail.search.backends.database"}


def elasticsearch_backends(prefix: str) -> dict:
    """What market/settings/base.py configures when ELASTICSEARCH_URL is set, in a private index."""
    from django.conf import settings

    return {
        "default": {
            "BACKEND": "search.page_backend",
            "URLS": [settings.ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{prefix}-pages-",
            "TIMEOUT": 30,
        },
        "database": DATABASE,
    }


@dataclass
class Site:
    policy: PolicyPage
    backends: dict  # engine -> WAGTAILSEARCH_BACKENDS


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    elasticsearch_missing = unavailable_reason("elasticsearch")
    prefix = f"test-pages-{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        from demo.categories import load_categories
        from demo.pages import POLICY_SLUG, load_pages

        load_categories()
        load_pages()
        backends = {"database": {"default": DATABASE}}
        if not elasticsearch_missing:
            backends["elasticsearch"] = elasticsearch_backends(prefix)
            with override_settings(WAGTAILSEARCH_BACKENDS=backends["elasticsearch"]):
                call_command("update_index", backend_name="default", stdout=io.StringIO())
        try:
            yield Site(PolicyPage.objects.get(slug=POLICY_SLUG, locale__language_code="zh-hans"), backends)
        finally:
            if not elasticsearch_missing:
                client = elasticsearch_client()
                names = list(client.indices.get(index=f"{prefix}-*").body)
                if names:
                    client.indices.delete(index=",".join(names))
            transaction.set_rollback(True)


ENGINES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.requires_service("postgresql")),
    pytest.param("elasticsearch", id="elasticsearch", marks=pytest.mark.requires_service("elasticsearch")),
]


@pytest.fixture(params=ENGINES)
def engine(request, site, settings) -> str:
    """Page search on one engine: the suite's database (SQLite or PostgreSQL), or Elasticsearch."""
    name = request.param
    if name in {"sqlite", "postgresql"}:
        if connection.vendor != name:
            pytest.skip(f"the suite runs on {connection.vendor}")
        settings.WAGTAILSEARCH_BACKENDS = site.backends["database"]
    else:
        settings.WAGTAILSEARCH_BACKENDS = site.backends["elasticsearch"]
    return name


def found_paths(client, text: str, language: str = "") -> list[str]:
    response = client.get(f"{language}/pages/search/", {"q": text})
    assert response.status_code == 200
    return [page.url for page in response.context["page_obj"] or []]


def test_a_chinese_word_finds_the_2006_policy(client, engine, site):
    assert site.policy.url in found_paths(client, "社区服务")


@pytest.mark.parametrize("text", ["加强和改进社区服务", "社區服務", "怎么加强社区服务"])
def test_a_longer_phrase_traditional_characters_and_a_question_find_it_too(client, engine, site, text):
    assert site.policy.url in found_paths(client, text)


def test_every_word_must_be_on_the_page(client, engine, site):
    assert found_paths(client, "社区服务 火箭发射") == []


def test_english_pages_are_found_by_english_words(client, engine, site):
    english = site.policy.get_translation(Locale.objects.get(language_code="en"))

    assert english.url in found_paths(client, "Community Services", language="/en")


def test_the_query_reaches_the_engine_as_words_only():
    assert page_search_words('NEAR(社区 服务, 2) AND "养老"*') == ["社区", "服务", "2", "养老"]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_query_syntax_gets_an_answer_never_a_server_error(client, engine, site, text):
    response = client.get("/pages/search/", {"q": text})

    assert response.status_code == 200


@pytest.mark.requires_service("elasticsearch")
def test_on_elasticsearch_the_pages_come_from_its_own_index(client, site, settings):
    settings.WAGTAILSEARCH_BACKENDS = site.backends["elasticsearch"]
    # Without the database's entries, only Elasticsearch can find the page.
    IndexEntry.objects.all().delete()

    assert site.policy.url in found_paths(client, "社区服务")


@pytest.mark.requires_service("elasticsearch")
def test_with_elasticsearch_down_the_database_answers(client, site, settings):
    dead = "http://127.0.0.1:9"
    forget_breakers()
    settings.ELASTICSEARCH_URL = dead
    settings.WAGTAILSEARCH_BACKENDS = {**site.backends["elasticsearch"]}
    settings.WAGTAILSEARCH_BACKENDS["default"] = {**settings.WAGTAILSEARCH_BACKENDS["default"], "URLS": [dead]}

    assert site.policy.url in found_paths(client, "社区服务")
    forget_breakers()
