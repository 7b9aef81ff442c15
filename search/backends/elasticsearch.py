"""Search answered by Elasticsearch, through the merchant alias."""

import datetime

from django.utils import timezone
from elasticsearch.dsl import A, Q

from market import clock_source
from search.documents import MerchantDocument
from search.engine import elasticsearch_client
from search.highlight import highlights
from search.indexes import alias_name
from search.query import (
    MAX_RESULT_WINDOW,
    Alternative,
    Group,
    Hit,
    SearchQuery,
    SearchResults,
    Sort,
    Suggestion,
    Term,
    next_page,
    plan_terms,
)
from search.records import minute_of_week
from search.sync import pending_removals
from search.vocabulary import Vocabulary, cached_vocabulary

# Words read from the index per request when its vocabulary is loaded.
VOCABULARY_PAGE = 10_000
VOCABULARY_SECONDS = 30

FACET_SIZE = 200


def term_query(term: Term):
    if not term.latin:
        return Q("multi_match", query=term.text, fields=["names^3", "body"])
    # Latin input may be pinyin, initials or a Latin word, typed partly. Typos are not matched fuzzily here: the
    # planner has already corrected them against the index's own words, as on every engine, and a fuzzy match
    # ranked a short word two edits away (jiahe for jiazhen) above the word a typed prefix starts (jiazheng).
    return Q(
        "bool",
        should=[
            Q("multi_match", query=term.text, fields=["names^3", "body", "pinyin^2"]),
            Q("term", pinyin={"value": term.text, "boost": 1.0}),
            Q("term", initials={"value": term.text, "boost": 1.0}),
            Q("prefix", pinyin={"value": term.text, "boost": 1.5}),
            Q("prefix", initials={"value": term.text, "boost": 1.5}),
        ],
        minimum_should_match=1,
    )


def text_query(groups: list[Group]):
    """Every group must match; within one, the scores of the alternatives that match add up, each scaled by
    its weight, so the words as typed outrank a synonym, and a synonym a part of a word."""

    def alternative_query(alternative: Alternative):
        return Q("bool", must=[term_query(term) for term in alternative], boost=alternative.weight)

    return Q(
        "bool",
        must=[
            Q("bool", should=[alternative_query(alternative) for alternative in group], minimum_should_match=1)
            for group in groups
        ],
    )


def open_query(moment: datetime.datetime):
    local = timezone.localtime(moment).replace(second=0, microsecond=0)
    weekly = Q(
        "bool",
        filter=[Q("term", outlets__weekly_minutes=minute_of_week(local))],
        must_not=[Q("term", outlets__exception_dates=local.date().isoformat())],
    )
    special = Q("term", outlets__special_hours=local.isoformat())
    return Q("bool", should=[weekly, special], minimum_should_match=1)


