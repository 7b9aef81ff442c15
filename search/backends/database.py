"""Search answered by the database: SQLite FTS5 in the embedded default, PostgreSQL full-text otherwise.

Both read the same analysed columns of MerchantSearchEntry; filters are ordinary SQL over the register,
so a suspended merchant disappears the moment its status changes.
"""

import json
import math

from django.contrib.postgres.search import SearchQuery as PostgresQuery
from django.contrib.postgres.search import SearchRank
from django.db import connection, transaction
from django.db.models import Count, Exists, F, FloatField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ASin, Cast, Cos, Power, Radians, Sin, Sqrt
from django.utils import timezone
from psycopg.types.json import Jsonb

from market import clock_source
from market.commerce.models import BookableService
from market.discounts.models import MicroProfitService, Offer
from market.registry.models import ListingStatus, Location, Organization, Schedule, ScheduleException
from search.analysis import joined, segment_for_query
from search.highlight import highlight_words, highlights
from search.models import MerchantSearchCard, MerchantSearchCategory, MerchantSearchEntry
from search.query import (
    MAX_RESULT_WINDOW,
    Group,
    Hit,
    Point,
    SearchQuery,
    SearchResults,
    Sort,
    Suggestion,
    Term,
    next_page,
    plan_terms,
)
from search.records import MerchantRecord, merchant_records
from search.vocabulary import Vocabulary, cached_vocabulary, vocabulary_changed

FULLTEXT_TABLE = "search_merchant_fulltext"
# SQLite's view of the words in FULLTEXT_TABLE, with how many entries hold each (fts5vocab, migration 0007).
VOCABULARY_TABLE = "search_merchant_vocabulary"
EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE = 111.32
# Column weights, in the order the FTS5 table declares them: names, body, pinyin, initials.
SQLITE_WEIGHTS = "8.0, 1.0, 4.0, 4.0"


# -- keeping the entries ---------------------------------------------------------------------------------


def clear_entries() -> None:
    """Remove every entry, in one statement per table: Django's delete() first reads every row back, text
    and all, which took seconds at 100k merchants."""
    with connection.cursor() as cursor:
        for model in (MerchantSearchCategory, MerchantSearchCard, MerchantSearchEntry):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


def tidy_entries() -> None:
    """After a rebuild on PostgreSQL: clear out the replaced rows, merge the new ones into the full-text index
    and refresh the planner's statistics. Until autovacuum got to it, searches right after a rebuild were
    half as fast again. VACUUM cannot run inside a transaction, so a rebuild inside one skips it."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        models = (MerchantSearchEntry, MerchantSearchCard, MerchantSearchCategory)
        tables = ", ".join(model._meta.db_table for model in models)
        cursor.execute(f"VACUUM (ANALYZE) {tables}")


def refresh_entries(organization_ids=None, chunk_size: int = 500) -> int:
    """Rebuild the entries of the given merchants (all when None); unlisted ones lose theirs. Returns how
    many entries were written."""
    organizations = Organization.objects.all()
    if organization_ids is not None:
        organizations = organizations.filter(pk__in=list(organization_ids))
    written = 0
    with transaction.atomic():
        stale = MerchantSearchEntry.objects.all()
        if organization_ids is not None:
            stale = stale.filter(pk__in=list(organization_ids))
        stale.delete()
        batch = []
        for record in merchant_records(organizations, chunk_size=chunk_size):
            batch.append(record)
            if len(batch) == chunk_size:
                written += write_entries(batch)
                batch = []
        written += write_entries(batch)
    vocabulary_changed()
    return written


ENTRY_COLUMNS = (
    "organization_id",
    "name",
    "description",
    "category_codes",
    "district_codes",
    "names",
    "body",
    "pinyin",
    "initials",
    "content_hash",
    "updated_at",
)
CATEGORY_COLUMNS = ("entry_id", "code")
CARD_COLUMNS = ("entry_id", "card")


def _copy(model, columns: tuple[str, ...], rows) -> None:
    """PostgreSQL's COPY: the fastest way in, and the triggers still run for each row."""
    statement = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def write_entries(records: list[MerchantRecord]) -> int:
    """Insert the entries of these records (PostgreSQL computes their vectors: migration 0006)."""
    if not records:
        return 0
    # Real time, not the clock source: this stands in for the field's auto_now, which COPY bypasses, and drift
    # checks compare it with the merchant's own auto_now `updated_at`.
    now = timezone.now()
    entries = [
        (
            record.id,
            record.name,
            record.description,
            joined(record.category_codes),
            joined(record.district_codes),
            record.names_text,
            record.body_text,
            record.pinyin_text,
            record.initials_text,
            record.content_hash,
            now,
        )
        for record in records
    ]
    categories = [(record.id, code) for record in records for code in record.category_codes]
    if connection.vendor == "postgresql":
        # A rebuild writes every merchant: bulk_create spent more time building statements than the
        # database spent storing the rows.
        _copy(MerchantSearchEntry, ENTRY_COLUMNS, entries)
        _copy(MerchantSearchCard, CARD_COLUMNS, ((record.id, Jsonb(record.card)) for record in records))
        _copy(MerchantSearchCategory, CATEGORY_COLUMNS, categories)
    else:
        MerchantSearchEntry.objects.bulk_create(
            MerchantSearchEntry(**dict(zip(ENTRY_COLUMNS, row, strict=True))) for row in entries
        )
        MerchantSearchCard.objects.bulk_create(
            MerchantSearchCard(entry_id=record.id, card=record.card) for record in records
        )
        MerchantSearchCategory.objects.bulk_create(
            MerchantSearchCategory(**dict(zip(CATEGORY_COLUMNS, row, strict=True))) for row in categories
        )
    return len(records)


