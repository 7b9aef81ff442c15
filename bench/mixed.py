"""A mixed load on PostgreSQL + Elasticsearch + Redis: `.venv/bin/python -m bench.mixed`.

    eval "$(scripts/services env)"
    .venv/bin/python -m bench.mixed --seconds 60 --workers 2 4

Fills its own database (`linli_bench_mixed` beside DATABASE_URL's): the demo (`load_demo`, for its accounts, pages
and review queue), --merchants more merchants (bench.generate) and its own index (prefix `mixed`), then
--residents eligible residents with a printed benefit card each and an offer without a personal quota at the demo
merchant's outlets. For each gunicorn worker count it runs, on loopback and for --seconds, threads that act as:

- residents (--resident-threads): a search page, then one of the merchants found (a merchant page);
- merchants at the counter (--counter-threads, signed in as the demo merchant): the counter page, the card number
  checked, the redemption recorded (the whole two-step flow of market/discounts/views.counter);
- staff (--staff-threads, signed in as the demo reviewer): the review queue, then an application in it.

Each thread does one action after another, without pause (a closed loop: throughput is what the server gives).
Reported per action: count, throughput, p50/p95 latency and errors (a 5xx, a refused connection, or a counter
flow that did not end on a receipt). Writes bench/results/<time>-mixed.json and .md with the load average.
No dependency beyond the standard library: locust would bring gevent, Flask and a dozen more into the lock for
this one benchmark, and drive the same HTTP the same way.
"""

import argparse
import datetime
import html
import http.cookiejar
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PASSWORD = "linli-demo-2026"
PORT = 8768
SEARCHES = ["家政", "洗衣", "jiazheng", "超市", "修鞋", "便利店", "xiyi", "维修"]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4], help="gunicorn worker counts to run.")
    parser.add_argument("--resident-threads", type=int, default=6)
    parser.add_argument("--counter-threads", type=int, default=2)
    parser.add_argument("--staff-threads", type=int, default=1)
    parser.add_argument("--merchants", type=int, default=2000)
    parser.add_argument("--residents", type=int, default=300)
    parser.add_argument("--database", default="linli_bench_mixed")
    return parser.parse_args()


# ------------------------------------------------------------------------------------------------ setting up


def prepare(options) -> dict:
    """The database, index and fixtures; what the load threads need to know, as plain data."""
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = "mixed"
    from bench.run import prepare_database

    url = prepare_database(options.database)
    demo_environment = os.environ | {"DJANGO_SETTINGS_MODULE": "market.settings.dev", "DATABASE_URL": url}
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    def manage(*command):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=demo_environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    manage("migrate", "--no-input", "-v0")
    if not get_user_model().objects.filter(username="merchant").exists():
        manage("load_demo")
    from bench.generate import generate
    from search.maintenance import rebuild_search

    counts = generate(options.merchants)
    rebuild_search(workers=1)
    return counts | fixtures(options.residents)


