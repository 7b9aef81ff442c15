"""Operations: errors reach the bureau (mail_admins, Sentry), requests are logged as data, the demo stays out of
production, and the Content-Security-Policy header is on every page."""

import json
import logging
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from market.request_log import JsonFormatter
from market.settings.environment import env_admins
from tests.test_configuration import A_FIELD_ENCRYPTION_KEY, A_PROPER_KEY, A_REDIS_URL, PRODUCTION, manage

pytestmark = pytest.mark.django_db

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": PRODUCTION,
    "SECRET_KEY": A_PROPER_KEY,
    "ALLOWED_HOSTS": "linli.example.cn",
    "REDIS_URL": A_REDIS_URL,
    "FIELD_ENCRYPTION_KEY": A_FIELD_ENCRYPTION_KEY,
    "ADMINS": "ops@linli.example.cn",
}


def test_an_unhandled_error_is_mailed_to_the_admins(client, settings):
    settings.ROOT_URLCONF = "tests.security.failing_urls"
    settings.ADMINS = [("运维", "ops@linli.example.cn")]
    client.raise_request_exception = False

    response = client.get("/boom")

    assert response.status_code == 500
    assert [message.to for message in mail.outbox] == [["ops@linli.example.cn"]]
    assert "Internal Server Error: /boom" in mail.outbox[0].subject
    assert "a bug the bureau must hear of" in mail.outbox[0].body


def test_admins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ADMINS", "运维 <ops@commerce.example.cn>, dev@example.cn")

    assert env_admins("ADMINS") == [("运维", "ops@commerce.example.cn"), ("dev@example.cn", "dev@example.cn")]


def test_sentry_is_on_in_production_when_a_dsn_is_given_and_sends_no_personal_data():
    result = manage(
        "shell",
        "-c",
        "import sentry_sdk; client = sentry_sdk.get_client(); "
        "print(client.is_active(), client.options['send_default_pii'], client.options['max_request_body_size'])",
        **PRODUCTION_ENVIRONMENT,
        SENTRY_DSN="http://public@127.0.0.1:9/1",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["True", "False", "never"]


def test_each_request_is_logged_once_as_structured_data(client, caplog):
    with caplog.at_level(logging.INFO, logger="linli.requests"):
        response = client.get("/en/accounts/sign-in/", HTTP_X_REQUEST_ID="abc-123")

    records = [record for record in caplog.records if record.name == "linli.requests"]
    assert len(records) == 1
    assert response["X-Request-ID"] == "abc-123"
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["logger"] == "linli.requests"
    assert line["http"] | {"duration_ms": 0} == {
        "method": "GET",
        "path": "/en/accounts/sign-in/",
        "status": 200,
        "duration_ms": 0,
        "client": "127.0.0.1",
        "user_id": None,
        "request_id": "abc-123",
    }


def test_a_secret_in_the_path_is_not_logged(client, caplog):
    with caplog.at_level(logging.INFO, logger="linli.requests"):
        client.get("/en/accounts/password/reset/MQ/abc-secret-token/")

    (record,) = [record for record in caplog.records if record.name == "linli.requests"]
    assert "abc-secret-token" not in record.getMessage()
    assert record.http["path"] == "/en/accounts/password/reset/<uidb64>/<token>/"


def test_load_demo_refuses_with_debug_off_and_creates_nothing(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--i-know-this-is-not-production"):
        call_command("load_demo")

    assert not get_user_model().objects.exists()


def test_production_has_no_demo_loader():
    result = manage("load_demo", **PRODUCTION_ENVIRONMENT)

    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr


def test_every_public_page_has_the_policy_and_the_admin_only_its_additions(client):
    public = client.get("/en/accounts/sign-in/")["Content-Security-Policy"]
    admin = client.get("/admin/login/")["Content-Security-Policy"]

    assert "unsafe-inline" not in public
    assert "frame-ancestors 'none'" in public
    assert "object-src 'none'" in public
    assert "report-uri /csp-report" in public
    assert "unsafe-inline" not in admin
    assert re.search(r"style-src 'self' 'nonce-[^']+'", admin)
    assert "frame-ancestors 'self'" in admin


def test_violation_reports_are_logged_not_stored(client, caplog):
    report = {"csp-report": {"violated-directive": "script-src-elem", "blocked-uri": "inline", "document-uri": "x"}}

    with caplog.at_level(logging.WARNING, logger="linli.csp"):
        response = client.post("/csp-report", json.dumps(report), content_type="application/csp-report")

    assert response.status_code == 204
    assert "script-src-elem blocked inline" in caplog.text
    assert client.post("/csp-report", "not json", content_type="application/csp-report").status_code == 400


def test_the_tests_run_the_production_security_settings():
    """The lockout, policy and throttle tests use the test settings; production's security settings are the same."""
    names = [
        "CONTENT_SECURITY_POLICY",
        "MIDDLEWARE",
        "AUTHENTICATION_BACKENDS",
        "TRUSTED_PROXIES",
        "UPLOAD_MAX_PIXELS",
        # (AXES_USERNAME_FORM_FIELD is a lazy default, shown differently once read.)
        *(name for name in dir(settings) if name.startswith("AXES_") and name != "AXES_USERNAME_FORM_FIELD"),
    ]
    program = f"from django.conf import settings; print(repr([getattr(settings, name) for name in {names!r}]))"

    result = manage("shell", "--no-imports", "-c", program, **PRODUCTION_ENVIRONMENT)

    assert result.returncode == 0, result.stderr

    def without_addresses(text):
        return re.sub(r" at 0x[0-9a-f]+", "", text)

    assert without_addresses(result.stdout.strip()) == without_addresses(repr([getattr(settings, n) for n in names]))
    show_caches = "from django.conf import settings; print(settings.CACHES)"
    caches = manage("shell", "--no-imports", "-c", show_caches, **PRODUCTION_ENVIRONMENT)
    assert "market.redis_cache.ReusingRedisCache" in caches.stdout
