"""The project refuses to start half-configured, and says which setting to fix.

Each case runs `manage.py` in a child process with an environment built here, as an operator would start it.
"""

import base64
import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = "market.settings.production"
A_PROPER_KEY = secrets.token_urlsafe(50)
A_FIELD_ENCRYPTION_KEY = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
DEAD_POSTGRESQL = "postgres://linli:linli@127.0.0.1:9/linli"
# Never connected to by `check`: Django's Redis cache connects on first use.
A_REDIS_URL = "redis://127.0.0.1:9/0"


def manage(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    # Only what a shell needs, so the developer's own DATABASE_URL or SECRET_KEY cannot leak in.
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments],
        env=base | environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start():
    result = manage("check", DJANGO_SETTINGS_MODULE=PRODUCTION, ALLOWED_HOSTS="linli.example.cn")

    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY" in result.stderr


def test_production_with_a_short_secret_key_refuses_to_start():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE=PRODUCTION, SECRET_KEY="too-short", ALLOWED_HOSTS="linli.example.cn"
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = manage("check", DJANGO_SETTINGS_MODULE=PRODUCTION, SECRET_KEY=A_PROPER_KEY)

    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_without_a_field_encryption_key_refuses_to_start():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=A_PROPER_KEY,
        ALLOWED_HOSTS="linli.example.cn",
        REDIS_URL=A_REDIS_URL,
    )

    assert result.returncode != 0
    assert "Set the environment variable FIELD_ENCRYPTION_KEY" in result.stderr


def test_production_refuses_the_demo_encryption_key_and_a_malformed_one():
    for key, message in [
        ("bGlubGktZGVtby1vbmx5LU5PVC1TRUNSRVQta2V5ISE=", "FIELD_ENCRYPTION_KEY is the demo key"),
        ("not-a-key", "FIELD_ENCRYPTION_KEY must be a Fernet key"),
    ]:
        result = manage(
            "check",
            DJANGO_SETTINGS_MODULE=PRODUCTION,
            SECRET_KEY=A_PROPER_KEY,
            ALLOWED_HOSTS="linli.example.cn",
            REDIS_URL=A_REDIS_URL,
            FIELD_ENCRYPTION_KEY=key,
        )
        assert result.returncode != 0
        assert message in result.stderr


def test_unreachable_database_fails_the_check_with_what_to_set():
    result = manage("check", "--database", "default", DATABASE_URL=DEAD_POSTGRESQL)

    assert result.returncode != 0
    assert "linli.E001" in result.stderr
    assert "127.0.0.1:9" in result.stderr
    assert "Set DATABASE_URL" in result.stderr


def test_production_without_redis_url_refuses_to_start():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE=PRODUCTION, SECRET_KEY=A_PROPER_KEY, ALLOWED_HOSTS="linli.example.cn"
    )

    assert result.returncode != 0
    assert "Set REDIS_URL" in result.stderr


def test_production_passes_the_deploy_check_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=A_PROPER_KEY,
        ALLOWED_HOSTS="linli.example.cn",
        FIELD_ENCRYPTION_KEY=A_FIELD_ENCRYPTION_KEY,
        REDIS_URL=A_REDIS_URL,
        ADMINS="运维 <ops@commerce.example.cn>",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_warns_when_errors_would_reach_no_one():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=A_PROPER_KEY,
        ALLOWED_HOSTS="linli.example.cn",
        REDIS_URL=A_REDIS_URL,
        FIELD_ENCRYPTION_KEY=A_FIELD_ENCRYPTION_KEY,
    )

    assert result.returncode != 0
    assert "linli.W001" in result.stderr
    assert "Set ADMINS" in result.stderr


def test_production_reuses_database_connections_after_a_health_check():
    environment = {
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "SECRET_KEY": A_PROPER_KEY,
        "ALLOWED_HOSTS": "linli.example.cn",
        "FIELD_ENCRYPTION_KEY": A_FIELD_ENCRYPTION_KEY,
        "REDIS_URL": A_REDIS_URL,
    }
    show = (
        "from django.conf import settings; database = settings.DATABASES['default']; "
        "print(database['CONN_MAX_AGE'], database['CONN_HEALTH_CHECKS'])"
    )

    by_default = manage("shell", "--no-imports", "-c", show, **environment)
    closed_each_time = manage("shell", "--no-imports", "-c", show, **environment, DATABASE_CONN_MAX_AGE="0")

    assert [float(value) for value in by_default.stdout.split()[:1]] == [60], by_default.stderr
    assert by_default.stdout.split()[1:] == ["True"]
    assert [float(value) for value in closed_each_time.stdout.split()[:1]] == [0], closed_each_time.stderr
