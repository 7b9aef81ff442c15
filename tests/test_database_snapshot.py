"""The quicker serialized rollback (tests/database_snapshot.py) gives a transactional test exactly the migrated rows."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from search.models import Synonym

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def table_rows() -> dict[str, list[tuple]]:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            rows[table] = cursor.fetchall()
    return rows


def test_the_flush_empties_every_table_and_the_restore_brings_back_the_same_rows_with_the_same_ids():
    migrated = table_rows()
    assert migrated["auth_group"] and migrated["search_synonym"], "the data migrations' rows are there to restore"
    Group.objects.filter(pk=migrated["auth_group"][0][0]).update(name="renamed by a test")
    Synonym.objects.all().delete()

    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True)
    assert not any(table_rows().values())

    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    assert table_rows() == migrated


def test_restoring_over_rows_still_there_replaces_them_without_duplicates():
    # The first transactional test of a run finds the migrated rows in place: nothing has flushed them yet.
    migrated = table_rows()
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    assert table_rows() == migrated
