"""The database's own full-text index over MerchantSearchEntry: FTS5 on SQLite, GIN on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = [
    # External content: the text lives once, in the entry table; triggers keep the index in step.
    """CREATE VIRTUAL TABLE search_merchant_fulltext USING fts5(
        names, body, pinyin, initials,
        content='search_merchantsearchentry', content_rowid='organization_id',
        tokenize='unicode61', prefix='1 2 3'
    )""",
    """CREATE TRIGGER search_merchant_fulltext_insert AFTER INSERT ON search_merchantsearchentry BEGIN
        INSERT INTO search_merchant_fulltext (rowid, names, body, pinyin, initials)
        VALUES (new.organization_id, new.names, new.body, new.pinyin, new.initials);
    END""",
    """CREATE TRIGGER search_merchant_fulltext_delete AFTER DELETE ON search_merchantsearchentry BEGIN
        INSERT INTO search_merchant_fulltext (search_merchant_fulltext, rowid, names, body, pinyin, initials)
        VALUES ('delete', old.organization_id, old.names, old.body, old.pinyin, old.initials);
    END""",
    """CREATE TRIGGER search_merchant_fulltext_update AFTER UPDATE ON search_merchantsearchentry BEGIN
        INSERT INTO search_merchant_fulltext (search_merchant_fulltext, rowid, names, body, pinyin, initials)
        VALUES ('delete', old.organization_id, old.names, old.body, old.pinyin, old.initials);
        INSERT INTO search_merchant_fulltext (rowid, names, body, pinyin, initials)
        VALUES (new.organization_id, new.names, new.body, new.pinyin, new.initials);
    END""",
    "INSERT INTO search_merchant_fulltext (search_merchant_fulltext) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_merchant_fulltext_insert",
    "DROP TRIGGER IF EXISTS search_merchant_fulltext_delete",
    "DROP TRIGGER IF EXISTS search_merchant_fulltext_update",
    "DROP TABLE IF EXISTS search_merchant_fulltext",
]
POSTGRESQL_CREATE = [
    "CREATE INDEX search_merchant_vector ON search_merchantsearchentry USING gin (search_vector)",
]
POSTGRESQL_DROP = ["DROP INDEX IF EXISTS search_merchant_vector"]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0002_seed_synonyms")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        )
    ]
