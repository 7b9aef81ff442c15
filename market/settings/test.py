"""pytest: the same settings as production where behaviour matters, faster where it does not."""

import os

from market.settings.base import *  # noqa: F403

SECRET_KEY = "linli-tests-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Pages are indexed by the database backend alone: every page a test saves would otherwise be sent to a shared
# Elasticsearch index. Tests of page search on Elasticsearch configure it with their own index (tests/search).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The tests load the demo content (tests/demo); production never installs it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# With REDIS_URL (CI) the cache is Redis: each run gets its own key prefix, so counters (the API throttle)
# never carry over from an earlier run or another checkout's.
if "KEY_PREFIX" in CACHES["default"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"linli-test-{os.getpid()}-{os.urandom(4).hex()}"  # noqa: F405
    # Each pytest-xdist worker in a Redis database of its own: a test's cache.clear() (FLUSHDB) must not empty the
    # caches and counters of a test running beside it on the other worker.
    if worker := os.environ.get("PYTEST_XDIST_WORKER", "").removeprefix("gw"):
        from urllib.parse import urlsplit, urlunsplit

        address = urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
        CACHES["default"]["LOCATION"] = urlunsplit(address._replace(path=f"/{1 + int(worker)}"))  # noqa: F405

# Lets two test runs share one PostgreSQL server without fighting over the test database.
if test_database_name := os.environ.get("DATABASE_TEST_NAME", "").strip():
    DATABASES["default"]["TEST"] = {"NAME": test_database_name}  # noqa: F405
