"""Category and district codes on each entry, so PostgreSQL counts facets from the hits alone.

SQLite adds these columns by rebuilding the entry table, which drops the triggers that keep the full-text
table in step (0003_full_text); they are created again after the rebuild, in both directions.
"""

from importlib import import_module

from django.db import migrations, models

full_text = import_module("search.migrations.0003_full_text")
SQLITE_TRIGGERS = [statement for statement in full_text.SQLITE_CREATE if statement.startswith("CREATE TRIGGER")]
SQLITE_DROP_TRIGGERS = [statement for statement in full_text.SQLITE_DROP if statement.startswith("DROP TRIGGER")]


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP_TRIGGERS + SQLITE_TRIGGERS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_full_text")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, recreate_triggers),
        migrations.AddField(
            model_name="merchantsearchentry",
            name="category_codes",
            field=models.TextField(blank=True, verbose_name="category codes"),
        ),
        migrations.AddField(
            model_name="merchantsearchentry",
            name="district_codes",
            field=models.TextField(blank=True, verbose_name="district codes"),
        ),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]
