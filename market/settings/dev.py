"""The demo and local development: runs with no services, SQLite and database-backed search."""

from market.settings.base import *  # noqa: F403
from market.settings.environment import env_str

DEBUG = True
# A fixed key that says what it is; production settings refuse to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "linli-demo-only-not-secret")
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# The demo-content loader (`manage.py load_demo`) exists only here and in the tests, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# The policy reports violations (the browser's console, /csp-report) without blocking while developing.
CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY  # noqa: F405
CONTENT_SECURITY_POLICY = None

# Keep the demo's console readable: one line per page published or task run is noise here.
LOGGING["loggers"] |= {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}}  # noqa: F405
