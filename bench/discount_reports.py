"""The discount reports benchmark: `.venv/bin/python -m bench.discount_reports [--engine postgresql|sqlite]`.

Fills its own database (PostgreSQL `linli_bench_discounts` beside DATABASE_URL's, or a SQLite file in /tmp) with
a year of 100,000 redemptions by 5,000 residents at 300 merchants' outlets, a few hundred reversals and a year of
subsidy claims, all with bulk_create; then times each report of the bureau's admin twice: the raw query (the rows
the view shows) and the whole admin page rendered through Django's test client. Writes
bench/results/discount_reports.json and .md. Target: each report under 1 s. Never part of the test suite.
"""

import argparse
import datetime
import json
import os
import platform
import random
import statistics
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RESULTS = Path(__file__).resolve().parent / "results"
SQLITE_FILE = Path("/tmp/linli_bench_discounts.sqlite3")
DATABASE_NAME = "linli_bench_discounts"
TARGET_SECONDS = 1.0
SEED = 20260311
MERCHANTS = 300
RESIDENTS = 5000
REVERSALS = 500
BATCH = 5000
YEAR_START = datetime.date(2025, 4, 1)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--redemptions", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5, help="Timed runs of each report (the median is kept).")
    return parser.parse_args()


def prepare_database(engine: str) -> str:
    if engine == "sqlite":
        url = f"sqlite:///{SQLITE_FILE}"
    else:
        import psycopg

        server = os.environ.get("DATABASE_URL", "")
        if not server.startswith("postgres"):
            raise SystemExit('Set DATABASE_URL to the PostgreSQL server (eval "$(scripts/services env)").')
        with psycopg.connect(server, autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
            if not exists:
                connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
        url = urlunsplit(urlsplit(server)._replace(path=f"/{DATABASE_NAME}"))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    # Search sync is not what is measured: the register's changes here must not reach Elasticsearch.
    os.environ.pop("ELASTICSEARCH_URL", None)
    return url


def generate(redemption_count: int, log=print) -> dict:
    """A year of redemptions; a second run keeps what the first made when the count is the same."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from bench.generate import generate as generate_merchants
    from market.accounts.roles import Role
    from market.discounts.models import (
        BenefitCode,
        EligibilityGroup,
        Offer,
        Redemption,
        SubsidyClaim,
    )
    from market.discounts.services.helpers import add_months
    from market.registry.models import Location, Organization

    if Redemption.objects.count() >= redemption_count:
        return {"redemptions": Redemption.objects.count(), "reused": True}
    rng = random.Random(SEED)
    generate_merchants(MERCHANTS, log=log)
    User = get_user_model()
    with transaction.atomic():
        staff, _ = User.objects.get_or_create(username="bench-counter")
        residents = User.objects.bulk_create(
            User(username=f"bench-resident-{number}", password="!") for number in range(RESIDENTS)
        )
        codes = BenefitCode.objects.bulk_create(
            BenefitCode(
                resident=resident,
                secret=f"BENCH{number:027d}",
                qr_id_digest=f"q{number:063x}",
                issued_at=timezone.now(),
            )
            for number, resident in enumerate(residents)
        )
        groups = list(EligibilityGroup.objects.all())
        merchants = list(Organization.objects.order_by("pk")[:MERCHANTS])
        outlets_of = {}
        for location in Location.objects.filter(organization__in=merchants).only("pk", "organization_id"):
            outlets_of.setdefault(location.organization_id, []).append(location.pk)
        offers = Offer.objects.bulk_create(
            Offer(
                organization=merchant,
                name=f"{merchant.name} 九折",
                kind="percent",
                amount=Decimal("10"),
                maximum_discount=Decimal("20"),
                valid_from=YEAR_START,
            )
            for merchant in merchants
        )
        Offer.groups.through.objects.bulk_create(
            Offer.groups.through(offer_id=offer.pk, eligibilitygroup_id=group.pk)
            for offer in offers
            for group in groups
        )
        Offer.locations.through.objects.bulk_create(
            Offer.locations.through(offer_id=offer.pk, location_id=location)
            for offer in offers
            for location in outlets_of[offer.organization_id]
        )
    log(f"  {len(residents):,} residents, {len(offers)} offers")
    # A popular outlet for the "far above its peers" report: one merchant gets ten times its share.
    weights = [10 if index == 0 else 1 for index in range(len(offers))]
    seconds_in_year = 365 * 24 * 3600
    start = timezone.make_aware(datetime.datetime.combine(YEAR_START, datetime.time(8)))
    made = 0
    while made < redemption_count:
        batch = []
        for _ in range(min(BATCH, redemption_count - made)):
            offer = rng.choices(offers, weights)[0]
            index = rng.randrange(RESIDENTS)
            amount = Decimal(rng.randrange(1000, 30000)) / 100
            saving = min((amount / 10).quantize(Decimal("0.01")), Decimal("20"))
            made += 1
            batch.append(
                Redemption(
                    offer=offer,
                    organization_id=offer.organization_id,
                    location_id=rng.choice(outlets_of[offer.organization_id]),
                    benefit_code=codes[index],
                    resident=residents[index],
                    group=rng.choice(groups),
                    staff=staff,
                    amount_before=amount,
                    saving=saving,
                    amount_paid=amount - saving,
                    redeemed_at=start + datetime.timedelta(seconds=rng.randrange(seconds_in_year)),
                    idempotency_key=f"bench-{made}",
                )
            )
        Redemption.objects.bulk_create(batch)
        log(f"  {made:,}/{redemption_count:,} redemptions")
    originals = list(Redemption.objects.order_by("?")[:REVERSALS])
    Redemption.objects.bulk_create(
        Redemption(
            offer_id=original.offer_id,
            organization_id=original.organization_id,
            location_id=original.location_id,
            benefit_code_id=original.benefit_code_id,
            resident_id=original.resident_id,
            group_id=original.group_id,
            staff=staff,
            amount_before=-original.amount_before,
            saving=-original.saving,
            amount_paid=-original.amount_paid,
            redeemed_at=original.redeemed_at + datetime.timedelta(minutes=5),
            idempotency_key=f"bench-reversal-{original.pk}",
            reverses=original,
            reason="录错",
        )
        for original in originals
    )
    claims = []
    for merchant in merchants:
        for month in range(12):
            first = add_months(YEAR_START, month)
            total = Decimal(rng.randrange(100, 5000))
            state = rng.choice(["submitted", "approved", "rejected", "paid"])
            claims.append(
                SubsidyClaim(
                    organization=merchant,
                    period_start=first,
                    period_end=first + datetime.timedelta(days=27),
                    state=state,
                    total_subsidy=total,
                    submitted_by=staff,
                    submitted_at=timezone.now(),
                    paid_amount=total if state == "paid" else None,
                )
            )
    SubsidyClaim.objects.bulk_create(claims)
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    reviewer.groups.add(Group.objects.get(name=Role.REVIEWER.value))
    return {"redemptions": Redemption.objects.count(), "claims": len(claims), "reused": False}


def add_bursts(count: int = 50) -> int:
    """Residents who use their code at three outlets within 40 minutes, for the unusual-patterns report."""
    from django.utils import timezone

    from market.discounts.models import Redemption

    if Redemption.objects.filter(idempotency_key__startswith="bench-burst-").exists():
        return count
    rng = random.Random(SEED + 1)
    samples = list(Redemption.objects.filter(reverses__isnull=True).order_by("pk")[:count])
    at = timezone.make_aware(datetime.datetime.combine(YEAR_START, datetime.time(9)))
    bursts = []
    for number, sample in enumerate(samples):
        outlets = rng.sample(list(sample.offer.locations.values_list("pk", flat=True)) * 3, 3)
        for step, outlet in enumerate(outlets):
            bursts.append(
                Redemption(
                    offer_id=sample.offer_id,
                    organization_id=sample.organization_id,
                    location_id=outlet,
                    benefit_code_id=sample.benefit_code_id,
                    resident_id=sample.resident_id,
                    group_id=sample.group_id,
                    staff_id=sample.staff_id,
                    amount_before=Decimal("50.00"),
                    saving=Decimal("5.00"),
                    amount_paid=Decimal("45.00"),
                    redeemed_at=at + datetime.timedelta(days=number * 7, minutes=20 * step),
                    idempotency_key=f"bench-burst-{number}-{step}",
                )
            )
    Redemption.objects.bulk_create(bursts)
    return count


class QueryCounter:
    """Counts the SQL statements run, whatever DEBUG says."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(rounds: int, log=print) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from market.discounts.admin import queries
    from market.discounts.admin.reports import REPORTS

    reviewer = get_user_model().objects.get(username="bench-reviewer")
    client = Client()
    client.force_login(reviewer)
    year = queries.Criteria()
    rows = []
    for view in REPORTS:
        query_times, page_times, export_times = [], [], []
        url = f"/admin/discounts/reports/{view.name}/"
        for _ in range(rounds):
            started = time.perf_counter()
            count = len(view().rows(year))
            query_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                response = client.get(url)
            page_times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            started = time.perf_counter()
            export = client.get(url, {"export": "xlsx"})
            b"".join(export.streaming_content)
            export_times.append(time.perf_counter() - started)
        row = {
            "report": view.name,
            "rows": count,
            "query_s": round(statistics.median(query_times), 3),
            "page_s": round(statistics.median(page_times), 3),
            "xlsx_s": round(statistics.median(export_times), 3),
            "page_sql_queries": counter.count,
        }
        row["met"] = max(row["query_s"], row["page_s"], row["xlsx_s"]) < TARGET_SECONDS
        log(f"  {row}")
        rows.append(row)
    return rows


def write(results: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "discount_reports.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    lines = [
        "# Discount reports benchmark",
        "",
        f"{results['at']} · {results['engine']} · {results['data']['redemptions']:,} redemptions · "
        f"load average {results['load_average']} · Python {results['python']}",
        "",
        f"Median of {results['rounds']} runs; target: each under {TARGET_SECONDS:g} s.",
        "",
        "| report | rows | raw query (s) | admin page (s) | XLSX export (s) | SQL queries per page | under 1 s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in results["reports"]:
        lines.append(
            f"| {row['report']} | {row['rows']:,} | {row['query_s']} | {row['page_s']} | {row['xlsx_s']} | "
            f"{row['page_sql_queries']} | {'yes' if row['met'] else 'NO'} |"
        )
    (RESULTS / "discount_reports.md").write_text("\n".join(lines) + "\n")


def main():
    options = arguments()
    url = prepare_database(options.engine)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    data = generate(options.redemptions)
    data["bursts"] = add_bursts()
    data["generate_s"] = round(time.monotonic() - started, 1)
    print(f"data: {data}", flush=True)
    results = {
        "at": datetime.datetime.now().isoformat(timespec="seconds"),
        "engine": options.engine,
        "database": urlsplit(url)._replace(netloc="").geturl(),
        "rounds": options.rounds,
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "python": platform.python_version(),
        "data": data,
        "reports": measure(options.rounds),
    }
    write(results)
    print((RESULTS / "discount_reports.md").read_text())


if __name__ == "__main__":
    main()
