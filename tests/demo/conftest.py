"""The demo, loaded once for the tests of this package (one worker runs them all) and rolled back when they end.

`call_command("load_demo")` takes 10–15 s; most demo tests only read what it made. The load runs in a
transaction that stays open until the package's last test; each test runs in its own savepoint inside it
(pytest-django's `TestCase` wrapping), so what one test writes — including a second load — is rolled back before
the next.

Only for non-transactional tests: a transactional test (`transaction=True`) would commit and flush the outer
transaction's rows. Search is built into the database only (`ELASTICSEARCH_URL` cleared for the load), so a
configured Elasticsearch index is never rebuilt from rows that are then rolled back; the demo's licence scan is
written to a temporary folder.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from market.licensing.models import Licence


def load_demo() -> str:
    output = StringIO()
    call_command("load_demo", "--i-know-this-is-not-production", stdout=output)
    return output.getvalue()


@pytest.fixture(scope="package")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    private = tmp_path_factory.mktemp("private-media")
    storage = Licence._meta.get_field("file").storage
    with pytest.MonkeyPatch.context() as patch:
        # The demo's licence scan goes to a temporary private folder, not the checkout's.
        patch.setattr(storage, "base_location", str(private))
        patch.setattr(storage, "location", str(private))
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                with override_settings(ELASTICSEARCH_URL=""):
                    output = load_demo()
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        try:
            yield output
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)


@pytest.fixture
def demo(request, _demo_loaded, db) -> str:
    """The output of the package's one demo load; its rows are in the database for the test."""
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(request.fixturenames):
        raise pytest.UsageError(f"{request.node.nodeid}: the shared demo cannot be used by a transactional test.")
    return _demo_loaded
