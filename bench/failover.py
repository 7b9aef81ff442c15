"""An Elasticsearch node dies under a steady search load: `.venv/bin/python -m bench.failover`.

Needs the three-node cluster (not the default services):

    scripts/services es-cluster up
    eval "$(scripts/services env)"; eval "$(scripts/services es-cluster env)"   # all three node addresses, 1 replica
    .venv/bin/python -m bench.failover

Fills its own PostgreSQL database (`linli_bench_failover`, bench.generate, --merchants) and its own index (prefix
`failover`, one replica), starts gunicorn (2 workers) and sends the search API (/api/merchants/search, the mix of
bench.api_http) a steady load from --threads threads for --seconds; a third of the way in it SIGKILLs the node
that holds the index's primary shard (`scripts/services es-cluster kill N`), and starts it again at the end.

Counted: failed requests (anything but a 200: target 0), answers from the database instead of Elasticsearch (the
breaker of search.backends.resilient; X-Search-Fallback), and latency p50/p95 before the kill, in the
--window seconds after it, and after that. Writes bench/results/<time>-failover.json and .md, with the load
average at the start, at the kill and at the end.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SERVICES = ROOT / "scripts" / "services"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--merchants", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=45, help="How long the search load runs.")
    parser.add_argument("--threads", type=int, default=4, help="Resident threads, each one search after another.")
    parser.add_argument("--window", type=int, default=15, help="Seconds after the kill counted as the failover.")
    parser.add_argument("--database", default="linli_bench_failover")
    return parser.parse_args()


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def summary(samples: list[dict]) -> dict:
    latencies = [sample["ms"] for sample in samples]
    return {
        "requests": len(samples),
        "failed": sum(1 for sample in samples if sample["status"] != 200),
        "database_fallback": sum(1 for sample in samples if sample["fallback"]),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": percentile(latencies, 0.95),
        "max_ms": round(max(latencies), 1) if latencies else None,
    }


def node_of_primary(url: str, alias: str) -> int:
    """The cluster node (1, 2 or 3) that holds the index's primary shard: killing it is the harder case."""
    with urllib.request.urlopen(f"{url}/_cat/shards/{alias}?format=json&h=prirep,node", timeout=10) as response:
        shards = json.load(response)
    primary = next(shard["node"] for shard in shards if shard["prirep"] == "p")
    return int(primary.rsplit("-", 1)[1])


