"""Reports and exports read from a PostgreSQL streaming replica when one is configured (DATABASE_REPLICA_URL),
so that a long aggregate over a year of redemptions never competes with the counter's writes on the primary.

Only what runs inside `reading_replica()` goes there: the admin report views (market/admin_reports.py) wrap their
queries in it. Every other read, and every write, stays on the primary (`default`), which sees its own writes at
once; a report may lag the primary by the replica's replay delay (well under a second on a healthy pair). Without
DATABASE_REPLICA_URL the router is not installed and the block changes nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"

_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


@contextmanager
def reading_replica():
    """Reads of the block go to the replica (when configured): for reports and exports only."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


class ReplicaRouter:
    """Installed only when DATABASE_REPLICA_URL is set (market/settings/base.py)."""

    def db_for_read(self, model, **hints):
        if _reading_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The same rows on both: an object read from the replica may be related to one from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is a copy of the primary's files: nothing is ever migrated on it directly.
        return db != REPLICA
