"""The demo and local development: runs with no services, SQLite and database-backed search."""

from market.settings.base import *  # noqa: F403
from market.settings.environment import env_str

DEBUG = True
# A fixed key that says what it is; production settings refuse to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "linli-demo-only-not-secret")
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# Keep the demo's console readable: one line per page published or task run is noise here.
LOGGING["loggers"] |= {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}}  # noqa: F405