# -- filters ---------------------------------------------------------------------------------------------


def distance_km(point: Point):
    """Great-circle distance from a point to an outlet (haversine), in SQL both databases can run."""
    latitude = Radians(Cast("latitude", FloatField()))
    longitude = Radians(Cast("longitude", FloatField()))
    origin_latitude, origin_longitude = math.radians(point.latitude), math.radians(point.longitude)
    half_chord = Power(Sin((latitude - origin_latitude) / 2), 2) + math.cos(origin_latitude) * Cos(latitude) * Power(
        Sin((longitude - origin_longitude) / 2), 2
    )
    return 2 * EARTH_RADIUS_KM * ASin(Sqrt(half_chord))


def open_outlets(moment) -> Q:
    """Outlets open at a moment: their weekly hours, unless a dated exception replaces them that day."""
    local = timezone.localtime(moment)
    time = local.time().replace(second=0, microsecond=0)
    weekly = Schedule.objects.filter(
        location=OuterRef("pk"), byday=local.isoweekday(), opens_at__lte=time, closes_at__gt=time
    )
    exceptions = ScheduleException.objects.filter(location=OuterRef("pk"), date=local.date())
    special = exceptions.filter(closed=False, opens_at__lte=time, closes_at__gt=time)
    return Q(Exists(weekly) & ~Exists(exceptions)) | Q(Exists(special))


def matching_outlets(query: SearchQuery, outlets: QuerySet | None = None) -> QuerySet:
    """Outlets that satisfy every place and time filter together."""
    outlets = Location.objects.all() if outlets is None else outlets
    if query.district:
        outlets = outlets.filter(district__code=query.district)
    if query.subdistrict:
        outlets = outlets.filter(subdistrict_id=query.subdistrict)
    if query.open_at:
        outlets = outlets.filter(open_outlets(query.open_at))
    if query.near:
        outlets = outlets.annotate(distance_km=distance_km(query.near))
    if query.radius_km:
        # The box lets an index on latitude narrow the rows before the trigonometry runs.
        latitude_span = query.radius_km / KM_PER_DEGREE
        longitude_span = query.radius_km / (KM_PER_DEGREE * max(math.cos(math.radians(query.near.latitude)), 0.01))
        outlets = outlets.filter(
            latitude__range=(query.near.latitude - latitude_span, query.near.latitude + latitude_span),
            longitude__range=(query.near.longitude - longitude_span, query.near.longitude + longitude_span),
            distance_km__lte=query.radius_km,
        )
    return outlets


def micro_profit_merchants(day) -> QuerySet:
    """Merchants with an active micro-profit service whose type is in force on a day."""
    return (
        MicroProfitService.objects.filter(active=True, service_type__valid_from__lte=day)
        .filter(Q(service_type__valid_to__isnull=True) | Q(service_type__valid_to__gte=day))
        .values("organization_id")
    )


