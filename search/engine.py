"""The connection to Elasticsearch, when configured. Without ELASTICSEARCH_URL, search uses the database."""

from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ApiError, TransportError

# What answers searches while Elasticsearch is configured but does not answer.
FALLBACK_NAME = "database (fallback)"


def elasticsearch_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


@cache
def elasticsearch_client() -> Elasticsearch:
    # Short timeouts: a slow engine must not hold a resident's page; the database answers instead.
    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        retry_on_timeout=False,
        max_retries=0,
    )


def backend_health() -> dict:
    """Which backend answers registry searches, and whether Elasticsearch is reachable. When it is not,
    searches answer from the database (search.backends.resilient), and the instance says it is degraded.

    The test distribution of Elasticsearch has no `GET /`, so reachability is cluster health.
    """
    if not elasticsearch_configured():
        return {"backend": "database", "ok": True}
    try:
        health = elasticsearch_client().cluster.health(timeout=f"{int(settings.ELASTICSEARCH_TIMEOUT * 1000)}ms")
    except (TransportError, ApiError) as error:
        return {"backend": FALLBACK_NAME, "ok": False, "elasticsearch": "unreachable", "error": type(error).__name__}
    if health["status"] not in {"green", "yellow"}:
        return {"backend": FALLBACK_NAME, "ok": False, "elasticsearch": health["status"]}
    return {"backend": "elasticsearch", "ok": True, "status": health["status"]}
