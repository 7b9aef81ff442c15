"""Search's migrations 0001-0010 squashed: one CreateModel per model, then, in the replaced migrations' order, the
synonyms they seeded and the full-text index (SQLite's FTS5 table, its triggers and vocabulary; PostgreSQL's GIN index
and vector trigger). The tables are all in their final shape first, so no table rebuild drops SQLite's triggers
(0004's and 0009's re-creation of them is not needed).

The data operation runs the replaced migrations' functions (imported from their files, kept until every deployment
has migrated past them; when the replaced files are deleted, the functions move here).
"""

from importlib import import_module

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def old(name):
    return import_module(f"search.migrations.{name}")


def full_text_statements():
    full_text = old("0003_full_text")
    vector_trigger = old("0006_postgresql_vector_trigger")
    vocabulary = old("0007_vocabulary")
    create = {
        "sqlite": full_text.SQLITE_CREATE + vocabulary.CREATE,
        "postgresql": full_text.POSTGRESQL_CREATE + vector_trigger.CREATE,
    }
    drop = {
        "sqlite": vocabulary.DROP + full_text.SQLITE_DROP,
        "postgresql": vector_trigger.DROP + full_text.POSTGRESQL_DROP,
    }
    return full_text.run(create), full_text.run(drop)


def seed(apps, schema_editor):
    old("0002_seed_synonyms").seed(apps, schema_editor)
    old("0005_seed_more_synonyms").seed(apps, schema_editor)
    old("0008_seed_resident_synonyms").seed(apps, schema_editor)
    create, _ = full_text_statements()
    create(apps, schema_editor)


def unseed(apps, schema_editor):
    _, drop = full_text_statements()
    drop(apps, schema_editor)
    old("0008_seed_resident_synonyms").unseed(apps, schema_editor)
    old("0005_seed_more_synonyms").unseed(apps, schema_editor)
    old("0002_seed_synonyms").unseed(apps, schema_editor)


class Migration(migrations.Migration):
    replaces = [
        ("search", "0001_initial"),
        ("search", "0002_seed_synonyms"),
        ("search", "0003_full_text"),
        ("search", "0004_entry_facet_codes"),
        ("search", "0005_seed_more_synonyms"),
        ("search", "0006_postgresql_vector_trigger"),
        ("search", "0007_vocabulary"),
        ("search", "0008_seed_resident_synonyms"),
        ("search", "0009_content_hash_and_pending_removals"),
        ("search", "0010_result_card"),
    ]

    initial = True

    dependencies = [
        ("registry", "0001_squashed_0006_description_limit"),
    ]

    operations = [
        migrations.CreateModel(
            name="MerchantSearchEntry",
            fields=[
                (
                    "organization",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("names", models.TextField(verbose_name="segmented names")),
                ("body", models.TextField(blank=True, verbose_name="segmented text")),
                ("pinyin", models.TextField(blank=True, verbose_name="pinyin")),
                ("initials", models.TextField(blank=True, verbose_name="pinyin initials")),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("category_codes", models.TextField(blank=True, verbose_name="category codes")),
                ("district_codes", models.TextField(blank=True, verbose_name="district codes")),
                ("content_hash", models.CharField(blank=True, default="", max_length=32, verbose_name="content hash")),
            ],
            options={
                "verbose_name": "merchant search entry",
                "verbose_name_plural": "merchant search entries",
            },
        ),
        migrations.CreateModel(
            name="Synonym",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "terms",
                    models.CharField(
                        help_text="Two or more words that mean the same, separated by commas, e.g. 保洁, 家政, 清洁.",
                        max_length=500,
                        verbose_name="equivalent terms",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
            ],
            options={
                "verbose_name": "synonym set",
                "verbose_name_plural": "synonym sets",
                "ordering": ["terms"],
            },
        ),
        migrations.CreateModel(
            name="MerchantSearchCategory",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(verbose_name="category code")),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="categories",
                        to="search.merchantsearchentry",
                        verbose_name="entry",
                    ),
                ),
            ],
            options={
                "verbose_name": "searchable category",
                "verbose_name_plural": "searchable categories",
                "constraints": [models.UniqueConstraint(fields=("code", "entry"), name="unique_search_category")],
            },
        ),
        migrations.CreateModel(
            name="PendingRemoval",
            fields=[
                (
                    "organization_id",
                    models.BigIntegerField(primary_key=True, serialize=False, verbose_name="merchant id"),
                ),
                ("noted_at", models.DateTimeField(auto_now_add=True, verbose_name="noted at")),
            ],
            options={
                "verbose_name": "pending removal from Elasticsearch",
                "verbose_name_plural": "pending removals from Elasticsearch",
            },
        ),
        migrations.CreateModel(
            name="MerchantSearchCard",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="card",
                        serialize=False,
                        to="search.merchantsearchentry",
                        verbose_name="entry",
                    ),
                ),
                ("card", models.JSONField(blank=True, default=dict, verbose_name="result card")),
            ],
            options={
                "verbose_name": "result card",
                "verbose_name_plural": "result cards",
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
