"""PostgreSQL computes each entry's search vector itself, as the row is written (the SQLite full-text table is
kept the same way, by the triggers of 0003). Writing the vector from Django cost a second UPDATE of every row,
or a compiled expression per row."""

from importlib import import_module

from django.db import migrations

full_text = import_module("search.migrations.0003_full_text")

CREATE = [
    # The same weights Django's SearchVector gave: names A, pinyin and initials B, the rest C.
    """CREATE FUNCTION search_merchant_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('simple', coalesce(NEW.names, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(NEW.pinyin, '') || ' ' || coalesce(NEW.initials, '')), 'B')
            || setweight(to_tsvector('simple', coalesce(NEW.body, '')), 'C');
        RETURN NEW;
    END
    $$""",
    """CREATE TRIGGER search_merchant_vector BEFORE INSERT OR UPDATE OF names, pinyin, initials, body
    ON search_merchantsearchentry FOR EACH ROW EXECUTE FUNCTION search_merchant_vector()""",
]
DROP = [
    "DROP TRIGGER IF EXISTS search_merchant_vector ON search_merchantsearchentry",
    "DROP FUNCTION IF EXISTS search_merchant_vector()",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0005_seed_more_synonyms")]

    operations = [migrations.RunPython(full_text.run({"postgresql": CREATE}), full_text.run({"postgresql": DROP}))]
