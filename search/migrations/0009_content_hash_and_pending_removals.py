"""The content hash of each entry's record, which the drift check compares, and the merchants whose Elasticsearch
documents are still to be deleted.

SQLite adds the column by rebuilding the entry table, which drops the triggers that keep the full-text table in
step (0003_full_text); they are created again after the rebuild, in both directions (as in 0004).
"""

from importlib import import_module

from django.db import migrations, models

facet_codes = import_module("search.migrations.0004_entry_facet_codes")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_seed_resident_synonyms")]

    operations = [
        migrations.CreateModel(
            name="PendingRemoval",
            fields=[
                ("organization_id", models.BigIntegerField(primary_key=True, serialize=False, verbose_name="merchant id")),
                ("noted_at", models.DateTimeField(auto_now_add=True, verbose_name="noted at")),
            ],
            options={
                "verbose_name": "pending removal from Elasticsearch",
                "verbose_name_plural": "pending removals from Elasticsearch",
            },
        ),
        migrations.RunPython(migrations.RunPython.noop, facet_codes.recreate_triggers),
        migrations.AddField(
            model_name="merchantsearchentry",
            name="content_hash",
            field=models.CharField(blank=True, default="", max_length=32, verbose_name="content hash"),
        ),
        migrations.RunPython(facet_codes.recreate_triggers, migrations.RunPython.noop),
    ]
