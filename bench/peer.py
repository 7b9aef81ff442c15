"""Linli beside Wagtail's reference site, in one command: `.venv/bin/python -m bench.peer`.

Both sites run the same way: gunicorn with 2 workers on loopback, DEBUG off, SQLite, database-backed search, and
are loaded by the same tool (wrk, one page at a time for --seconds after a warm-up that is not counted). Runs are
interleaved (Linli, peer, Linli, peer, … --rounds times) and each figure is the median of the rounds. For each page:
the server's CPU per request (user + system time of the gunicorn worker processes, read from /proc/<pid>/stat
before and after, divided by the requests wrk completed) and requests per second, each with the load average at
the moment it was measured. Writes bench/results/<time>-peer.json and .md.

The peer is wagtail/bakerydemo, checked out with its own virtualenv (--peer-dir, default /work/peer/bakerydemo);
see bench/README.md for how it was set up and what had to change. Its settings for the run are written into its
checkout (bakerydemo/settings/linli_bench.py) and its demo data loaded (`load_initial_data`) if its database is
missing. Linli's demo data goes into its own SQLite file (--linli-database, `load_demo`), never db.sqlite3.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bench.load import process_cpu

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
WORKERS = 2
CONNECTIONS = 4
WARM_UP_SECONDS = 3
WARM_UP_REQUESTS = 3 * WORKERS
# Issue 16's targets: CPU per request at most half the peer's on each comparable page; a merchant page ≤ 20 ms.
TARGET_RATIO = 0.5
TARGET_MERCHANT_MS = 20

PEER_SETTINGS = """# Written by Linli's bench/peer.py: production-like (DEBUG off), SQLite, no debug toolbar.
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "linli-peer-benchmark-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# As Linli's bench/settings.py: no collectstatic manifest is needed to render pages.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
"""


@dataclass
class Site:
    name: str
    port: int
    cwd: Path
    gunicorn: Path
    application: str
    environment: dict
    # kind of page -> path; the kinds both sites have are compared.
    pages: dict = field(default_factory=dict)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer-dir", type=Path, default=Path("/work/peer/bakerydemo"))
    parser.add_argument("--linli-database", type=Path, default=ROOT / ".cache" / "bench-peer.sqlite3")
    parser.add_argument("--seconds", type=int, default=10, help="How long wrk loads each page in each round.")
    parser.add_argument("--rounds", type=int, default=2, help="Interleaved rounds (the median is reported).")
    return parser.parse_args()


def _run(command, **kwargs):
    print("$", " ".join(str(part) for part in command), flush=True)
    subprocess.run(command, check=True, **kwargs)


def linli_site(database: Path) -> Site:
    environment = {
        key: value
        for key, value in os.environ.items()
        # Database-backed search and each process's own cache, as the peer has.
        if key not in {"ELASTICSEARCH_URL", "REDIS_URL", "DATABASE_URL"}
    } | {"DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": f"sqlite:///{database}"}
    python = Path(sys.executable)
    if not database.exists():
        database.parent.mkdir(parents=True, exist_ok=True)
        # The demo loader exists only in the demo's settings; the site is then served with the benchmark's.
        demo = environment | {"DJANGO_SETTINGS_MODULE": "market.settings.dev"}
        _run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=demo)
        _run([python, "manage.py", "load_demo"], cwd=ROOT, env=demo, stdout=subprocess.DEVNULL)
    merchant = subprocess.run(
        [python, "-c", "import django; django.setup(); from bench.peer import _linli_merchant_path as p; print(p())"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return Site(
        name="linli",
        port=8766,
        cwd=ROOT,
        gunicorn=python.with_name("gunicorn"),
        application="market.wsgi:application",
        environment=environment,
        pages={
            "home": "/",
            "content page": "/news/news-1/",
            "list": "/news/",
            "register list": "/merchants/",
            "search": "/search/?q=" + quote("家政"),
            "merchant page": merchant,
        },
    )


def _linli_merchant_path() -> str:
    """A listed demo merchant with outlets and offers: the page residents open most."""
    from django.db.models import Count
    from django.urls import reverse

    from market.registry.models import Organization

    merchant = Organization.objects.listed().annotate(outlets=Count("locations")).order_by("-outlets", "pk").first()
    return reverse("registry:merchant_detail", args=[merchant.pk])


def peer_site(peer_dir: Path) -> Site:
    python = peer_dir / ".venv" / "bin" / "python"
    if not python.exists():
        raise SystemExit(f"No virtualenv at {peer_dir}/.venv: see bench/README.md (peer benchmark) to set it up.")
    (peer_dir / "bakerydemo" / "settings" / "linli_bench.py").write_text(PEER_SETTINGS)
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.linli_bench"
    }
    if not (peer_dir / "bakerydemodb").exists():
        _run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=peer_dir, env=environment)
        _run([python, "manage.py", "load_initial_data"], cwd=peer_dir, env=environment)
    return Site(
        name="bakerydemo",
        port=8767,
        cwd=peer_dir,
        gunicorn=peer_dir / ".venv" / "bin" / "gunicorn",
        application="bakerydemo.wsgi:application",
        environment=environment,
        pages={
            "home": "/",
            "content page": "/blog/wild-yeast/",
            "list": "/blog/",
            "register list": "/breads/",
            "search": "/search/?q=bread",
        },
    )


def _wait_for_port(port: int, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port}")


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def cpu_seconds(pids: list[int]) -> float:
    """User + system time of the processes, in seconds."""
    return sum(process_cpu(Path(f"/proc/{pid}/stat"))[1] for pid in pids)


def wrk(url: str, seconds: int) -> dict:
    output = subprocess.run(
        [shutil.which("wrk"), "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    return {
        "requests": requests,
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "latency": {f"p{key}": value for key, value in latency.items()},
    }


def measure_site(site: Site, seconds: int) -> dict:
    """Each page of the site under load, one after the other, on a fresh gunicorn."""
    server = subprocess.Popen(
        # A long worker timeout: on a shared machine a worker's first requests can take far longer than the
        # default 30 s, and a worker killed mid-run would lose its CPU count.
        [
            str(site.gunicorn),
            site.application,
            "--bind",
            f"127.0.0.1:{site.port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "600",
        ],
        cwd=site.cwd,
        env=site.environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    figures = {}
    try:
        _wait_for_port(site.port)
        base = f"http://127.0.0.1:{site.port}"
        for kind, path in site.pages.items():
            # Not counted: each worker's first renders (templates, image renditions, translation catalogues).
            statuses = {urllib.request.urlopen(base + path, timeout=600).status for _ in range(WARM_UP_REQUESTS)}
            status = statuses.pop() if len(statuses) == 1 else sorted(statuses)
            wrk(base + path, WARM_UP_SECONDS)
            pids = worker_pids(server.pid)
            before = cpu_seconds(pids)
            load = wrk(base + path, seconds)
            after = cpu_seconds(pids)
            if worker_pids(server.pid) != pids:
                raise RuntimeError(f"a {site.name} worker was replaced during the run of {path}")
            figures[kind] = {
                "path": path,
                "status": status,
                "cpu_ms_per_request": round(1000 * (after - before) / max(load["requests"], 1), 2),
                "load_average": [round(value, 2) for value in os.getloadavg()],
                **load,
            }
            print(
                f"{site.name:>10} {kind:<14} {figures[kind]['cpu_ms_per_request']:7.2f} ms CPU/request "
                f"{load['requests_per_second']:8.1f} requests/s  load {figures[kind]['load_average']}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=300)
    return figures


def summarise(runs: dict) -> dict:
    """The median of the rounds for each site and page."""
    summary = {}
    for site, rounds in runs.items():
        summary[site] = {}
        for kind in rounds[0]:
            figures = [one[kind] for one in rounds]
            summary[site][kind] = {
                "cpu_ms_per_request": round(statistics.median(f["cpu_ms_per_request"] for f in figures), 2),
                "requests_per_second": round(statistics.median(f["requests_per_second"] for f in figures), 1),
                "rounds_cpu_ms": [f["cpu_ms_per_request"] for f in figures],
                "rounds_requests_per_second": [f["requests_per_second"] for f in figures],
                "load_averages": [f["load_average"] for f in figures],
                "non_2xx": sum(f["non_2xx"] for f in figures),
                "path": figures[0]["path"],
            }
    return summary


def markdown(results: dict) -> str:
    linli, peer = results["summary"]["linli"], results["summary"]["bakerydemo"]
    lines = [
        f"# Linli beside wagtail/bakerydemo, {results['when']}",
        "",
        f"Same machine ({results['machine']['cpus']} CPUs, shared with other work), gunicorn {WORKERS} workers, "
        f"DEBUG off, SQLite, database search; wrk {CONNECTIONS} connections, {results['seconds']} s per page after "
        f"{WARM_UP_REQUESTS} requests and {WARM_UP_SECONDS} s of wrk as warm-up; {results['rounds']} interleaved "
        "rounds (Linli, peer, …), median reported "
        "(each round's value and the load average (1, 5, 15 min) when it was taken are beside it). "
        f"Linli {results['versions']['linli']}; bakerydemo {results['versions']['bakerydemo']}.",
        "",
        "| page | Linli CPU ms/request | peer CPU ms/request | ratio (target ≤ 0.5) | Linli requests/s "
        "| peer requests/s | load averages (Linli; peer) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for kind, ours in linli.items():
        theirs = peer.get(kind)
        loads = "; ".join(
            " ".join("/".join(f"{v:.1f}" for v in load) for load in side["load_averages"])
            for side in ([ours, theirs] if theirs else [ours])
        )
        if theirs:
            ratio = round(ours["cpu_ms_per_request"] / theirs["cpu_ms_per_request"], 2)
            verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
            lines.append(
                f"| {kind} (`{ours['path']}` / `{theirs['path']}`) | {ours['cpu_ms_per_request']} "
                f"({', '.join(map(str, ours['rounds_cpu_ms']))}) | {theirs['cpu_ms_per_request']} "
                f"({', '.join(map(str, theirs['rounds_cpu_ms']))}) | {ratio} {verdict} "
                f"| {ours['requests_per_second']} | {theirs['requests_per_second']} | {loads} |"
            )
        else:
            verdict = "met" if ours["cpu_ms_per_request"] <= TARGET_MERCHANT_MS else "MISSED"
            lines.append(
                f"| {kind} (`{ours['path']}`) | {ours['cpu_ms_per_request']} "
                f"({', '.join(map(str, ours['rounds_cpu_ms']))}) | – | target ≤ {TARGET_MERCHANT_MS} ms: {verdict} "
                f"| {ours['requests_per_second']} | – | {loads} |"
            )
    errors = {site: sum(page["non_2xx"] for page in pages.values()) for site, pages in results["summary"].items()}
    lines += ["", f"Non-2xx responses: {errors}."]
    return "\n".join(lines) + "\n"


def _version(directory: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(directory), "log", "-1", "--format=%h %cs"], capture_output=True, text=True
    ).stdout.strip()


def main():
    options = arguments()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: scripts/ensure-packages wrk")
    if not any(ROOT.glob("market/*/locale/zh_Hans/LC_MESSAGES/django.mo")):
        # Without them Linli's Chinese pages come out in English msgids: not the site residents get.
        raise SystemExit("Compile the translation catalogues first: make messages")
    load_at_start = os.getloadavg()
    sites = [linli_site(options.linli_database), peer_site(options.peer_dir)]
    runs = {site.name: [] for site in sites}
    for round_number in range(options.rounds):
        print(f"round {round_number + 1} of {options.rounds}", flush=True)
        for site in sites:
            runs[site.name].append(measure_site(site, options.seconds))
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_at_start": load_at_start,
            "load_average_at_end": os.getloadavg(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "versions": {"linli": _version(ROOT), "bakerydemo": _version(options.peer_dir)},
        "seconds": options.seconds,
        "rounds": options.rounds,
        "gunicorn_workers": WORKERS,
        "connections": CONNECTIONS,
        "runs": runs,
        "summary": summarise(runs),
    }
    RESULTS.mkdir(exist_ok=True)
    name = datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + "-peer"
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown(results))
    print((RESULTS / f"{name}.md").read_text())


if __name__ == "__main__":
    main()
