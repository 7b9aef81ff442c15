"""The reports' streaming replica, tried: `.venv/bin/python -m bench.replica`.

    eval "$(scripts/services env)"
    DATABASE_REPLICA_URL=postgres://linli:linli@127.0.0.1:54339/linli_bench_mixed \\
        .venv/bin/python -m bench.replica --database linli_bench_mixed

DATABASE_REPLICA_URL names a hot standby of the services cluster (docs/deploy.md says how it was made with
pg_basebackup); the database is one a benchmark filled (bench.mixed's, with the redemptions its counter threads
recorded). Measures how long a committed row takes to be readable on the replica (--probes times), and times the
bureau's savings report (market.discounts.reports) read from the primary and, through the router
(market.database_replica), from the replica. Writes bench/results/<time>-replica.json and .md.
"""

import argparse
import datetime
import json
import os
import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RESULTS = Path(__file__).resolve().parent / "results"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="linli_bench_mixed")
    parser.add_argument("--probes", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    return parser.parse_args()


def milliseconds(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "max_ms": round(1000 * ordered[-1], 2),
    }


def main():
    options = arguments()
    primary, replica = os.environ.get("DATABASE_URL", ""), os.environ.get("DATABASE_REPLICA_URL", "")
    if not (primary.startswith("postgres") and replica.startswith("postgres")):
        raise SystemExit("Set DATABASE_URL (the primary) and DATABASE_REPLICA_URL (the standby).")
    os.environ["DATABASE_URL"] = urlunsplit(urlsplit(primary)._replace(path=f"/{options.database}"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.pop("ELASTICSEARCH_URL", None)
    load_at_start = os.getloadavg()
    import django

    django.setup()
    from django.db import connections

    from market.database_replica import reading_replica
    from market.discounts import reports
    from market.discounts.models import Redemption

    with connections["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_replica_probe (id bigserial PRIMARY KEY, at timestamptz)")
    with connections["replica"].cursor() as cursor:  # the table itself first reaches the replica by replay
        cursor.execute("SELECT to_regclass('bench_replica_probe')")
        while cursor.fetchone()[0] is None:
            time.sleep(0.01)
            cursor.execute("SELECT to_regclass('bench_replica_probe')")
    lags = []
    for _ in range(options.probes):
        with connections["default"].cursor() as cursor:
            cursor.execute("INSERT INTO bench_replica_probe (at) VALUES (now()) RETURNING id")
            probe = cursor.fetchone()[0]
        committed = time.monotonic()
        with connections["replica"].cursor() as cursor:
            while True:
                cursor.execute("SELECT 1 FROM bench_replica_probe WHERE id = %s", [probe])
                if cursor.fetchone():
                    break
                time.sleep(0.0005)
        lags.append(time.monotonic() - committed)

    def timed(on_replica: bool) -> list[float]:
        seconds = []
        for _ in range(options.rounds):
            started = time.monotonic()
            if on_replica:
                with reading_replica():
                    list(reports.savings())
            else:
                list(reports.savings())
            seconds.append(time.monotonic() - started)
        return seconds

    with reading_replica():
        replica_rows = Redemption.objects.count()
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": options.database,
        "redemptions_on_primary": Redemption.objects.count(),
        "redemptions_on_replica": replica_rows,
        "visibility_lag": milliseconds(lags) | {"probes": options.probes},
        "savings_report_primary": milliseconds(timed(False)),
        "savings_report_replica": milliseconds(timed(True)),
        "load_average_at_start": load_at_start,
        "load_average_at_end": os.getloadavg(),
    }
    RESULTS.mkdir(exist_ok=True)
    name = datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + "-replica"
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    lag, primary_report, replica_report = (
        results["visibility_lag"],
        results["savings_report_primary"],
        results["savings_report_replica"],
    )
    loads = " and ".join(
        "/".join(f"{v:.1f}" for v in results[key]) for key in ("load_average_at_start", "load_average_at_end")
    )
    (RESULTS / f"{name}.md").write_text(
        f"# The reports' streaming replica, {results['when']}\n\n"
        f"PostgreSQL 15 hot standby (pg_basebackup -R, asynchronous streaming) of the services cluster, same machine; "
        f"database {options.database} ({results['redemptions_on_primary']} redemptions on the primary, "
        f"{results['redemptions_on_replica']} read through the router). Load average (1/5/15 min) at the start and "
        f"the end: {loads}.\n\n"
        f"- A committed row readable on the replica after p50 {lag['p50_ms']} ms, p95 {lag['p95_ms']} ms, "
        f"max {lag['max_ms']} ms ({lag['probes']} probes).\n"
        f"- The savings report (`market.discounts.reports.savings`): primary p50 {primary_report['p50_ms']} ms, "
        f"p95 {primary_report['p95_ms']} ms; replica through `reading_replica()` p50 {replica_report['p50_ms']} ms, "
        f"p95 {replica_report['p95_ms']} ms.\n"
    )
    print((RESULTS / f"{name}.md").read_text())


if __name__ == "__main__":
    main()
