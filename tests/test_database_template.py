"""The schema the PostgreSQL test databases are copied from is the one today's migrations make."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import database_template


def test_the_committed_schema_was_made_by_todays_migrations():
    assert database_template.committed_digest() == database_template.migrations_digest(), (
        "A migration changed since tests/schema/postgresql.sql was made: run `make test-schema` with PostgreSQL up"
    )


@pytest.mark.requires_service("postgresql")
@pytest.mark.django_db
def test_a_test_database_copied_from_the_template_has_every_migration_applied():
    assert connection.settings_dict["TEST"]["TEMPLATE"] == database_template.template_name(
        database_template.migrations_digest()
    )
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
