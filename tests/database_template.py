"""The migrated schema, loaded instead of migrated: each PostgreSQL test database is a copy of a template.

Running the 227 migrations from zero costs a minute per xdist worker, almost all of it in Django rendering the
historical models (Wagtail's and ours), not in the database. `tests/schema/postgresql.sql` is what those migrations
make, dumped once by `make test-schema` (`scripts/test_schema.py`) with the digest of every migration file on its first
line. When the digest still matches, the run loads the dump into a template database once per PostgreSQL server
(`linli_schema_<digest>`), and Django creates each worker's test database from it (`TEST["TEMPLATE"]`): the
migrate that follows finds everything applied and only checks. When a migration has changed since the dump, the
run migrates as before and says so, and `tests/test_database_template.py` fails until the dump is made again.
SQLite migrates as before.
"""

import hashlib
import sys
from pathlib import Path

import psycopg
from django.db.migrations.loader import MigrationLoader

DUMP = Path(__file__).parent / "schema" / "postgresql.sql"
DIGEST_LINE = "-- Linli test schema; migrations digest: "
# Any fixed number: the workers of one run, and runs of other checkouts on the same server, take turns making the
# template.
TEMPLATE_LOCK = 7_390_201


def migrations_digest() -> str:
    """The SHA-256 of every migration file on disk, Linli's and the installed packages', in a fixed order."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
    for app_label, name in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[app_label, name].__module__]
        digest.update(f"{app_label}.{name}\n".encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def committed_digest() -> str | None:
    if not DUMP.exists():
        return None
    with DUMP.open(encoding="utf-8") as dump:
        first_line = dump.readline().rstrip("\n")
    return first_line.removeprefix(DIGEST_LINE) if first_line.startswith(DIGEST_LINE) else None


def server_connection(settings_dict: dict, database: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(
        dbname=database,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        autocommit=True,
    )


def template_name(digest: str) -> str:
    return f"linli_schema_{digest[:16]}"


def use_template(settings_dict: dict) -> str | None:
    """Point the test database at the template, making it first if this server lacks it.

    Returns why it could not (a stale or missing dump), or None."""
    digest = migrations_digest()
    if committed_digest() != digest:
        return "tests/schema/postgresql.sql is not what today's migrations make (run `make test-schema`): migrating"
    template = template_name(digest)
    with server_connection(settings_dict) as server:
        server.execute("SELECT pg_advisory_lock(%s)", [TEMPLATE_LOCK])
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        if not exists:
            # Made under another name and renamed when whole: a run stopped halfway leaves no template that lacks
            # tables.
            loading = f"{template}_loading"
            server.execute(f'DROP DATABASE IF EXISTS "{loading}"')
            server.execute(f'CREATE DATABASE "{loading}"')
            with server_connection(settings_dict, loading) as target:
                target.execute(DUMP.read_text(encoding="utf-8"))
            server.execute(f'ALTER DATABASE "{loading}" RENAME TO "{template}"')
        server.execute("SELECT pg_advisory_unlock(%s)", [TEMPLATE_LOCK])
    settings_dict.setdefault("TEST", {})["TEMPLATE"] = template
    return None
