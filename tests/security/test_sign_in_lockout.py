"""The 11th failed sign-in locks the account, the address and the pair, on the site's sign-in and the admin's.

A locked-out sign-in is refused before its password is checked, with a translated message, and writes nothing:
no session, no last_login, no further failure counted.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY

from market.accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/en/accounts/sign-in/"
ADMIN_LOGIN = "/admin/login/"
LIMIT = 11


def sign_in(client, username, password, path=SIGN_IN, address="192.0.2.10", **headers):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail(client, username, times, **kwargs):
    return [sign_in(client, username, "not-the-password", **kwargs).status_code for _ in range(times)]


def test_ten_failures_still_let_the_right_password_in(client):
    user = UserFactory(role=Role.RESIDENT)

    assert fail(client, user.username, LIMIT - 1) == [200] * (LIMIT - 1)
    response = sign_in(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_the_eleventh_failure_locks_the_account_and_the_right_password_is_refused(client):
    user = UserFactory(role=Role.RESIDENT)

    statuses = fail(client, user.username, LIMIT)
    failures = AccessAttempt.objects.get(username=user.username).failures_since_start
    refused = sign_in(client, user.username, PASSWORD)

    assert statuses == [200] * (LIMIT - 1) + [429]
    assert refused.status_code == 429
    assert "Too many failed sign-ins for this account or from this address" in refused.text
    assert "paused for 30 minutes" in refused.text
    # Nothing was written by the refused attempt.
    assert SESSION_KEY not in client.session
    user.refresh_from_db()
    assert user.last_login is None
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == failures == LIMIT


def test_the_lockout_message_is_in_chinese_at_the_chinese_address(client):
    user = UserFactory(role=Role.RESIDENT)
    fail(client, user.username, LIMIT)

    refused = sign_in(client, user.username, PASSWORD, path="/accounts/sign-in/")

    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.text
    assert "登录已暂停 30 分钟" in refused.text


def test_the_account_is_locked_whatever_address_the_failures_come_from(client):
    user = UserFactory(role=Role.RESIDENT)
    for number in range(LIMIT):
        sign_in(client, user.username, "not-the-password", address=f"198.51.100.{number + 1}")

    assert sign_in(client, user.username, PASSWORD, address="203.0.113.7").status_code == 429


def test_an_address_that_tried_many_accounts_is_locked_for_every_account(client):
    for number in range(LIMIT):
        sign_in(client, f"guess-{number}", "not-the-password")
    someone = UserFactory(role=Role.RESIDENT)

    assert sign_in(client, someone.username, PASSWORD).status_code == 429
    assert sign_in(client, someone.username, PASSWORD, address="192.0.2.99").status_code == 302


def test_a_forged_forwarded_for_does_not_unlock_the_address(client):
    for number in range(LIMIT):
        sign_in(client, f"guess-{number}", "not-the-password", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    someone = UserFactory(role=Role.RESIDENT)

    response = sign_in(client, someone.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.200")

    assert response.status_code == 429


def test_the_wagtail_admin_login_counts_and_locks_too(client):
    reviewer = UserFactory(role=Role.REVIEWER)

    statuses = fail(client, reviewer.username, LIMIT, path=ADMIN_LOGIN)
    refused = sign_in(client, reviewer.username, PASSWORD, path=ADMIN_LOGIN)

    assert statuses == [200] * (LIMIT - 1) + [429]
    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.text
    assert SESSION_KEY not in client.session


def test_failures_on_the_site_and_the_admin_add_up(client):
    reviewer = UserFactory(role=Role.REVIEWER)
    fail(client, reviewer.username, 6)
    fail(client, reviewer.username, LIMIT - 6, path=ADMIN_LOGIN)

    assert sign_in(client, reviewer.username, PASSWORD).status_code == 429
