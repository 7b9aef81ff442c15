"""The search benchmark, in one command: `.venv/bin/python -m bench.run --merchants 100000`.

Creates the PostgreSQL database `linli_bench` beside the one in DATABASE_URL, fills it (bench.generate),
rebuilds the search stores, measures, writes bench/results/<stamp>.json and .md, and deletes its
Elasticsearch indices (prefix `bench`) unless --keep-index.
"""

import argparse
import datetime
import json
import os
import platform
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RESULTS = Path(__file__).resolve().parent / "results"
# The search page's requests per second before issue 11 (bench/results/20261126-151207-100k.json, 3 workers).
PAGE_RPS_BEFORE = 19.85
TARGETS = {
    "elasticsearch p95 (ms)": 50,
    "overhead (p95 ratio)": 1.3,
    "full rebuild (s)": 60,
    "postgresql p95 (ms)": 200,
    # Issue 11, item 5, measured in the same run.
    "API over HTTP / raw HTTP to Elasticsearch (p50 ratio)": 1.5,
    "search page requests/s, 2 gunicorn workers": round(3 * PAGE_RPS_BEFORE, 1),
}
AT_LEAST = {"search page requests/s, 2 gunicorn workers"}


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--merchants", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30, help="Rounds of the query mix per backend.")
    parser.add_argument("--load-seconds", type=int, default=20, help="How long wrk loads the search page.")
    parser.add_argument("--workers", type=int, default=None, help="Rebuild worker processes.")
    parser.add_argument("--keep-index", action="store_true", help="Leave the bench index for another look.")
    parser.add_argument(
        "--database", default="linli_bench", help="The benchmark's database on the server of DATABASE_URL."
    )
    return parser.parse_args()


def prepare_database(name: str = "linli_bench") -> str:
    """Point DATABASE_URL at the benchmark's database (linli_bench) on the same server, creating it if needed."""
    import psycopg

    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        raise SystemExit('Set DATABASE_URL to the PostgreSQL server (eval "$(scripts/services env)").')
    if not os.environ.get("ELASTICSEARCH_URL"):
        raise SystemExit('Set ELASTICSEARCH_URL (eval "$(scripts/services env)").')
    parts = urlsplit(server)
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Not a database name: {name}")
    bench_url = urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(server, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f"CREATE DATABASE {name}")
    os.environ["DATABASE_URL"] = bench_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    return bench_url


def timed(label: str, call):
    print(f"{label}…", flush=True)
    started = time.monotonic()
    value = call()
    seconds = round(time.monotonic() - started, 1)
    print(f"{label}: {seconds} s", flush=True)
    return value, seconds


def main():
    options = arguments()
    load_at_start = os.getloadavg()
    prepare_database(options.database)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.api_http import api_over_http
    from bench.generate import generate
    from bench.latency import database_latency, elasticsearch_latency, queries_per_page
    from bench.load import requests_per_second
    from bench.report import markdown
    from search.engine import elasticsearch_client
    from search.indexes import alias_name
    from search.maintenance import default_workers, rebuild_search

    call_command("migrate", verbosity=0)
    counts, generate_seconds = timed("Generating the register", lambda: generate(options.merchants))
    workers = options.workers or default_workers()
    # What `manage.py rebuild_search_index` does by default: one pass over the register, written to both stores.
    both, both_seconds = timed("Rebuilding both search stores", lambda: rebuild_search(workers=workers))
    # The target's rebuild: a new Elasticsearch index, filled in bulk, swapped in.
    index_only, index_seconds = timed(
        "Rebuilding the Elasticsearch index", lambda: rebuild_search(database=False, workers=workers)
    )
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_at_start": load_at_start,
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "register": counts | {"generated_in_s": generate_seconds},
        "rebuild": {
            "workers": workers,
            "seconds": index_seconds,
            "elasticsearch_documents": index_only.documents,
            "documents_per_s": round(index_only.documents / index_seconds),
            "both_stores": {
                "seconds": both_seconds,
                "elasticsearch_documents": both.documents,
                "database_entries": both.entries,
                "merchants_per_s": round(both.merchants / both_seconds),
            },
        },
    }
    results["elasticsearch"], _ = timed("Elasticsearch latency", lambda: elasticsearch_latency(options.rounds))
    results["postgresql"], _ = timed("PostgreSQL latency", lambda: database_latency(options.rounds))
    results["sql_queries_per_page"], _ = timed("SQL queries per page", queries_per_page)
    results["api_over_http"], _ = timed("The API over HTTP", lambda: api_over_http(options.rounds))
    results["load"], _ = timed("Load test of the search page", lambda: requests_per_second(options.load_seconds))
    results["machine"]["load_average_at_end"] = os.getloadavg()

    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{counts['merchants'] // 1000}k"
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown(results, TARGETS, AT_LEAST))
    print((RESULTS / f"{name}.md").read_text())

    if not options.keep_index:
        client = elasticsearch_client()
        names = list(client.indices.get(index=f"{alias_name()}-*").body)
        if names:
            client.indices.delete(index=",".join(names))
        print(f"Deleted the benchmark indices: {', '.join(names)}")


if __name__ == "__main__":
    main()
