"""The short markdown summary of a benchmark run, with each target met or missed."""


def _verdict(value, target) -> str:
    if value is None:
        return "not measured"
    return "met" if value <= target else "MISSED"


def markdown(results: dict, targets: dict) -> str:
    register = results["register"]
    rebuild = results["rebuild"]
    elasticsearch = results["elasticsearch"]
    postgresql = results["postgresql"]
    load = results["load"]
    measured = {
        "elasticsearch p95 (ms)": elasticsearch["service"]["all"]["p95_ms"],
        "overhead (p95 ratio)": elasticsearch["overhead_p95"],
        "full rebuild (s)": rebuild["seconds"],
        "postgresql p95 (ms)": postgresql["all"]["p95_ms"],
    }
    lines = [
        f"# Search benchmark, {results['when']}",
        "",
        f"{register['merchants']:,} merchants ({register['listed']:,} listed), {register['outlets']:,} outlets; "
        f"{results['machine']['cpus']} CPUs shared with other work (load average at start: "
        f"{', '.join(f'{value:.1f}' for value in results['machine']['load_average_at_start'])}).",
        "",
        "| target | measured | target value | verdict |",
        "| --- | ---: | ---: | --- |",
    ]
    lines += [
        f"| {name} | {measured[name]} | ≤ {target} | {_verdict(measured[name], target)} |"
        for name, target in targets.items()
    ]
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
    lines += ["", "## Search page under load", ""]
    if "skipped" in load:
        lines.append(load["skipped"])
    else:
        lines.append(
            f"{load['requests_per_second']} requests/s over {load['duration_s']} s, {load['connections']} connections, "
            f"gunicorn with {load['gunicorn_workers']} workers; latency {load['latency']}; "
            f"non-2xx responses: {load['non_2xx']}."
        )
    return "\n".join(lines) + "\n"
