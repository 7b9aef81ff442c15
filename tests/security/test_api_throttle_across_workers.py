"""The API's rate limit holds across gunicorn workers and against a forged X-Forwarded-For.

Gunicorn runs the production settings with 2 workers on a free loopback port, against the Redis of
`scripts/services up` and a copy of the test database. Requests go to it from 4 threads at once, each with a
different X-Forwarded-For. The limit (60 a minute per client address) must count them all together: exactly
60 are answered, the rest refused with a translated 429, whichever worker took each one.
"""

import json
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from search.api import PUBLIC_RATE

# Transactional: the database is copied for gunicorn, which needs no transaction of the test held open on it.
pytestmark = [pytest.mark.requires_service("redis"), pytest.mark.django_db(transaction=True, serialized_rollback=True)]

START_TIMEOUT = 60
REQUEST_TIMEOUT = 10
EXTRA_REQUESTS = 20
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url_for_another_process(directory: Path) -> str:
    """The migrated test database, as a URL another process can open: PostgreSQL's by name, SQLite's copied."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        path = directory / "db.sqlite3"
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    database = connection.settings_dict
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def gunicorn(tmp_path):
    port = free_loopback_port()
    access_log = tmp_path / "access.log"
    environment = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ} | {
        "DJANGO_SETTINGS_MODULE": "market.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "ADMINS": "ops@linli.example.cn",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DATABASE_URL": database_url_for_another_process(tmp_path),
        "REDIS_URL": settings.REDIS_URL,
        "CACHE_KEY_PREFIX": f"linli-gunicorn-test-{secrets.token_hex(4)}",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "market.wsgi",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--timeout=30",
            f"--access-logfile={access_log}",
            "--access-logformat=%(p)s %(s)s %(U)s",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert process.poll() is None, f"gunicorn exited:\n{process.stdout.read()}"
            assert time.monotonic() < deadline, f"gunicorn did not answer within {START_TIMEOUT}s"
            try:
                if get(f"{base}/healthz", {})[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        yield base, access_log
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_the_api_limit_holds_across_two_workers_and_a_rotating_forged_forwarded_for(gunicorn):
    base, access_log = gunicorn
    limit = PUBLIC_RATE.num_requests
    total = limit + EXTRA_REQUESTS

    def ask(number: int):
        forged = f"203.0.113.{number % 250 + 1}, 198.51.100.{number % 200 + 1}"
        return get(
            f"{base}/api/suggest?q=jz",
            {"X-Forwarded-For": forged, "X-Real-IP": forged.split(",")[0], "Accept-Language": "zh-hans"},
        )

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(ask, range(total)))
    assert time.monotonic() - started < 60, "the requests must all fall within one window of the limit"

    statuses = [status for status, _headers, _body in answers]
    assert statuses.count(200) == limit
    assert statuses.count(429) == EXTRA_REQUESTS
    refused = next((headers, body) for status, headers, body in answers if status == 429)
    assert "请求过于频繁" in json.loads(refused[1])["detail"]
    assert int(refused[0]["Retry-After"]) > 0
    # Production's policy is on every response, the API's too.
    assert "script-src 'self'" in refused[0]["Content-Security-Policy"]
    assert "unsafe-inline" not in refused[0]["Content-Security-Policy"]

    # Both workers answered some of them: the count was shared, not kept per process.
    time.sleep(0.5)
    served = [line.split() for line in access_log.read_text().splitlines() if "/api/suggest" in line]
    workers = {pid for pid, _status, _path in served}
    assert len(workers) == 2, served
    assert sum(1 for _pid, status, _path in served if status == "200") == limit