def bookable_merchants() -> QuerySet:
    """Merchants with a service residents can book on Linli (the register's status is checked by every search)."""
    return BookableService.objects.filter(active=True).values("organization_id")


def filtered_entries(query: SearchQuery) -> QuerySet:
    # An anti-join on the few merchants that are not listed: joining every hit to its merchant's status
    # read the whole merchant table on every search.
    not_listed = Organization.objects.filter(pk=OuterRef("pk")).exclude(listing_status=ListingStatus.ACTIVE)
    entries = MerchantSearchEntry.objects.filter(~Exists(not_listed))
    if query.category:
        entries = entries.filter(
            Exists(MerchantSearchCategory.objects.filter(entry_id=OuterRef("pk"), code=query.category))
        )
    if query.founded_by_laid_off_workers is not None:
        entries = entries.filter(organization__founded_by_laid_off_workers=query.founded_by_laid_off_workers)
    if query.offer_group:
        live = Offer.objects.live(clock_source.today()).filter(groups__code=query.offer_group)
        entries = entries.filter(organization_id__in=live.values("organization_id"))
    if query.micro_profit_only:
        entries = entries.filter(organization_id__in=micro_profit_merchants(clock_source.today()))
    if query.bookable_online:
        entries = entries.filter(organization_id__in=bookable_merchants())
    if query.has_outlet_filter:
        # Uncorrelated on purpose: the set of merchants with a matching outlet is computed once, where a
        # correlated EXISTS let SQLite scan a whole district's outlets for every merchant.
        entries = entries.filter(organization_id__in=matching_outlets(query).values("organization_id"))
    if query.sort == Sort.DISTANCE:
        own_outlets = matching_outlets(query, Location.objects.filter(organization_id=OuterRef("organization_id")))
        nearest = own_outlets.order_by("distance_km").values("distance_km")[:1]
        entries = entries.annotate(distance_km=Subquery(nearest, output_field=FloatField()))
    return entries


def facet_counts(matched: QuerySet) -> dict[str, dict[str, int]]:
    """Hits per category (a parent counts its sub-categories' merchants once) and per district, by joins.
    SQLite counts this way; PostgreSQL counts the codes copied onto the entries (see _facet_sql)."""
    hit_ids = matched.values("pk")
    categories = MerchantSearchCategory.objects.filter(entry_id__in=hit_ids).values("code").annotate(count=Count("pk"))
    districts = (
        Location.objects.filter(organization_id__in=hit_ids)
        .values("district__code")
        .annotate(count=Count("organization_id", distinct=True))
    )
    return {
        "category": {row["code"]: row["count"] for row in categories},
        "district": {row["district__code"]: row["count"] for row in districts},
    }


# -- full text, per database -----------------------------------------------------------------------------


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts_term(term: Term) -> str:
    if term.latin:
        # A whole pinyin or initials word also matches exactly, which ranks it above the longer words it starts
        # (`cs` is 超市 before 菜市场).
        quoted = _fts_string(term.text)
        return f"({{names body}} : {quoted} OR {{pinyin initials}} : {quoted} OR {{pinyin initials}} : {quoted}*)"
    return f"{{names body}} : {_fts_string(term.text)}"


def sqlite_match(groups: list[Group]) -> str:
    return " AND ".join(
        "("
        + " OR ".join("(" + " AND ".join(_fts_term(term) for term in alternative) + ")" for alternative in group)
        + ")"
        for group in groups
    )


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsquery_term(term: Term) -> str:
    # Weights: A names, B pinyin and initials, C body. Latin words match pinyin and initials by prefix.
    if term.latin:
        return f"({_lexeme(term.text)}:AC | {_lexeme(term.text)}:B | {_lexeme(term.text)}:*B)"
    return f"{_lexeme(term.text)}:AC"


def postgres_match(groups: list[Group]) -> str:
    return " & ".join(
        "("
        + " | ".join("(" + " & ".join(_tsquery_term(term) for term in alternative) + ")" for alternative in group)
        + ")"
        for group in groups
    )


def _facet_sql(codes_column: str) -> str:
    """Hits per code of a space-separated codes column of the materialised hits, as a JSON object."""
    # Splitting one joined string is about twice as fast as unnesting each hit's codes.
    return (
        "SELECT json_object_agg(code, hits) FROM (SELECT code, count(*) AS hits FROM unnest(string_to_array("
        f"(SELECT string_agg(hit.{codes_column}, ' ') FROM hit), ' ')) AS code WHERE code <> '' GROUP BY code) AS facet"
    )