def outlet_filter(query: SearchQuery):
    """Place and time filters, which must hold for one and the same outlet."""
    filters = []
    if query.district:
        filters.append(Q("term", outlets__district_code=query.district))
    if query.subdistrict:
        filters.append(Q("term", outlets__subdistrict_id=query.subdistrict))
    if query.open_at:
        filters.append(open_query(query.open_at))
    if query.radius_km:
        filters.append(
            Q(
                "geo_distance",
                distance=f"{query.radius_km}km",
                outlets__location={"lat": query.near.latitude, "lon": query.near.longitude},
            )
        )
    return Q("bool", filter=filters) if filters else None


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, client=None):
        self.client = client or elasticsearch_client()

    def _search(self):
        return MerchantDocument.search(using=self.client, index=alias_name())

    def _words(self) -> dict[str, int]:
        """Every indexed word with its document count, paged through a composite aggregation."""
        words: dict[str, int] = {}
        after = None
        while True:
            composite = {"size": VOCABULARY_PAGE, "sources": [{"word": {"terms": {"field": "words"}}}]}
            if after:
                composite["after"] = after
            response = self.client.options(request_timeout=VOCABULARY_SECONDS).search(
                index=alias_name(), size=0, aggs={"words": {"composite": composite}}
            )
            aggregation = response["aggregations"]["words"]
            for bucket in aggregation["buckets"]:
                words[bucket["key"]["word"]] = bucket["doc_count"]
            after = aggregation.get("after_key")
            if not after or len(aggregation["buckets"]) < VOCABULARY_PAGE:
                return words

    def vocabulary(self) -> Vocabulary:
        return cached_vocabulary(f"elasticsearch:{alias_name()}", self._words)

    def search(self, query: SearchQuery, groups: list[Group]) -> SearchResults:
        search = self._search().source(["name", "description", "card"]).extra(track_total_hits=True)
        if groups:
            search = search.query(text_query(groups))
        # A merchant off the register whose document could not be deleted yet counts in no total.
        if removed := pending_removals():
            search = search.exclude("ids", values=[str(pk) for pk in removed])
        if query.category:
            search = search.filter("term", category_codes=query.category)
        if query.founded_by_laid_off_workers is not None:
            search = search.filter("term", founded_by_laid_off_workers=query.founded_by_laid_off_workers)
        if query.offer_group or query.micro_profit_only:
            today = clock_source.today().isoformat()
            if query.offer_group:
                offer = Q(
                    "bool", filter=[Q("term", offers__group_codes=query.offer_group), Q("term", offers__valid=today)]
                )
                search = search.filter("nested", path="offers", query=offer)
            if query.micro_profit_only:
                search = search.filter("term", micro_profit=today)
        if query.bookable_online:
            search = search.filter("term", bookable_online=True)
        outlets = outlet_filter(query)
        if outlets is not None:
            search = search.filter("nested", path="outlets", query=outlets)
        if query.sort == Sort.DISTANCE:
            distance = {
                "outlets.location": {"lat": query.near.latitude, "lon": query.near.longitude},
                "order": "asc",
                "unit": "km",
                "mode": "min",
                "distance_type": "arc",
                "nested": {
                    "path": "outlets",
                    **({"filter": outlets.to_dict()} if outlets is not None else {}),
                },
            }
            search = search.sort({"_geo_distance": distance}, "_score").extra(track_scores=True)
        elif not groups:
            search = search.sort("_doc")
        search.aggs.bucket("category", A("terms", field="category_codes", size=FACET_SIZE))
        search.aggs.bucket("district", A("terms", field="district_codes", size=FACET_SIZE))
        end = min(query.offset + query.page_size, MAX_RESULT_WINDOW)
        search = search[min(query.offset, end) : end]
        # The response is read as plain JSON: wrapping each hit in a Document cost more than our whole query
        # planning.
        response = self.client.search(index=alias_name(), body=search.to_dict())

        terms = plan_terms(groups)
        hits = []
        for hit in response["hits"]["hits"]:
            source = hit["_source"]
            hits.append(
                Hit(
                    id=int(hit["_id"]),
                    name=source["name"],
                    score=float(hit["_score"] or 0.0),
                    highlights=highlights(source["name"], source.get("description") or "", terms),
                    distance_km=float(hit["sort"][0]) if query.sort == Sort.DISTANCE else None,
                    description=source.get("description") or "",
                    card=source.get("card") or {},
                )
            )
        total = response["hits"]["total"]["value"]
        facets = {
            name: {bucket["key"]: bucket["doc_count"] for bucket in response["aggregations"][name]["buckets"]}
            for name in ("category", "district")
        }
        return SearchResults(
            hits=hits, total=total, facets=facets, next_page=next_page(query, total), backend=self.name
        )

    def suggest_merchants(self, prefix: str, limit: int) -> list[Suggestion]:
        prefix = "".join(prefix.split()).lower()
        if not prefix:
            return []
        search = (
            self._search()
            .source(["name"])
            .suggest("merchants", prefix, completion={"field": "suggest", "size": limit, "skip_duplicates": True})
        )
        options = search.execute().suggest.merchants[0].options
        return [Suggestion(text=option._source.name, kind="merchant", value=option._id) for option in options]
