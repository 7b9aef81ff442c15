"""Search-page requests per second: gunicorn on loopback, wrk for a bounded time, both stopped afterwards; and
where the machine's CPU went meanwhile, by command (gunicorn, Elasticsearch's java, wrk, PostgreSQL, Redis)."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

PORT = 8765
PATHS = [
    "/search/?" + urlencode({"q": "家政"}),
    "/search/?" + urlencode({"q": "jiazheng", "district": "320106"}),
    "/search/?" + urlencode({"q": "洗衣"}),
    "/search/?" + urlencode({"category": "housekeeping"}),
]
# wrk cycles through the paths so the load is a mix, not one cached answer.
SCRIPT = """
local paths = {%s}
local next_path = 0
request = function()
  next_path = next_path %% #paths + 1
  return wrk.format("GET", paths[next_path])
end
"""


def _wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port}")


# Issue 11's measure: the search page with two gunicorn workers.
WORKERS = 2
WARM_UP_SECONDS = 5


@contextmanager
def gunicorn(workers: int = WORKERS, worker_timeout: int = 30):
    """The site under gunicorn on 127.0.0.1:PORT with the benchmark's settings, stopped afterwards. A longer
    worker_timeout keeps workers alive through slow first requests on a busy shared machine."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "market.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--timeout",
            str(worker_timeout),
        ],
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "bench.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(PORT)
        yield f"http://127.0.0.1:{PORT}"
    finally:
        server.terminate()
        server.wait(timeout=max(30, worker_timeout))


def process_cpu(stat: Path) -> tuple[str, float]:
    """A process's command and the user + system seconds it has used, from /proc/<pid>/stat (fields 14 and 15)."""
    text = stat.read_text()
    # The command (field 2) may hold spaces and parentheses: the fields start after its last closing one.
    fields = text[text.rindex(")") + 2 :].split()
    return text[text.index("(") + 1 : text.rindex(")")], (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds_by_command() -> Counter:
    """CPU seconds each command (gunicorn, java, wrk, postgres…) has used so far, over all its processes."""
    used = Counter()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            command, seconds = process_cpu(stat)
        except OSError:  # the process ended meanwhile
            continue
        # Kernel threads are named per CPU and task (kworker/1:1-events): counted together.
        used[command.split("/")[0]] += seconds
    return used


def cpu_per_request(before: Counter, after: Counter, requests: int) -> dict:
    """Milliseconds of CPU per request served, by command, from two snapshots around the measured run; and the
    requests per second the machine's CPUs could serve at that cost."""
    spent = {command: after[command] - before.get(command, 0.0) for command in after}
    per_request = {
        command: round(1000 * seconds / requests, 2)
        for command, seconds in sorted(spent.items(), key=lambda item: -item[1])
        if seconds > 0.05
    }
    total = sum(seconds for seconds in spent.values() if seconds > 0)
    cpus = os.cpu_count() or 1
    return {
        "cpu_ms_per_request": per_request,
        "cpu_ms_per_request_total": round(1000 * total / requests, 2),
        "cpus": cpus,
        "ceiling_requests_per_second": round(cpus * requests / total, 1) if total else None,
    }


def requests_per_second(duration: int, workers: int = WORKERS, connections: int = 8) -> dict:
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk is not installed: scripts/ensure-packages wrk"}
    with gunicorn(workers):
        statuses = [urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30).status for path in PATHS]
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(SCRIPT % ", ".join(f'"{path}"' for path in PATHS))
            script.flush()

            def load(seconds: int) -> str:
                command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name]
                return subprocess.run(
                    [*command, f"http://127.0.0.1:{PORT}"],
                    capture_output=True,
                    text=True,
                    timeout=seconds + 60,
                    check=True,
                ).stdout

            # Not counted: every worker's first searches load the segmenter's dictionary and the index's vocabulary
            # (a few seconds, once per process and then every few minutes), which a 20-second run would weigh as
            # if every request paid them.
            load(WARM_UP_SECONDS)
            before, children_before = cpu_seconds_by_command(), os.times()
            output = load(duration)
            after, children_after = cpu_seconds_by_command(), os.times()
            # wrk has exited by now: its CPU is what this process's finished children used meanwhile.
            after["wrk"] = before.get("wrk", 0.0) + sum(
                getattr(children_after, field) - getattr(children_before, field)
                for field in ("children_user", "children_system")
            )
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    served = re.search(r"(\d+) requests in", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.MULTILINE))
    return {
        "requests_per_second": float(rate.group(1)) if rate else None,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "latency": {f"p{key}": value for key, value in latency.items()},
        "first_statuses": statuses,
        "duration_s": duration,
        "warm_up_s": WARM_UP_SECONDS,
        "gunicorn_workers": workers,
        "connections": connections,
        "paths": PATHS,
        # Where the CPU went: with Elasticsearch, wrk and the workers on the same CPUs, a request can be served no
        # faster than the CPU it costs them all allows.
        **(cpu_per_request(before, after, int(served.group(1))) if served else {}),
    }
