"""The Elasticsearch document of a listed merchant, built from the shared analysed record.

Text fields hold words already segmented in Python (search.analysis), so the index needs only the core
analysis every distribution has (search.index_settings).
"""

from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    DateRange,
    Document,
    GeoPoint,
    InnerDoc,
    Integer,
    IntegerRange,
    Keyword,
    MetaField,
    Nested,
    Object,
    Text,
)

from search.index_settings import SEGMENTED_ANALYZER, SUGGEST_ANALYZER
from search.records import MerchantRecord, OutletRecord

# `prefix` queries on pinyin and initials (`jiaz`, `jz`) read these instead of scanning the terms.
PREFIXES = {"min_chars": 1, "max_chars": 10}


class Outlet(InnerDoc):
    """An outlet, nested so that place and time filters hold for the same outlet."""

    id = Integer()
    name = Keyword(index=False)
    location = GeoPoint()
    district_code = Keyword()
    subdistrict_id = Integer()
    # Opening hours as minute-of-week ranges: "open now" is a term query for the current minute.
    weekly_minutes = IntegerRange()
    # Days whose weekly hours are replaced by an exception, and the hours that replace them.
    exception_dates = Date(format="yyyy-MM-dd")
    special_hours = DateRange()


class OfferPeriod(InnerDoc):
    """An offer's groups and dates, nested so that the group and the day hold for the same offer."""

    group_codes = Keyword()
    valid = DateRange(format="yyyy-MM-dd")


class MerchantDocument(Document):
    name = Keyword(index=False)
    description = Text(index=False)
    names = Text(analyzer=SEGMENTED_ANALYZER)
    body = Text(analyzer=SEGMENTED_ANALYZER)
    pinyin = Text(analyzer=SEGMENTED_ANALYZER, index_prefixes=PREFIXES)
    initials = Text(analyzer=SEGMENTED_ANALYZER, index_prefixes=PREFIXES)
    suggest = Completion(analyzer=SUGGEST_ANALYZER)
    # Every word of names, body, pinyin and initials once: the vocabulary typos are corrected against.
    words = Keyword(index=False)
    category_codes = Keyword()  # each category with all its ancestors
    district_codes = Keyword()
    founded_by_laid_off_workers = Boolean()
    is_chain = Boolean()
    outlets = Nested(Outlet)
    offers = Nested(OfferPeriod)
    micro_profit = DateRange(format="yyyy-MM-dd")  # the days a micro-profit service of the merchant is in force
    bookable_online = Boolean()  # a service residents can book on Linli
    updated_at = Date()
    content_hash = Keyword(index=False)  # MerchantRecord.content_hash: what the drift check compares
    card = Object(enabled=False)  # MerchantRecord.card: what a result card shows, stored, never searched

    class Meta:
        dynamic = MetaField("strict")


# Sources are plain dicts built straight from the record: the mapping above says what they may hold (it is
# strict, so a field it lacks is refused), and building Document objects only to serialise them again cost a
# third of a rebuild's time in Python.


def _outlet(outlet: OutletRecord) -> dict:
    return {
        "id": outlet.id,
        "name": outlet.name,
        "location": {"lat": outlet.latitude, "lon": outlet.longitude},
        "district_code": outlet.district_code,
        "subdistrict_id": outlet.subdistrict_id,
        "weekly_minutes": [{"gte": opens, "lt": closes} for opens, closes in outlet.weekly_minutes],
        "exception_dates": [day.isoformat() for day in outlet.exception_dates],
        "special_hours": [
            {"gte": opens.isoformat(), "lt": closes.isoformat()} for opens, closes in outlet.special_hours
        ],
    }


def _days(start, end) -> dict:
    """A range of whole days, both ends included; no end is open."""
    days = {"gte": start.isoformat()}
    if end is not None:
        days["lte"] = end.isoformat()
    return days


def merchant_source(record: MerchantRecord) -> dict:
    return {
        "name": record.name,
        "description": record.description,
        "names": record.names_text,
        "body": record.body_text,
        "pinyin": record.pinyin_text,
        "initials": record.initials_text,
        "suggest": {"input": record.suggest_inputs},
        "words": record.words,
        "category_codes": record.category_codes,
        "district_codes": record.district_codes,
        "founded_by_laid_off_workers": record.founded_by_laid_off_workers,
        "is_chain": record.is_chain,
        "outlets": [_outlet(outlet) for outlet in record.outlets],
        "offers": [
            {"group_codes": offer.group_codes, "valid": _days(offer.valid_from, offer.valid_to)}
            for offer in record.offers
        ],
        "micro_profit": [_days(start, end) for start, end in record.micro_profit_periods],
        "bookable_online": record.bookable_online,
        "updated_at": record.updated_at.isoformat() if record.updated_at else None,
        "content_hash": record.content_hash,
        "card": record.card,
    }


def index_action(record: MerchantRecord, index: str) -> dict:
    """The bulk action that writes a merchant's document into an index."""
    return {"_index": index, "_id": str(record.id), "_source": merchant_source(record)}