def _card_of(entry: MerchantSearchEntry) -> dict:
    try:
        return entry.card.card
    except MerchantSearchCard.DoesNotExist:
        return {}


def fulltext_matches(expression: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {FULLTEXT_TABLE} WHERE {FULLTEXT_TABLE} MATCH %s", [expression])


def database_words() -> dict[str, int]:
    """Every word of the full-text index with the number of entries holding it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            table = MerchantSearchEntry._meta.db_table
            cursor.execute(f"SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM {table}')")
        else:
            cursor.execute(f"SELECT term, doc FROM {VOCABULARY_TABLE}")
        return dict(cursor.fetchall())


class DatabaseBackend:
    name = "database"

    def vocabulary(self) -> Vocabulary:
        return cached_vocabulary(f"database:{connection.alias}:{connection.settings_dict['NAME']}", database_words)

    def search(self, query: SearchQuery, groups: list[Group], preferred: list[Group] = ()) -> SearchResults:
        filtered = filtered_entries(query)
        if connection.vendor == "postgresql":
            total, facets, rows = self._postgres(filtered, groups, query, preferred)
        else:
            if groups:
                matched, rows = self._sqlite(filtered, groups, query, preferred)
            else:
                matched, rows = filtered, self._unranked(filtered, query)
            total, facets = matched.count(), facet_counts(matched)
        if query.offset >= MAX_RESULT_WINDOW:
            rows = []
        # The page's cards come with its entries, in one query whatever the page size: no merchant row is read.
        entries = (
            MerchantSearchEntry.objects.select_related("card")
            .only("name", "description", "card__card")
            .in_bulk([row[0] for row in rows])
        )
        words = highlight_words(plan_terms(groups))
        hits = [
            Hit(
                id=entry_id,
                name=entries[entry_id].name,
                score=float(score or 0.0),
                highlights=highlights(entries[entry_id].name, entries[entry_id].description, words),
                distance_km=distance,
                description=entries[entry_id].description,
                card=_card_of(entries[entry_id]),
            )
            for entry_id, score, distance in rows
            if entry_id in entries
        ]
        return SearchResults(
            hits=hits, total=total, facets=facets, next_page=next_page(query, total), backend=self.name
        )

    @staticmethod
    def _page(queryset: QuerySet, query: SearchQuery) -> list[tuple]:
        return list(queryset[query.offset : query.offset + query.page_size])

    def _unranked(self, filtered: QuerySet, query: SearchQuery) -> list[tuple]:
        """Without words, merchants come in name order, or nearest first."""
        if query.sort == Sort.DISTANCE:
            ordered = filtered.order_by(F("distance_km").asc(nulls_last=True), "name", "pk")
            return [(pk, 0.0, distance) for pk, distance in self._page(ordered.values_list("pk", "distance_km"), query)]
        return [
            (pk, 0.0, None) for pk in self._page(filtered.order_by("name", "pk").values_list("pk", flat=True), query)
        ]

    def _postgres(self, filtered: QuerySet, groups: list[Group], query: SearchQuery, preferred: list[Group] = ()):
        """Total, facets and page in one statement: the hits are matched and ranked once, then counted,
        faceted from their denormalised codes and paged, where separate queries each matched them again."""
        if groups:
            tsquery = PostgresQuery(postgres_match(groups), search_type="raw", config="simple")
            score = SearchRank(F("search_vector"), tsquery)
            for group in preferred:
                wanted = PostgresQuery(postgres_match([group]), search_type="raw", config="simple")
                score += SearchRank(F("search_vector"), wanted)
            hits = filtered.filter(search_vector=tsquery).annotate(score=score)
            order = ["hit_score DESC"]
        else:
            hits = filtered.annotate(score=Value(0.0, output_field=FloatField()))
            order = ["hit_name"]
        distance_sorted = query.sort == Sort.DISTANCE
        if distance_sorted:
            order.insert(0, "hit_distance NULLS LAST")
        inner, params = hits.values(
            hit_id=F("pk"),
            hit_score=F("score"),
            hit_distance=F("distance_km") if distance_sorted else Value(None, output_field=FloatField()),
            hit_name=F("name"),
            hit_categories=F("category_codes"),
            hit_districts=F("district_codes"),
        ).query.sql_with_params()
        order_sql = ", ".join([*order, "hit_id"])
        sql = (
            f"WITH hit AS MATERIALIZED ({inner}) SELECT "
            "(SELECT count(*) FROM hit), "
            f"({_facet_sql('hit_categories')})::text, "
            f"({_facet_sql('hit_districts')})::text, "
            "(SELECT json_agg(json_build_array(hit_id, hit_score, hit_distance) "
            f"ORDER BY {order_sql}) FROM (SELECT * FROM hit ORDER BY {order_sql} LIMIT %s OFFSET %s) AS page)::text"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            # The per-hit work is index probes and text ranking, which JIT cannot speed up; at 100k merchants
            # the cost estimates of open-now searches cross its threshold and compiling took ~35 ms a search.
            cursor.execute("SET LOCAL jit = off")
            if groups:
                # Words always have the GIN index. The planner costs a sequential scan without reading each row's
                # vector out of TOAST, and with a synonym-rich query (a dozen ORed words) it overestimated the
                # hits three times and chose one: 360 ms where the index took 100, at 100k merchants.
                cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, [*params, query.page_size, query.offset])
            total, categories, districts, page = cursor.fetchone()
        facets = {"category": json.loads(categories or "{}"), "district": json.loads(districts or "{}")}
        return total, facets, [tuple(row) for row in json.loads(page or "[]")]

    def _sqlite(self, filtered: QuerySet, groups: list[Group], query: SearchQuery, preferred: list[Group] = ()):
        expression = sqlite_match(groups)
        matched = filtered.filter(pk__in=fulltext_matches(expression))
        # bm25() adds up the score of every phrase of the expression a hit has, whatever the operators: the words
        # ANDed with themselves ORed with the preferred groups find the same hits, and rank higher those that have them.
        ranked = expression
        if preferred:
            either = " OR ".join([expression, *(sqlite_match([group]) for group in preferred)])
            ranked = f"({expression}) AND ({either})"
        distance_sorted = query.sort == Sort.DISTANCE
        columns = {"hit_id": F("pk")}
        if distance_sorted:
            columns["hit_distance"] = F("distance_km")
        inner, params = filtered.values(**columns).query.sql_with_params()
        order = "hit.hit_distance IS NULL, hit.hit_distance, score DESC" if distance_sorted else "score DESC"
        distance = "hit.hit_distance" if distance_sorted else "NULL"
        # bm25() needs the FTS table queried directly, so the page is one hand-written join over the filters.
        sql = (
            f"SELECT hit.hit_id, -bm25({FULLTEXT_TABLE}, {SQLITE_WEIGHTS}) AS score, {distance} "
            f"FROM {FULLTEXT_TABLE} JOIN ({inner}) AS hit ON hit.hit_id = {FULLTEXT_TABLE}.rowid "
            f"WHERE {FULLTEXT_TABLE} MATCH %s ORDER BY {order}, hit.hit_id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, ranked, query.page_size, query.offset])
            return matched, [tuple(row) for row in cursor.fetchall()]

    def suggest_merchants(self, prefix: str, limit: int) -> list[Suggestion]:
        words = segment_for_query(prefix)
        if not words:
            return []
        *whole, last = words
        listed = MerchantSearchEntry.objects.filter(organization__listing_status=ListingStatus.ACTIVE)
        if connection.vendor == "postgresql":
            parts = [f"{_lexeme(word)}:AB" for word in whole] + [f"{_lexeme(last)}:*AB"]
            tsquery = PostgresQuery(" & ".join(parts), search_type="raw", config="simple")
            ordered = (
                listed.filter(search_vector=tsquery)
                .annotate(score=SearchRank(F("search_vector"), tsquery))
                .order_by("-score", "name")
            )
        else:
            columns = "{names pinyin initials}"
            parts = [f"{columns} : {_fts_string(word)}" for word in whole] + [f"{columns} : {_fts_string(last)}*"]
            ordered = listed.filter(pk__in=fulltext_matches(" AND ".join(parts))).order_by("name")
        return [
            Suggestion(text=name, kind="merchant", value=str(pk))
            for pk, name in ordered.values_list("pk", "name")[:limit]
        ]
