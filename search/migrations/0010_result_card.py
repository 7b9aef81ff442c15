"""What a result card shows, in a table beside the entries, so that a results page loads no merchant row.

Its own table, not a column of the entry: a wider entry row made PostgreSQL move the text vectors out of line
(TOAST), and every search then read them from there. Entries written before have no card until
`rebuild_search_index` (the README says to run it after this deploy).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0009_content_hash_and_pending_removals")]

    operations = [
        migrations.CreateModel(
            name="MerchantSearchCard",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=models.deletion.CASCADE,
                        primary_key=True,
                        related_name="card",
                        serialize=False,
                        to="search.merchantsearchentry",
                        verbose_name="entry",
                    ),
                ),
                ("card", models.JSONField(blank=True, default=dict, verbose_name="result card")),
            ],
            options={"verbose_name": "result card", "verbose_name_plural": "result cards"},
        ),
    ]
