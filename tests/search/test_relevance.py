"""Relevance: what residents type finds the merchant they mean, in the top three.

Elasticsearch must answer every query in QUERIES; the database backends are scored and the score reported
(printed and written to bench/results/relevance-<engine>.json) with only a floor asserted.
"""

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from market import clock_source
from market.registry.models import Weekday
from search.backends.elasticsearch import ElasticsearchBackend
from search.engine import elasticsearch_client
from search.indexes import alias_name
from search.maintenance import rebuild_search
from search.query import SearchQuery
from search.service import search_merchants
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceFactory,
    SubdistrictFactory,
)
from tests.search.relevance import CATEGORIES, DISTRICTS, MERCHANTS, QUERIES, TUESDAY_NIGHT, Query
from tests.services import services_required, unavailable_reason

RESULTS_FOLDER = Path(__file__).resolve().parents[2] / "bench" / "results"
TOP = 3
# Ranks past this count as not found for the mean reciprocal rank.
RANKED = 10
# The share of queries each engine answers in the top three, at least: set a little below what was measured
# (sqlite 0.945, postgresql 0.945, elasticsearch 1.0 of 55); the database backends have no typo tolerance.
FLOORS = {"sqlite": 0.9, "postgresql": 0.9, "elasticsearch": 0.95}


def build_register() -> None:
    """The MERCHANTS, each with one outlet open every day at its hours and its services there."""
    categories = {}
    for code, name, name_en, parent in CATEGORIES:
        categories[code] = CategoryFactory(code=code, name=name, name_en=name_en, parent=categories.get(parent))
    streets = {}
    for code, (name, name_en, subdistrict_names) in DISTRICTS.items():
        district = DistrictFactory(code=code, name=name, name_en=name_en)
        streets[code] = [SubdistrictFactory(district=district, name=street) for street in subdistrict_names]
    for merchant in MERCHANTS:
        category = categories[merchant.category]
        organization = OrganizationFactory(
            name=merchant.legal_name,
            alternate_name=merchant.trade_name,
            name_en="",
            description=merchant.description,
            categories=[category],
            is_chain=merchant.is_chain,
        )
        outlet = LocationFactory(
            organization=organization,
            name=merchant.trade_name,
            address_1=merchant.address,
            subdistrict=streets[merchant.district][merchant.subdistrict],
        )
        opens_at, closes_at = merchant.hours
        for day in Weekday:
            ScheduleFactory(location=outlet, byday=day, opens_at=opens_at, closes_at=closes_at)
        for service in merchant.services:
            ServiceFactory(organization=organization, category=category, name=service, locations=[outlet])


def search_query(query: Query) -> SearchQuery:
    """What the search page asks for these words and filters; call it with the clock fixed."""
    return SearchQuery(
        text=query.text,
        category=query.category,
        district=query.district,
        open_at=clock_source.now() if query.open_now else None,
        page_size=RANKED,
    )


def ranked_names(query: Query, search) -> list[str]:
    with clock_source.fixed_at(TUESDAY_NIGHT):
        return [hit.name for hit in search(search_query(query)).hits]


def rank_of(query: Query, names: list[str]) -> int | None:
    return names.index(query.expected) + 1 if query.expected in names else None


@dataclass
class Outcome:
    query: Query
    names: list[str]

    @property
    def rank(self) -> int | None:
        return rank_of(self.query, self.names)


def score_report(engine_name: str, outcomes: list[Outcome]) -> dict:
    found = [outcome for outcome in outcomes if outcome.rank and outcome.rank <= TOP]
    return {
        "engine": engine_name,
        "queries": len(outcomes),
        "top_3_share": round(len(found) / len(outcomes), 3),
        "mean_reciprocal_rank": round(sum(1 / outcome.rank for outcome in outcomes if outcome.rank) / len(outcomes), 3),
        "misses": [
            {
                "query": str(outcome.query),
                "kind": outcome.query.kind,
                "expected": outcome.query.expected,
                "rank": outcome.rank,
                "top_5": outcome.names[:5],
            }
            for outcome in outcomes
            if outcome not in found
        ],
    }


def write_report(report: dict) -> Path:
    RESULTS_FOLDER.mkdir(parents=True, exist_ok=True)
    path = RESULTS_FOLDER / f"relevance-{report['engine']}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def test_every_query_names_a_merchant_of_the_register():
    trade_names = {merchant.trade_name for merchant in MERCHANTS}
    assert len(trade_names) == len(MERCHANTS), "trade names must be unique: results are matched by name"
    assert len(QUERIES) >= 30
    strays = [str(query) for query in QUERIES if query.expected not in trade_names]
    assert not strays, f"queries expecting a merchant that is not in the register: {strays}"


def test_score_is_reported_for_each_engine(engine, capsys):
    build_register()
    engine.index()
    outcomes = [
        Outcome(query, ranked_names(query, lambda asked: search_merchants(asked, backend=engine.backend)))
        for query in QUERIES
    ]

    report = score_report(engine.name, outcomes)
    path = write_report(report)
    with capsys.disabled():
        print(
            f"\nrelevance on {engine.name}: {report['top_3_share']:.0%} of {report['queries']} queries in the top "
            f"{TOP}, mean reciprocal rank {report['mean_reciprocal_rank']:.3f} ({path.name})"
        )
    assert report["top_3_share"] >= FLOORS[engine.name], json.dumps(report["misses"], ensure_ascii=False, indent=1)


# -- every query on Elasticsearch, one case each, against one index built for the module ------------------


@pytest.fixture(scope="module")
def relevance_index(django_db_setup, django_db_blocker):
    """The register indexed once for all the cases; its rows are rolled back at once, since Elasticsearch
    answers from its own copy (only the synonym list, from a migration, is read from the database)."""
    reason = unavailable_reason("elasticsearch")
    if reason:
        if services_required():
            pytest.fail(f"REQUIRE_SERVICES=1 but elasticsearch is unavailable: {reason}", pytrace=False)
        pytest.skip(f"elasticsearch unavailable: {reason}")
    with override_settings(ELASTICSEARCH_INDEX_PREFIX=f"test-relevance-{uuid.uuid4().hex[:8]}"):
        with django_db_blocker.unblock(), transaction.atomic():
            build_register()
            rebuild_search(database=False)
            transaction.set_rollback(True)
        yield alias_name()
        client = elasticsearch_client()
        client.indices.delete(index=",".join(client.indices.get(index=alias_name()).body))


def elasticsearch_search(search_query: SearchQuery):
    return search_merchants(search_query, backend=ElasticsearchBackend())


def cases(queries: list[Query]) -> list:
    return [pytest.param(query, id=f"{query.kind}-{number:02d}") for number, query in enumerate(queries)]


def assert_in_top_three(query: Query):
    names = ranked_names(query, elasticsearch_search)
    rank = rank_of(query, names)
    assert rank is not None and rank <= TOP, (
        f"«{query}» ({query.kind}) should find {query.expected} in the top {TOP}; "
        f"it came {rank or 'nowhere'}, the top 5 were {names[:5]}"
    )


@pytest.mark.requires_service("elasticsearch")
@pytest.mark.parametrize("query", cases(QUERIES))
def test_elasticsearch_finds_the_merchant_in_the_top_three(query, relevance_index, db):
    assert_in_top_three(query)
