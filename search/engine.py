"""The connection to Elasticsearch, when configured. Without ELASTICSEARCH_URL, search uses the database.

ELASTICSEARCH_URL may name every node of a cluster, comma-separated; a node that refuses the connection is then
skipped for the next one (a retry per other node), so a dead node fails no search. A timeout is not retried: a
slow engine must not hold a resident's page, the database answers instead.
"""

from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ApiError, TransportError
from elasticsearch.serializer import OrjsonSerializer

# What answers searches while Elasticsearch is configured but does not answer.
FALLBACK_NAME = "database (fallback)"


def elasticsearch_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def elasticsearch_hosts(urls: str | None = None) -> list[str]:
    """The node addresses in ELASTICSEARCH_URL (or `urls`), comma-separated."""
    urls = settings.ELASTICSEARCH_URL if urls is None else urls
    return [url.strip() for url in urls.split(",") if url.strip()]


@cache
def elasticsearch_client() -> Elasticsearch:
    hosts = elasticsearch_hosts()
    return Elasticsearch(
        hosts,
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        # Connection errors only: each other node is tried once; a single node is not retried at all.
        retry_on_timeout=False,
        max_retries=len(hosts) - 1,
        # orjson reads and writes the JSON: with the standard library's, the client took most of a search's own CPU
        # time (a page of hits with their cards is a few dozen kilobytes to read).
        serializer=OrjsonSerializer(),
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
