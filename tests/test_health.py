"""/healthz tells a load balancer and an operator which backends answer, and falls back rather than hangs."""

import time

import pytest

from search.engine import elasticsearch_client

DEAD_PORT = "http://127.0.0.1:9"


@pytest.fixture
def health(client, settings):
    """GET /healthz with a fresh Elasticsearch client, so each test's ELASTICSEARCH_URL is the one used."""

    def get():
        elasticsearch_client.cache_clear()
        started = time.monotonic()
        response = client.get("/healthz")
        return response, time.monotonic() - started

    yield get
    elasticsearch_client.cache_clear()


@pytest.mark.django_db
def test_database_search_setup_is_ok(health, settings):
    settings.ELASTICSEARCH_URL = ""
    settings.STRIPE_SECRET_KEY = ""

    response, _ = health()

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["search"] == {"backend": "database", "ok": True}
    assert body["stripe"] == {"configured": False}


@pytest.mark.django_db
def test_reports_stripe_configured_once_a_key_is_set(health, settings):
    settings.ELASTICSEARCH_URL = ""
    settings.STRIPE_SECRET_KEY = "sk_test_123"

    response, _ = health()

    assert response.json()["stripe"] == {"configured": True}


@pytest.mark.django_db
def test_unreachable_elasticsearch_degrades_quickly_instead_of_failing(health, settings):
    settings.ELASTICSEARCH_URL = DEAD_PORT
    settings.ELASTICSEARCH_TIMEOUT = 1.0

    response, elapsed = health()

    assert response.status_code == 200, "the database still answers, so the instance keeps serving"
    body = response.json()
    assert body["status"] == "degraded"
    assert body["search"]["backend"] == "database (fallback)"
    assert body["search"]["elasticsearch"] == "unreachable"
    assert body["search"]["ok"] is False
    assert body["database"]["ok"] is True
    assert elapsed < settings.ELASTICSEARCH_TIMEOUT + 1


@pytest.mark.requires_service("elasticsearch")
@pytest.mark.django_db
def test_running_elasticsearch_is_reported_ok(health):
    response, _ = health()

    body = response.json()
    assert body["status"] == "ok"
    assert body["search"]["backend"] == "elasticsearch"
    assert body["search"]["ok"] is True
    assert body["search"]["status"] in {"green", "yellow"}


@pytest.mark.django_db
def test_reports_the_shared_cache(health, settings):
    settings.ELASTICSEARCH_URL = ""

    body = health()[0].json()

    assert body["cache"] == {"backend": "redis" if settings.REDIS_URL else "local memory", "ok": True}


@pytest.mark.django_db
def test_an_unreachable_redis_degrades_the_instance(health, settings, monkeypatch):
    from market import health as health_module

    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(health_module.cache, "set", lambda *args, **kwargs: (_ for _ in ()).throw(OSError("refused")))

    response, _ = health()

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"]["ok"] is False
