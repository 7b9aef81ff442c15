"""Settings of the benchmark: production-like (no DEBUG), its own database and Elasticsearch index prefix."""

from market.settings.base import *  # noqa: F403
from market.settings.environment import env_str

SECRET_KEY = "linli-benchmark-only-not-secret"
DEBUG = False
# testserver: the SQL-queries-per-page check renders the page with Django's test client.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# bench.run points DATABASE_URL at the benchmark database before Django starts.
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "bench")
# A load test would otherwise spend its time in the demo console's per-request log lines.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# No collectstatic manifest is needed to render pages.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# The API's per-address throttle (60 a minute) would answer most of the benchmark's requests with 429.
SEARCH_API_RATE = "1000000/min"
# As in production (market/settings/production.py): a worker keeps its database connection for a minute, checked
# before reuse, instead of opening one per request.
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