def main():
    options = arguments()
    nodes = [url for url in os.environ.get("ELASTICSEARCH_URL", "").split(",") if url]
    if len(nodes) < 2:
        raise SystemExit('Point ELASTICSEARCH_URL at the cluster: eval "$(scripts/services es-cluster env)"')
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = "failover"
    os.environ.setdefault("ELASTICSEARCH_REPLICAS", "1")
    load_at_start = os.getloadavg()

    from bench.run import prepare_database

    prepare_database(options.database)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.api_http import API_MIX
    from bench.generate import generate
    from bench.load import PORT, gunicorn
    from search.indexes import alias_name
    from search.maintenance import rebuild_search

    call_command("migrate", verbosity=0)
    counts = generate(options.merchants)
    rebuild = rebuild_search(workers=1)
    health = json.load(urllib.request.urlopen(f"{nodes[0]}/_cluster/health/{alias_name()}?wait_for_status=green"))
    victim = node_of_primary(nodes[0], alias_name())
    print(
        f"{counts['merchants']} merchants, {rebuild.documents} documents; index {health['status']}; "
        f"killing node {victim} at {options.seconds // 3} s",
        flush=True,
    )

    queries = ["/api/merchants/search?" + urlencode(params) for params in API_MIX.values()]
    samples: list[dict] = []
    lock = threading.Lock()
    events = {}
    with gunicorn(worker_timeout=600) as base:
        for query in queries:  # warm-up, not counted: each worker's first search loads its dictionaries
            for _ in range(2):
                urllib.request.urlopen(base + query, timeout=600).read()
        started = time.monotonic()
        stop_at = started + options.seconds

        def resident(offset: int):
            turn = offset
            while time.monotonic() < stop_at:
                query = queries[turn % len(queries)]
                turn += 1
                begun = time.monotonic()
                status, fallback = 0, False
                try:
                    with urllib.request.urlopen(base + query, timeout=30) as response:
                        response.read()
                        status = response.status
                        fallback = response.headers.get("X-Search-Fallback") == "1"
                except urllib.error.HTTPError as error:
                    status = error.code
                except OSError:
                    status = -1
                ended = time.monotonic()
                with lock:
                    samples.append(
                        {
                            "at": round(begun - started, 3),
                            "ms": 1000 * (ended - begun),
                            "status": status,
                            "fallback": fallback,
                        }
                    )

        threads = [threading.Thread(target=resident, args=(number,)) for number in range(options.threads)]
        for thread in threads:
            thread.start()
        time.sleep(options.seconds / 3)
        events["kill_at_s"] = round(time.monotonic() - started, 2)
        events["load_average_at_kill"] = os.getloadavg()
        subprocess.run([str(SERVICES), "es-cluster", "kill", str(victim)], check=True)
        for thread in threads:
            thread.join()
    health_after = json.load(
        urllib.request.urlopen(f"{next(url for i, url in enumerate(nodes, 1) if i != victim)}/_cluster/health")
    )
    subprocess.run([str(SERVICES), "es-cluster", "start", str(victim)], check=True)

    kill = events["kill_at_s"]
    phases = {
        "before the kill": [s for s in samples if s["at"] < kill],
        f"failover ({options.window} s after the kill)": [
            s for s in samples if kill <= s["at"] < kill + options.window
        ],
        "after": [s for s in samples if s["at"] >= kill + options.window],
    }
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_at_start": load_at_start,
            "load_average_at_kill": events["load_average_at_kill"],
            "load_average_at_end": os.getloadavg(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "cluster": {
            "nodes": [urlsplit(url).netloc for url in nodes],
            "killed_node": victim,
            "index_health_before": health["status"],
            "cluster_health_after_kill": health_after["status"],
            "replicas": int(os.environ["ELASTICSEARCH_REPLICAS"]),
        },
        "register": counts,
        "load": {"seconds": options.seconds, "threads": options.threads, "gunicorn_workers": 2, "port": PORT},
        "kill_at_s": kill,
        "all": summary(samples),
        "phases": {name: summary(part) for name, part in phases.items()},
    }
    RESULTS.mkdir(exist_ok=True)
    name = datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + "-failover"
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown(results))
    print((RESULTS / f"{name}.md").read_text())


def markdown(results: dict) -> str:
    machine, cluster, overall = results["machine"], results["cluster"], results["all"]
    loads = ", ".join(
        f"{label} {'/'.join(f'{value:.1f}' for value in machine[key])}"
        for label, key in (
            ("start", "load_average_at_start"),
            ("kill", "load_average_at_kill"),
            ("end", "load_average_at_end"),
        )
    )
    lines = [
        f"# Elasticsearch failover under search load, {results['when']}",
        "",
        f"Three nodes on loopback ({', '.join(cluster['nodes'])}), the merchant index with {cluster['replicas']} "
        f"replica ({cluster['index_health_before']} before); {results['register']['merchants']:,} merchants. "
        f"{results['load']['threads']} threads searching through the API (gunicorn, 2 workers) for "
        f"{results['load']['seconds']} s; node {cluster['killed_node']} (the primary shard's) SIGKILLed at "
        f"{results['kill_at_s']} s; cluster health after: {cluster['cluster_health_after_kill']}. "
        f"{machine['cpus']} CPUs shared with other work; load average (1/5/15 min): {loads}.",
        "",
        f"**Failed requests: {overall['failed']}** (target 0) of {overall['requests']}; answered from the database "
        f"instead of Elasticsearch: {overall['database_fallback']}.",
        "",
        "| phase | requests | failed | database fallback | p50 ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, phase in results["phases"].items():
        lines.append(
            f"| {name} | {phase['requests']} | {phase['failed']} | {phase['database_fallback']} | {phase['p50_ms']} "
            f"| {phase['p95_ms']} | {phase['max_ms']} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