def fixtures(resident_count: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone

    from market.accounts.roles import Role
    from market.discounts.models import BenefitCard, Eligibility, EligibilityGroup, Offer
    from market.discounts.services.benefit_codes import issue_benefit_card, issue_benefit_code
    from market.licensing.models import Application
    from market.registry.models import Organization

    User = get_user_model()
    merchant_user = User.objects.get(username="merchant")
    administrator = User.objects.get(username="admin")
    organization = Organization.objects.filter(owner=merchant_user).order_by("pk").first()
    outlets = list(organization.locations.order_by("pk"))
    today = timezone.localdate()
    offer, _ = Offer.objects.get_or_create(
        organization=organization,
        name="压力测试 九折",
        defaults={"kind": "percent", "amount": Decimal("10"), "maximum_discount": Decimal("20"), "valid_from": today},
    )
    groups = list(EligibilityGroup.objects.all())
    residents_group = Group.objects.get(name=Role.RESIDENT.value)
    offer.groups.set(groups)
    offer.locations.set(outlets)
    cards_file = ROOT / ".cache" / "bench-mixed-cards.json"
    cards = json.loads(cards_file.read_text()) if cards_file.exists() else []
    if len(cards) < resident_count:
        with transaction.atomic():
            for number in range(len(cards), resident_count):
                resident = User.objects.create(username=f"bench-mixed-resident-{number}", password="!")
                resident.groups.add(residents_group)
                Eligibility.objects.create(
                    resident=resident,
                    group=groups[number % len(groups)],
                    valid_from=today - datetime.timedelta(days=30),
                    valid_until=today + datetime.timedelta(days=365),
                )
                issue_benefit_code(resident)
                _card, card_number = issue_benefit_card(resident, administrator)
                cards.append(card_number)
        cards_file.parent.mkdir(exist_ok=True)
        cards_file.write_text(json.dumps(cards))
    merchants = [
        reverse("registry:merchant_detail", args=[pk])
        for pk in Organization.objects.listed().order_by("?").values_list("pk", flat=True)[:300]
    ]
    # What the queue lists: a draft is the applicant's own until submitted (the queue answers 404 for it).
    queue = [
        reverse("review_queue:inspect", args=[pk])
        for pk in Application.objects.exclude(state="draft").values_list("pk", flat=True)[:50]
    ]
    return {
        "cards": cards,
        "outlet": outlets[0].pk,
        "offer": offer.pk,
        "merchant_pages": merchants,
        "queue": reverse("review_queue:index"),
        "applications": queue,
        "benefit_cards": BenefitCard.objects.count(),
    }


# ------------------------------------------------------------------------------------------------ the load


class Browser:
    """One signed-in (or anonymous) person: cookies kept, CSRF token read from each form, redirects followed."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        return self._open(request)

    def _open(self, request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=300) as response:
                return response.status, response.read().decode(), response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.geturl()
        except OSError:  # refused, reset or timed out: counted as an error
            return 0, "", request.full_url

    def sign_in(self, path: str, username: str) -> None:
        _status, page, _url = self.get(path)
        status, page, url = self.post(
            path, {"csrfmiddlewaretoken": csrf(page), "username": username, "password": PASSWORD}
        )
        if status != 200 or "sign-in" in url or "/login/" in url:
            raise RuntimeError(f"{username} could not sign in at {path}: {status} {url}")


def csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def hidden(page: str, name: str) -> str | None:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', page
    )
    return html.unescape(found.group(1)) if found else None


class Recorder:
    def __init__(self):
        self.samples: list[tuple[str, float, bool, bool]] = []  # action, ms, error, refused
        self.lock = threading.Lock()

    def add(self, action: str, started: float, error: bool, refused: bool = False) -> None:
        with self.lock:
            self.samples.append((action, 1000 * (time.monotonic() - started), error, refused))


def resident(base: str, data: dict, recorder: Recorder, stop_at: float, seed: int) -> None:
    rng = random.Random(seed)
    browser = Browser(base)
    while time.monotonic() < stop_at:
        started = time.monotonic()
        status, _page, _url = browser.get("/search/?" + urllib.parse.urlencode({"q": rng.choice(SEARCHES)}))
        recorder.add("resident: search page", started, status >= 500 or status == 0)
        started = time.monotonic()
        status, _page, _url = browser.get(rng.choice(data["merchant_pages"]))
        recorder.add("resident: merchant page", started, status != 200)


def counter(base: str, data: dict, recorder: Recorder, stop_at: float, seed: int) -> None:
    rng = random.Random(seed)
    browser = Browser(base)
    browser.sign_in("/accounts/sign-in/", "merchant")
    while time.monotonic() < stop_at:
        started = time.monotonic()
        status, page, _url = browser.get("/benefits/counter/")
        if status != 200:
            recorder.add("merchant: counter redemption", started, True)
            continue
        status, page, _url = browser.post(
            "/benefits/counter/",
            {
                "csrfmiddlewaretoken": csrf(page),
                "action": "lookup",
                "code": rng.choice(data["cards"]),
                "outlet": data["outlet"],
            },
        )
        counter_pass, key = hidden(page, "code"), hidden(page, "idempotency_key")
        if status != 200 or not counter_pass:
            failed = status >= 500 or status == 0
            recorder.add("merchant: counter redemption", started, failed, refused=not failed)
            continue
        status, page, url = browser.post(
            "/benefits/counter/",
            {
                "csrfmiddlewaretoken": csrf(page),
                "action": "redeem",
                "code": counter_pass,
                "outlet": data["outlet"],
                "offer": data["offer"],
                "amount_before": f"{rng.randrange(10, 300)}.00",
                "idempotency_key": key or "",
            },
        )
        receipt = status == 200 and "/counter/redemptions/" in url
        failed = status >= 500 or status == 0
        recorder.add("merchant: counter redemption", started, failed, refused=not receipt and not failed)


def staff(base: str, data: dict, recorder: Recorder, stop_at: float, seed: int) -> None:
    rng = random.Random(seed)
    browser = Browser(base)
    browser.sign_in("/admin/login/", "reviewer")
    while time.monotonic() < stop_at:
        started = time.monotonic()
        status, _page, _url = browser.get(data["queue"])
        recorder.add("staff: review queue", started, status != 200)
        if data["applications"]:
            started = time.monotonic()
            status, _page, _url = browser.get(rng.choice(data["applications"]))
            recorder.add("staff: an application", started, status != 200)


def run(workers: int, options, data: dict) -> dict:
    from bench.load import _wait_for_port

    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "market.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            # Slow first requests on a busy shared machine must not get a worker killed.
            "--timeout",
            "600",
        ],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "bench.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{PORT}"
    recorder = Recorder()
    try:
        _wait_for_port(PORT)
        warm = Browser(base)
        for query in SEARCHES:  # each worker's first search loads the segmenter's dictionary: not counted
            warm.get("/search/?" + urllib.parse.urlencode({"q": query}))
        load_at_start = os.getloadavg()
        started = time.monotonic()
        stop_at = started + options.seconds
        roles = (
            [(resident, n) for n in range(options.resident_threads)]
            + [(counter, n) for n in range(options.counter_threads)]
            + [(staff, n) for n in range(options.staff_threads)]
        )
        threads = [
            threading.Thread(target=role, args=(base, data, recorder, stop_at, 1000 * workers + n)) for role, n in roles
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=300)
    actions = {}
    for action in sorted({sample[0] for sample in recorder.samples}):
        mine = [sample for sample in recorder.samples if sample[0] == action]
        latencies = sorted(sample[1] for sample in mine)
        actions[action] = {
            "count": len(mine),
            "per_second": round(len(mine) / elapsed, 2),
            "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1),
            "errors": sum(1 for sample in mine if sample[2]),
            "refused": sum(1 for sample in mine if sample[3]),
        }
    return {
        "gunicorn_workers": workers,
        "seconds": round(elapsed, 1),
        "requests_per_second": round(sum(a["count"] for a in actions.values()) / elapsed, 2),
        "load_average_at_start": load_at_start,
        "load_average_at_end": os.getloadavg(),
        "actions": actions,
    }


def markdown(results: dict) -> str:
    threads = results["threads"]
    lines = [
        f"# Mixed load on PostgreSQL + Elasticsearch + Redis, {results['when']}",
        "",
        f"{results['register']['merchants']:,} merchants; {threads['residents']} resident threads (search page, then a "
        f"merchant page), {threads['counter']} merchant threads at the counter (check a benefit card, record the "
        f"redemption), {threads['staff']} staff thread (review queue, then an application); each thread acts "
        f"without pause for {results['seconds']} s per run, on loopback. {results['machine']['cpus']} CPUs shared "
        "with other work: the load average (1/5/15 min) is given for each run. A counter action is three requests "
        "(counter page, check, record); 'refused' is a business refusal (not an error).",
        "",
    ]
    for run in results["runs"]:
        load = "/".join(f"{v:.1f}" for v in run["load_average_at_start"])
        end = "/".join(f"{v:.1f}" for v in run["load_average_at_end"])
        lines += [
            f"## {run['gunicorn_workers']} gunicorn workers: {run['requests_per_second']} actions/s "
            f"(load average {load} at the start, {end} at the end)",
            "",
            "| action | count | per second | p50 ms | p95 ms | errors | refused |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, action in run["actions"].items():
            lines.append(
                f"| {name} | {action['count']} | {action['per_second']} | {action['p50_ms']} | {action['p95_ms']} "
                f"| {action['errors']} | {action['refused']} |"
            )
        lines.append("")
    return "\n".join(lines)


def main():
    options = arguments()
    if not any(ROOT.glob("market/*/locale/zh_Hans/LC_MESSAGES/django.mo")):
        raise SystemExit("Compile the translation catalogues first: make messages")
    for name in ("DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL"):
        if not os.environ.get(name):
            raise SystemExit(f'Set {name}: eval "$(scripts/services env)"')
    load_at_start = os.getloadavg()
    data = prepare(options)
    runs = [run(workers, options, data) for workers in options.workers]
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_at_start": load_at_start,
            "load_average_at_end": os.getloadavg(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "register": {"merchants": data["merchants"], "benefit_cards": data["benefit_cards"]},
        "threads": {
            "residents": options.resident_threads,
            "counter": options.counter_threads,
            "staff": options.staff_threads,
        },
        "seconds": options.seconds,
        "runs": runs,
    }
    RESULTS.mkdir(exist_ok=True)
    name = datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + "-mixed"
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown(results))
    print((RESULTS / f"{name}.md").read_text())


if __name__ == "__main__":
    main()
