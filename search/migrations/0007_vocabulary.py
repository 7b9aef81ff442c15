"""SQLite's list of the words in the full-text index with how many entries hold each (fts5vocab): the
vocabulary typos are corrected against. PostgreSQL reads the same from the vectors with ts_stat."""

from importlib import import_module

from django.db import migrations

full_text = import_module("search.migrations.0003_full_text")

CREATE = ["CREATE VIRTUAL TABLE search_merchant_vocabulary USING fts5vocab(search_merchant_fulltext, row)"]
DROP = ["DROP TABLE IF EXISTS search_merchant_vocabulary"]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_postgresql_vector_trigger")]

    operations = [migrations.RunPython(full_text.run({"sqlite": CREATE}), full_text.run({"sqlite": DROP}))]
