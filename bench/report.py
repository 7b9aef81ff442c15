"""The short markdown summary of a benchmark run, with each target met or missed."""


def _verdict(value, target, at_least: bool = False) -> str:
    if value is None:
        return "not measured"
    return "met" if (value >= target if at_least else value <= target) else "MISSED"


def markdown(results: dict, targets: dict, at_least_targets=()) -> str:
    register = results["register"]
    rebuild = results["rebuild"]
    elasticsearch = results["elasticsearch"]
    postgresql = results["postgresql"]
    load = results["load"]
    api = results.get("api_over_http", {})
    measured = {
        "elasticsearch p95 (ms)": elasticsearch["service"]["all"]["p95_ms"],
        "overhead (p95 ratio)": elasticsearch["overhead_p95"],
        "full rebuild (s)": rebuild["seconds"],
        "postgresql p95 (ms)": postgresql["all"]["p95_ms"],
        "API over HTTP / raw HTTP to Elasticsearch (p50 ratio)": api.get("ratio_p50"),
        "search page requests/s, 2 gunicorn workers": load.get("requests_per_second"),
    }
    lines = [
        f"# Search benchmark, {results['when']}",
        "",
        f"{register['merchants']:,} merchants ({register['listed']:,} listed), {register['outlets']:,} outlets; "
        f"{results['machine']['cpus']} CPUs shared with other work (load average at start: "
        f"{', '.join(f'{value:.1f}' for value in results['machine']['load_average_at_start'])}; at the end: "
        f"{', '.join(f'{value:.1f}' for value in results['machine'].get('load_average_at_end', ()))}).",
        "",
        "| target | measured | target value | verdict |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, target in targets.items():
        at_least = name in at_least_targets
        lines.append(
            f"| {name} | {measured[name]} | {'≥' if at_least else '≤'} {target} "
            f"| {_verdict(measured[name], target, at_least)} |"
        )
    lines += [
        "",
        "## Latency of the query mix (ms)",
        "",
        "| query | service on Elasticsearch p50 / p95 | raw client p50 / p95 | PostgreSQL p50 / p95 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, service in elasticsearch["service"]["per_query"].items():
        raw = elasticsearch["raw_client"]["per_query"][name]
        database = postgresql["per_query"][name]
        lines.append(
            f"| {name} | {service['p50_ms']} / {service['p95_ms']} | {raw['p50_ms']} / {raw['p95_ms']} "
            f"| {database['p50_ms']} / {database['p95_ms']} |"
        )
    overall = (elasticsearch["service"]["all"], elasticsearch["raw_client"]["all"], postgresql["all"])
    lines += [
        "| **all** (p99: "
        + " / ".join(str(summary["p99_ms"]) for summary in overall)
        + ") | "
        + " | ".join(f"{summary['p50_ms']} / {summary['p95_ms']}" for summary in overall)
        + " |",
        "",
        f"Overhead of the service over the raw client: {elasticsearch['overhead_p50']}× at p50, "
        f"{elasticsearch['overhead_p95']}× at p95.",
        "",
        "## Rebuild",
        "",
        f"The Elasticsearch index alone, {rebuild['workers']} worker processes: {rebuild['elasticsearch_documents']:,} "
        f"documents in {rebuild['seconds']} s ({rebuild['documents_per_s']:,} documents/s).",
        "",
        f"Both stores in one pass, as `manage.py rebuild_search_index` does by default: "
        f"{rebuild['both_stores']['elasticsearch_documents']:,} documents and "
        f"{rebuild['both_stores']['database_entries']:,} database entries in {rebuild['both_stores']['seconds']} s "
        f"({rebuild['both_stores']['merchants_per_s']:,} merchants/s).",
        "",
        "## SQL queries per results page",
        "",
        "| page size | " + " | ".join(results["sql_queries_per_page"]) + " |",
        "| ---: | " + " | ".join("---:" for _ in results["sql_queries_per_page"]) + " |",
    ]
    sizes = next(iter(results["sql_queries_per_page"].values()))
    for size in sizes:
        row = [str(counts[size]) for counts in results["sql_queries_per_page"].values()]
        lines.append(f"| {size} | " + " | ".join(row) + " |")
    if api:
        lines += [
            "",
            "## The API over HTTP against a raw HTTP request to Elasticsearch (ms)",
            "",
            f"GET /api/merchants/search under gunicorn ({api['gunicorn_workers']} workers) and a POST of the body our "
            "backend sends for the same parameters straight to Elasticsearch, interleaved; statuses seen: "
            f"{api['statuses']}.",
            "",
            "| query | API p50 / p95 | raw Elasticsearch p50 / p95 |",
            "| --- | ---: | ---: |",
        ]
        for name, summary in api["api"]["per_query"].items():
            raw = api["raw"]["per_query"][name]
            lines.append(f"| {name} | {summary['p50_ms']} / {summary['p95_ms']} | {raw['p50_ms']} / {raw['p95_ms']} |")
        lines += [
            f"| **all** | {api['api']['all']['p50_ms']} / {api['api']['all']['p95_ms']} "
            f"| {api['raw']['all']['p50_ms']} / {api['raw']['all']['p95_ms']} |",
            "",
            f"Ratio at p50: {api['ratio_p50']}×.",
        ]
    lines += ["", "## Search page under load", ""]
    if "skipped" in load:
        lines.append(load["skipped"])
    else:
        lines.append(
            f"{load['requests_per_second']} requests/s over {load['duration_s']} s (after {load.get('warm_up_s', 0)} s "
            f"of warm-up, not counted), {load['connections']} connections, "
            f"gunicorn with {load['gunicorn_workers']} workers; latency {load['latency']}; "
            f"non-2xx responses: {load['non_2xx']}."
        )
    return "\n".join(lines) + "\n"
