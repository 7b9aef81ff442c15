"""The API's limit (one process here; across gunicorn workers in test_api_throttle_across_workers.py)."""

import pytest
from django.core.cache import cache

from search import api as public_api

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _three_a_minute(monkeypatch):
    cache.clear()
    monkeypatch.setattr(public_api.PUBLIC_RATE, "num_requests", 3)


def test_rotating_forwarded_for_does_not_reset_the_limit(client):
    statuses = [
        client.get("/api/suggest", {"q": "jz"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code
        for number in range(5)
    ]

    assert statuses == [200, 200, 200, 429, 429]


def test_the_refusal_is_translated_and_says_when_to_retry(client):
    # The API sits outside the language-prefixed addresses, so it answers in the site's language, Chinese.
    for _ in range(3):
        client.get("/api/suggest", {"q": "jz"})

    refused = client.get("/api/suggest", {"q": "jz"})

    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("您所在地址的请求过于频繁，请在 ")
    assert 0 < int(refused["Retry-After"]) <= 60


def test_a_refused_request_does_not_run_the_endpoint(client, monkeypatch):
    calls = []
    monkeypatch.setattr(public_api, "suggest", lambda *args, **kwargs: calls.append(args) or [])
    statuses = [client.get("/api/suggest", {"q": "jz"}).status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]
    assert len(calls) == 3
