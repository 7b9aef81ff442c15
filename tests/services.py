"""Which real local services this test run can reach.

A test marked `@pytest.mark.requires_service("elasticsearch")` runs against the real thing. Where the
service is absent it is skipped with the reason, unless REQUIRE_SERVICES=1 (CI), where it fails.
"""

import os
import socket
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection

STRIPE_MOCK_DEFAULT = "http://127.0.0.1:12111"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "").strip() in {"1", "true", "yes"}


def _port_open(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 80), timeout=1):
            return True
    except OSError:
        return False


@cache
def unavailable_reason(name: str) -> str | None:
    """None when the service can be used, else a sentence saying what to start or set."""
    if name == "postgresql":
        if connection.vendor != "postgresql":
            return "PostgreSQL is not the configured database: run `scripts/services up` and set DATABASE_URL"
        return None
    if name == "elasticsearch":
        if not settings.ELASTICSEARCH_URL:
            return "ELASTICSEARCH_URL is not set: run `scripts/services up` and export what it prints"
        if not _port_open(settings.ELASTICSEARCH_URL):
            return f"Elasticsearch does not answer at {settings.ELASTICSEARCH_URL}"
        return None
    if name == "stripe":
        base = stripe_mock_url()
        if not _port_open(base):
            return f"stripe-mock does not answer at {base}: run `scripts/services up`"
        return None
    if name == "redis":
        if not settings.REDIS_URL:
            return "REDIS_URL is not set: run `scripts/services up` and export what it prints"
        if not _port_open(settings.REDIS_URL):
            return f"Redis does not answer at {settings.REDIS_URL}"
        return None
    if name == "chromium":
        if not os.path.exists(CHROMIUM):
            return f"Chromium is not installed at {CHROMIUM}: run `scripts/services up` (installs Debian's chromium)"
        return None
    raise ValueError(f"Unknown service {name!r}")


def stripe_mock_url() -> str:
    base = settings.STRIPE_API_BASE
    return base if "api.stripe.com" not in base else os.environ.get("STRIPE_MOCK_URL", STRIPE_MOCK_DEFAULT)
