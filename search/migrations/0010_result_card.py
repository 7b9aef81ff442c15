"""What a result card shows, stored with each entry, so that a results page loads no merchant row.

SQLite adds the column by rebuilding the entry table, which drops the full-text triggers; they are created again
after the rebuild, in both directions (as in 0004). Entries written before have an empty card until
`rebuild_search_index` (the README says to run it after this deploy).
"""

from importlib import import_module

from django.db import migrations, models

facet_codes = import_module("search.migrations.0004_entry_facet_codes")


class Migration(migrations.Migration):
    dependencies = [("search", "0009_content_hash_and_pending_removals")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, facet_codes.recreate_triggers),
        migrations.AddField(
            model_name="merchantsearchentry",
            name="card",
            field=models.JSONField(blank=True, default=dict, verbose_name="result card"),
        ),
        migrations.RunPython(facet_codes.recreate_triggers, migrations.RunPython.noop),
    ]
