"""Search answered by Elasticsearch, through the merchant alias."""

import datetime

from django.utils import timezone

from market import clock_source
from search.documents import MerchantDocument
from search.engine import elasticsearch_client
from search.highlight import highlight_words, highlights
from search.indexes import alias_name
from search.query import (
    MAX_RESULT_WINDOW,
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


# The search is written as Elasticsearch's JSON directly: building it from elasticsearch.dsl objects (a few hundred
# for a search of a few words) and turning them back into JSON cost as much as the client's whole request.


def term_query(term: Term) -> dict:
    if not term.latin:
        return {"multi_match": {"query": term.text, "fields": ["names^3", "body"]}}
    # Latin input may be pinyin, initials or a Latin word, typed partly. Typos are not matched fuzzily here: the
    # planner has already corrected them against the index's own words, as on every engine, and a fuzzy match
    # ranked a short word two edits away (jiahe for jiazhen) above the word a typed prefix starts (jiazheng).
    return {
        "bool": {
            "should": [
                {"multi_match": {"query": term.text, "fields": ["names^3", "body", "pinyin^2"]}},
                {"term": {"pinyin": {"value": term.text, "boost": 1.0}}},
                {"term": {"initials": {"value": term.text, "boost": 1.0}}},
                {"prefix": {"pinyin": {"value": term.text, "boost": 1.5}}},
                {"prefix": {"initials": {"value": term.text, "boost": 1.5}}},
            ],
            "minimum_should_match": 1,
        }
    }


def group_query(group: Group) -> dict:
    """Within a group, the scores of the alternatives that match add up, each scaled by its weight, so the words as
    typed outrank a synonym, and a synonym a part of a word."""
    return {
        "bool": {
            "should": [
                {"bool": {"must": [term_query(term) for term in alternative], "boost": alternative.weight}}
                for alternative in group
            ],
            "minimum_should_match": 1,
        }
    }


def open_query(moment: datetime.datetime) -> dict:
    local = timezone.localtime(moment).replace(second=0, microsecond=0)
    weekly = {
        "bool": {
            "filter": [{"term": {"outlets.weekly_minutes": minute_of_week(local)}}],
            "must_not": [{"term": {"outlets.exception_dates": local.date().isoformat()}}],
        }
    }
    special = {"term": {"outlets.special_hours": local.isoformat()}}
    return {"bool": {"should": [weekly, special], "minimum_should_match": 1}}


def outlet_filter(query: SearchQuery) -> dict | None:
    """Place and time filters, which must hold for one and the same outlet."""
    filters = []
    if query.district:
        filters.append({"term": {"outlets.district_code": query.district}})
    if query.subdistrict:
        filters.append({"term": {"outlets.subdistrict_id": query.subdistrict}})
    if query.open_at:
        filters.append(open_query(query.open_at))
    if query.radius_km:
        point = {"lat": query.near.latitude, "lon": query.near.longitude}
        filters.append({"geo_distance": {"distance": f"{query.radius_km}km", "outlets.location": point}})
    return {"bool": {"filter": filters}} if filters else None


def search_filters(query: SearchQuery, removed: list[int]) -> list[dict]:
    """What a merchant must be to be found at all, whatever the words."""
    filters = []
    # A merchant off the register whose document could not be deleted yet counts in no total.
    if removed:
        filters.append({"bool": {"must_not": [{"ids": {"values": [str(pk) for pk in removed]}}]}})
    if query.category:
        filters.append({"term": {"category_codes": query.category}})
    if query.founded_by_laid_off_workers is not None:
        filters.append({"term": {"founded_by_laid_off_workers": query.founded_by_laid_off_workers}})
    if query.offer_group or query.micro_profit_only:
        today = clock_source.today().isoformat()
        if query.offer_group:
            offer = {
                "bool": {
                    "filter": [{"term": {"offers.group_codes": query.offer_group}}, {"term": {"offers.valid": today}}]
                }
            }
            filters.append({"nested": {"path": "offers", "query": offer}})
        if query.micro_profit_only:
            filters.append({"term": {"micro_profit": today}})
    if query.bookable_online:
        filters.append({"term": {"bookable_online": True}})
    outlets = outlet_filter(query)
    if outlets is not None:
        filters.append({"nested": {"path": "outlets", "query": outlets}})
    return filters


def search_body(query: SearchQuery, groups: list[Group], removed: list[int], preferred: list[Group] = ()) -> dict:
    """The search's request: every group of words must match (see group_query), within the filters, and preferred
    words add to the score where they match; a page of hits with their stored card, and the category and district
    facets."""
    end = min(query.offset + query.page_size, MAX_RESULT_WINDOW)
    start = min(query.offset, end)
    body = {
        "_source": ["name", "description", "card"],
        "track_total_hits": True,
        "aggs": {
            "category": {"terms": {"field": "category_codes", "size": FACET_SIZE}},
            "district": {"terms": {"field": "district_codes", "size": FACET_SIZE}},
        },
        "from": start,
        "size": end - start,
    }
    clauses = {}
    if groups:
        clauses["must"] = [group_query(group) for group in groups]
        if preferred:
            clauses["should"] = [group_query(group) for group in preferred]
    if filters := search_filters(query, removed):
        clauses["filter"] = filters
    if clauses:
        body["query"] = {"bool": clauses}
    if query.sort == Sort.DISTANCE:
        outlets = outlet_filter(query)
        distance = {
            "outlets.location": {"lat": query.near.latitude, "lon": query.near.longitude},
            "order": "asc",
            "unit": "km",
            "mode": "min",
            "distance_type": "arc",
            "nested": {"path": "outlets", **({"filter": outlets} if outlets is not None else {})},
        }
        body["sort"] = [{"_geo_distance": distance}, "_score"]
        body["track_scores"] = True
    elif not groups:
        body["sort"] = ["_doc"]
    return body


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

    def search(self, query: SearchQuery, groups: list[Group], preferred: list[Group] = ()) -> SearchResults:
        # The response is read as plain JSON: wrapping each hit in a Document cost more than our whole query
        # planning.
        body = search_body(query, groups, pending_removals(), preferred)
        response = self.client.search(index=alias_name(), body=body)
        words = highlight_words(plan_terms(groups))
        hits = []
        for hit in response["hits"]["hits"]:
            source = hit["_source"]
            hits.append(
                Hit(
                    id=int(hit["_id"]),
                    name=source["name"],
                    score=float(hit["_score"] or 0.0),
                    highlights=highlights(source["name"], source.get("description") or "", words),
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
