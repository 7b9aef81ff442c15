"""The JSON API over HTTP against a raw HTTP request to Elasticsearch with the same query (issue 11, item 5): the
API under gunicorn (two workers) answers GET /api/merchants/search; the raw request POSTs to the index the very
body our backend sends to Elasticsearch for the same parameters. Both over kept-alive HTTP/1.1 connections from
this process, interleaved query by query so they see the same load; the ratio of their medians is the target."""

import http.client
import json
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import QueryDict

from bench.latency import XINJIEKOU, RecordingClient, percentiles
from bench.load import gunicorn
from search.backends.elasticsearch import ElasticsearchBackend
from search.filters import MerchantSearchFilter
from search.service import search_merchants

# The latency mix (bench.latency.QUERY_MIX) as a resident's API parameters.
API_MIX = {
    "chinese": {"q": "家政"},
    "chinese two words": {"q": "鼓楼 洗衣"},
    "pinyin": {"q": "jiazheng"},
    "initials": {"q": "jz"},
    "typo": {"q": "jiazhegn"},
    "category + district": {"category": "housekeeping", "district": "320106"},
    "open now": {"q": "超市", "open_now": "1"},
    "distance sort": {
        "q": "便利店",
        "near": f"{XINJIEKOU.latitude},{XINJIEKOU.longitude}",
        "sort": "distance",
        "radius": "3",
    },
}


def elasticsearch_bodies() -> dict[str, dict]:
    """What our backend sends to Elasticsearch for each query of the mix, read from the same filters the API uses."""
    recorder = RecordingClient()
    backend = ElasticsearchBackend(client=recorder)
    bodies = {}
    for name, parameters in API_MIX.items():
        filters = MerchantSearchFilter(QueryDict(urlencode(parameters)))
        assert filters.is_valid(), filters.errors
        search_merchants(filters.search_query(), backend=backend)
        bodies[name] = recorder.requests[-1]
    return bodies


def _timed_request(connection, method: str, path: str, body: bytes | None = None, headers=None) -> tuple[float, int]:
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    response.read()
    return time.perf_counter() - started, response.status


def api_over_http(rounds: int, warm_up: int = 3) -> dict:
    bodies = elasticsearch_bodies()
    elasticsearch = urlsplit(settings.ELASTICSEARCH_URL)
    raw = http.client.HTTPConnection(elasticsearch.hostname, elasticsearch.port or 9200, timeout=30)
    samples = {"api": {name: [] for name in API_MIX}, "raw": {name: [] for name in API_MIX}}
    statuses = set()
    with gunicorn() as base:
        site = urlsplit(base)
        api = http.client.HTTPConnection(site.hostname, site.port, timeout=30)
        for round_number in range(warm_up + rounds):
            for name, parameters in API_MIX.items():
                request = bodies[name]
                api_time, api_status = _timed_request(api, "GET", f"/api/merchants/search?{urlencode(parameters)}")
                raw_time, raw_status = _timed_request(
                    raw,
                    "POST",
                    f"/{request['index']}/_search",
                    json.dumps(request["body"]).encode(),
                    {"Content-Type": "application/json"},
                )
                statuses |= {api_status, raw_status}
                if round_number >= warm_up:
                    samples["api"][name].append(api_time)
                    samples["raw"][name].append(raw_time)
        api.close()
    raw.close()
    summary = {
        side: {
            "all": percentiles([sample for values in by_query.values() for sample in values]),
            "per_query": {name: percentiles(values) for name, values in by_query.items()},
        }
        for side, by_query in samples.items()
    }
    return summary | {
        "ratio_p50": round(summary["api"]["all"]["p50_ms"] / summary["raw"]["all"]["p50_ms"], 2),
        "statuses": sorted(statuses),
        "gunicorn_workers": 2,
    }
