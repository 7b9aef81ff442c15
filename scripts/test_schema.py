#!/usr/bin/env python
"""Write tests/schema/postgresql.sql: what the migrations make, which the test databases load
(tests/database_template.py).

Run it (`make test-schema`) after adding or changing a migration, with PostgreSQL up (`scripts/services up`,
`eval "$(scripts/services env)"`): it migrates a scratch database from zero with the test settings, dumps it with
pg_dump, and puts the migrations' digest on the first line.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "market.settings.test"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from tests.database_template import DIGEST_LINE, DUMP, migrations_digest, server_connection  # noqa: E402


def server_environment(database: dict) -> dict:
    names = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    return {variable: str(database[key]) for key, variable in names.items() if database.get(key)}


def main() -> None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        sys.exit('test-schema: DATABASE_URL must name a PostgreSQL server (eval "$(scripts/services env)")')
    scratch = f"linli_schema_build_{os.getpid()}"
    with server_connection(database) as server:
        server.execute(f'CREATE DATABASE "{scratch}"')
    try:
        database["NAME"] = scratch
        connections["default"].settings_dict["NAME"] = scratch
        print(f"test-schema: migrating {scratch} from zero", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        connections.close_all()
        dump = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges", "--inserts", f"--dbname={scratch}"],
            env={**os.environ, **server_environment(database)},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        with server_connection(database) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    # pg_dump 15.14 and later add \restrict lines: psql commands with a random key, which a database driver cannot
    # run. The rows' timestamps (when each migration ran) still differ from one dump to the next.
    lines = [line for line in dump.splitlines() if not line.startswith(("\\restrict", "\\unrestrict"))]
    DUMP.parent.mkdir(exist_ok=True)
    DUMP.write_text(f"{DIGEST_LINE}{migrations_digest()}\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"test-schema: wrote {DUMP.relative_to(ROOT)} ({DUMP.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
