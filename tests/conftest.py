"""Shared test plumbing.

Transactional tests (real concurrency, the live server for browser tests) empty the database when they end; they
all use `serialized_rollback=True`, so the rows that data migrations made (roles, the holiday calendar, eligibility
groups, synonyms) come back for the tests after them. A transactional test without it would re-create content types
with new ids and break that restore for every later one. The restore copies table data (tests/database_snapshot.py).
"""

import pytest
from django.utils import translation
from xdist.scheduler import LoadScopeScheduling

from tests import database_snapshot, database_template
from tests.clock import WEDNESDAY, clock_at
from tests.services import services_required, unavailable_reason

_snapshot_patch = pytest.MonkeyPatch()


def pytest_configure(config):
    database_snapshot.install(_snapshot_patch)


def pytest_unconfigure(config):
    _snapshot_patch.undo()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """On PostgreSQL, each worker's test database is copied from the migrated schema (tests/database_template.py)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    if (stale := database_template.use_template(database)) is not None:
        request.node.warn(pytest.PytestWarning(stale))


# Tests that share an expensive fixture: the demo, loaded once per package (tests/demo/conftest.py), and the
# registers and pages the search modules index once per module. Each is one unit of work for one worker, so it is
# built once in a run.
SHARED_FIXTURES = (
    "tests/demo/",
    "tests/search/test_resident_relevance.py",
    "tests/search/test_relevance.py",
    "tests/search/test_page_search.py",
)


class SharedFixtureScheduling(LoadScopeScheduling):
    """Every other test is a unit of its own, handed to whichever worker is free; the largest units go first.

    pytest-xdist's own way, its xdist_group mark with --dist loadgroup, renames a test by an attribute pytest 9
    no longer reads (pytest-xdist 3.8, the latest), so it groups nothing."""

    def _split_scope(self, nodeid: str) -> str:
        return next((shared for shared in SHARED_FIXTURES if nodeid.startswith(shared)), nodeid)


def pytest_xdist_make_scheduler(config, log):
    return SharedFixtureScheduling(config, log)


@pytest.fixture(autouse=True)
def _require_marked_services(request):
    for marker in request.node.iter_markers("requires_service"):
        for name in marker.args:
            reason = unavailable_reason(name)
            if reason is None:
                continue
            if services_required():
                pytest.fail(f"REQUIRE_SERVICES=1 but {name} is unavailable: {reason}", pytrace=False)
            pytest.skip(f"{name} unavailable: {reason}")


def pytest_collection_modifyitems(items):
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: a transactional test must also use serialized_rollback=True (see tests/conftest.py)."
            )


@pytest.fixture(autouse=True)
def _no_reindex_left_by_earlier_tests():
    """Search notes the merchants to reindex when an event is queued; a test's rolled-back transaction leaves its
    ids behind, harmless in production but not for a later test that counts the tasks it causes."""
    from search.receivers import discard_pending_reindex

    discard_pending_reindex()


# The fixtures the apps' suites share; a suite's conftest makes the first two autouse where all its tests want them.


@pytest.fixture
def english():
    """Messages are compared in English, whatever the Chinese catalog says."""
    with translation.override("en"):
        yield


@pytest.fixture
def private_files(tmp_path, monkeypatch):
    """Private files (licences, proof, evidence, CVs) go to the test's temporary folder, not the checkout's."""
    from market.licensing.models import Licence

    storage = Licence._meta.get_field("file").storage  # the one storage of every private file field
    monkeypatch.setattr(storage, "base_location", str(tmp_path))
    monkeypatch.setattr(storage, "location", str(tmp_path))
    return tmp_path


@pytest.fixture
def clock():
    """The platform's clock, at 10:00 on Wednesday 11 March 2026 until the test moves it (tests/clock.py)."""
    with clock_at(WEDNESDAY) as clock:
        yield clock


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to an /en/ page leaves English active in the thread, and
    a later test on the same worker would reverse its URLs under /en/."""
    from django.conf import settings

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the site keeps figures, lists and page furniture there until an event
    clears them, and a test's rows are rolled back without one."""
    from django.core.cache import cache

    cache.clear()
