"""Issue 11's two targets alone, on the register and index a full run left (`bench.run --keep-index`, or an index
rebuilt since): the API over HTTP against a raw HTTP request to Elasticsearch, and the search page's requests per
second with two gunicorn workers. Nothing is generated or rebuilt, so it is light enough to repeat after a change.

    .venv/bin/python -m bench.item5 --database linli_bench
"""

import argparse
import datetime
import json
import os

from bench.run import PAGE_RPS_BEFORE, RESULTS, prepare_database


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="linli_bench")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--load-seconds", type=int, default=20)
    options = parser.parse_args()
    load_at_start = os.getloadavg()
    prepare_database(options.database)
    import django

    django.setup()
    from bench.api_http import api_over_http
    from bench.load import requests_per_second
    from market.registry.models import Organization
    from search.indexes import indices_behind_alias

    if not indices_behind_alias():
        raise SystemExit("There is no benchmark index: run bench.run with --keep-index first.")
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "merchants": Organization.objects.count(),
        "listed": Organization.objects.listed().count(),
        "index": indices_behind_alias(),
        "api_over_http": api_over_http(options.rounds),
        "load": requests_per_second(options.load_seconds),
    }
    results["load_average"] = {"start": load_at_start, "end": os.getloadavg()}
    from django.conf import settings

    # The same eight searches are repeated: with the results cache on (as deployed) the repeats are cache hits.
    results["search_results_cache_seconds"] = settings.SEARCH_RESULTS_CACHE_SECONDS
    cache_use = (
        "on, as deployed: repeated searches are answered from it"
        if settings.SEARCH_RESULTS_CACHE_SECONDS
        else "off: every search asks the engine"
    )
    api, load = results["api_over_http"], results["load"]
    page_target = round(3 * PAGE_RPS_BEFORE, 1)
    summary = "\n".join(
        [
            f"# Issue 11's targets, {results['when']}",
            "",
            f"{results['merchants']:,} merchants ({results['listed']:,} listed), index {', '.join(results['index'])}; "
            f"load average at the start {', '.join(f'{value:.1f}' for value in load_at_start)}, at the end "
            f"{', '.join(f'{value:.1f}' for value in results['load_average']['end'])} (2 CPUs, shared).",
            "",
            f"Results cache: {results['search_results_cache_seconds']} s "
            f"({cache_use}; "
            "`SEARCH_RESULTS_CACHE_SECONDS`).",
            "",
            "| target | measured | target value | verdict |",
            "| --- | ---: | ---: | --- |",
            f"| API over HTTP / raw HTTP to Elasticsearch (p50 ratio) | {api['ratio_p50']} | ≤ 1.5 "
            f"| {'met' if api['ratio_p50'] <= 1.5 else 'MISSED'} |",
            f"| search page requests/s, 2 gunicorn workers | {load.get('requests_per_second')} | ≥ {page_target} "
            f"| {'met' if (load.get('requests_per_second') or 0) >= page_target else 'MISSED'} |",
            "",
            f"API p50 / p95: {api['api']['all']['p50_ms']} / {api['api']['all']['p95_ms']} ms; raw Elasticsearch: "
            f"{api['raw']['all']['p50_ms']} / {api['raw']['all']['p95_ms']} ms.",
            "",
            f"Page under load: latency {load.get('latency')}, non-2xx {load.get('non_2xx')}, {load.get('connections')} "
            f"connections for {load.get('duration_s')} s after {load.get('warm_up_s')} s of warm-up.",
            "",
            f"CPU per page request, by command: {load.get('cpu_ms_per_request')} ms; "
            f"{load.get('cpu_ms_per_request_total')} ms in all, so {load.get('cpus')} CPUs serve at most "
            f"{load.get('ceiling_requests_per_second')} requests/s at this cost.",
            "",
        ]
    )
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{results['merchants'] // 1000}k-item5"
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{name}.md").write_text(summary)
    print(summary)


if __name__ == "__main__":
    main()
