"""Latency of a fixed mix of searches: our service on Elasticsearch, the very same request bodies sent straight
to Elasticsearch with the raw client (the difference is our overhead), and the PostgreSQL backend."""

import datetime
import time
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.engine import elasticsearch_client
from search.query import Point, SearchQuery, Sort
from search.service import search_merchants

# A Monday morning, so "open now" gives the same answer on every run.
MONDAY_TEN = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
XINJIEKOU = Point(32.0418, 118.7841)

QUERY_MIX = {
    "chinese": SearchQuery(text="家政"),
    "chinese two words": SearchQuery(text="鼓楼 洗衣"),
    "pinyin": SearchQuery(text="jiazheng"),
    "initials": SearchQuery(text="jz"),
    "typo": SearchQuery(text="jiazhegn"),
    "category + district": SearchQuery(category="housekeeping", district="320106"),
    "open now": SearchQuery(text="超市", open_at=MONDAY_TEN),
    "distance sort": SearchQuery(text="便利店", near=XINJIEKOU, sort=Sort.DISTANCE, radius_km=3),
}
PAGE_SIZES = (10, 20, 50)


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(fraction):
        return round(ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] * 1000, 2)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99), "samples": len(ordered)}


class RecordingClient:
    """Stands in for the client once per query, to keep the body our backend sends."""

    def __init__(self):
        self.requests = []

    def search(self, **request):
        self.requests.append(request)
        return elasticsearch_client().search(**request)

    def options(self, **options):
        """Other requests (reading the vocabulary) go straight to the real client."""
        return elasticsearch_client().options(**options)


def raw_requests() -> dict[str, dict]:
    recorder = RecordingClient()
    backend = ElasticsearchBackend(client=recorder)
    requests = {}
    for name, query in QUERY_MIX.items():
        search_merchants(query, backend=backend)
        requests[name] = recorder.requests[-1]
    return requests


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _summary(samples: dict[str, list[float]]) -> dict:
    every = [sample for values in samples.values() for sample in values]
    return {"all": percentiles(every), "per_query": {name: percentiles(values) for name, values in samples.items()}}


def elasticsearch_latency(rounds: int, warm_up: int = 3) -> dict:
    """Service and raw client, interleaved query by query so both see the same load on the machine."""
    backend = ElasticsearchBackend()
    client = elasticsearch_client()
    requests = raw_requests()
    service = {name: [] for name in QUERY_MIX}
    raw = {name: [] for name in QUERY_MIX}
    for round_number in range(warm_up + rounds):
        for name, query in QUERY_MIX.items():
            service_time = _timed(lambda query=query: search_merchants(query, backend=backend))
            raw_time = _timed(lambda name=name: client.search(**requests[name]))
            if round_number >= warm_up:
                service[name].append(service_time)
                raw[name].append(raw_time)
    service_summary, raw_summary = _summary(service), _summary(raw)
    return {
        "service": service_summary,
        "raw_client": raw_summary,
        "overhead_p50": round(service_summary["all"]["p50_ms"] / raw_summary["all"]["p50_ms"], 2),
        "overhead_p95": round(service_summary["all"]["p95_ms"] / raw_summary["all"]["p95_ms"], 2),
        "totals": {name: search_merchants(query, backend=backend).total for name, query in QUERY_MIX.items()},
    }


def database_latency(rounds: int, warm_up: int = 1) -> dict:
    backend = DatabaseBackend()
    samples = {name: [] for name in QUERY_MIX}
    for round_number in range(warm_up + rounds):
        for name, query in QUERY_MIX.items():
            elapsed = _timed(lambda query=query: search_merchants(query, backend=backend))
            if round_number >= warm_up:
                samples[name].append(elapsed)
    return _summary(samples) | {
        "totals": {name: search_merchants(query, backend=backend).total for name, query in QUERY_MIX.items()}
    }


def queries_per_page() -> dict:
    """SQL statements for one page of results, by page size: the service on each backend, and the page."""
    counts = {"database backend": {}, "elasticsearch backend": {}, "search page": {}}
    browser = Client()
    for size in PAGE_SIZES:
        for label, backend in (("database backend", DatabaseBackend()), ("elasticsearch backend", None)):
            backend = backend or ElasticsearchBackend()
            with CaptureQueriesContext(connection) as captured:
                search_merchants(SearchQuery(text="家政", page_size=size), backend=backend)
            counts[label][size] = len(captured)
        with CaptureQueriesContext(connection) as captured:
            response = browser.get("/search/", {"q": "家政", "page_size": size})
        counts["search page"][size] = len(captured) if response.status_code == 200 else f"HTTP {response.status_code}"
    return counts
