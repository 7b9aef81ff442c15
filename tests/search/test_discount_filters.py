"""The discount filters of search on every engine: "offers for an eligibility group" finds merchants with an
offer for that group live today, "micro-profit services only" those with a micro-profit service in force.
"""

import datetime
from decimal import Decimal

import pytest

from market.discounts.services.micro_profit_services import save_micro_profit_service
from market.discounts.services.offers import save_offer
from market.registry.models import ListingStatus, Organization
from search.filters import MerchantSearchFilter
from tests.clock import WEDNESDAY as TODAY  # the day the shared `clock` fixture starts on
from tests.discounts.factories import (
    EligibilityGroupFactory,
    MicroProfitServiceFactory,
    MicroProfitServiceTypeFactory,
    OfferFactory,
)
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory


def listed(name, category):
    organization = OrganizationFactory(name=name, alternate_name="", name_en="", categories=[category])
    LocationFactory(organization=organization)
    return organization


def names(results) -> list[str]:
    return sorted(hit.name for hit in results.hits)


@pytest.fixture
def discounts(engine, clock):
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    laid_off = EligibilityGroupFactory(code="registered-unemployed")
    elderly = EligibilityGroupFactory(code="elderly")
    for_laid_off = listed("甲洗衣店", laundry)
    for_elderly = listed("乙洗衣店", laundry)
    expired = listed("丙洗衣店", laundry)
    withdrawn = listed("丁洗衣店", laundry)
    starts_next_week = listed("戊洗衣店", laundry)
    micro_profit = listed("己洗衣店", laundry)
    micro_profit_stopped = listed("庚洗衣店", laundry)

    def offer(merchant, group, **fields):
        OfferFactory(organization=merchant, locations=list(merchant.locations.all()), groups=[group], **fields)

    offer(for_laid_off, laid_off)
    offer(for_elderly, elderly)
    offer(
        expired, laid_off, valid_from=TODAY - datetime.timedelta(days=30), valid_to=TODAY - datetime.timedelta(days=1)
    )
    offer(withdrawn, laid_off, active=False)
    offer(starts_next_week, laid_off, valid_from=TODAY + datetime.timedelta(days=7))
    washing = MicroProfitServiceTypeFactory(category=laundry, price_cap=Decimal("8.00"))
    MicroProfitServiceFactory(organization=micro_profit, service_type=washing, price=Decimal("7.00"))
    MicroProfitServiceFactory(
        organization=micro_profit_stopped, service_type=washing, price=Decimal("7.00"), active=False
    )
    engine.index()
    return engine


def test_offers_for_a_group_finds_only_merchants_with_a_live_offer_for_it(discounts):
    assert names(discounts.search(offer_group="registered-unemployed")) == ["甲洗衣店"]
    assert names(discounts.search(offer_group="elderly")) == ["乙洗衣店"]
    assert names(discounts.search(offer_group="disability")) == []


def test_an_offer_that_starts_later_is_found_from_its_first_day_without_reindexing(discounts, clock):
    clock.set(TODAY + datetime.timedelta(days=7))
    assert names(discounts.search(offer_group="registered-unemployed")) == ["戊洗衣店", "甲洗衣店"]


def test_micro_profit_services_only(discounts):
    assert names(discounts.search(micro_profit_only=True)) == ["己洗衣店"]


def test_the_discount_filters_combine_with_words_and_each_other(discounts):
    assert names(discounts.search(text="洗衣", offer_group="elderly")) == ["乙洗衣店"]
    assert names(discounts.search(offer_group="elderly", micro_profit_only=True)) == []
    assert len(discounts.search(text="洗衣").hits) == 7


def test_a_suspended_merchants_offer_is_not_found(discounts):
    Organization.objects.filter(name="甲洗衣店").update(listing_status=ListingStatus.SUSPENDED)
    discounts.index()
    assert names(discounts.search(offer_group="registered-unemployed")) == []


@pytest.mark.django_db
def test_the_filter_set_reads_the_discount_filters_from_the_address():
    EligibilityGroupFactory(code="elderly")
    filters = MerchantSearchFilter({"offer_group": "elderly", "micro_profit_only": "on"})
    assert filters.is_valid()
    query = filters.search_query()
    assert (query.offer_group, query.micro_profit_only) == ("elderly", True)

    unknown = MerchantSearchFilter({"offer_group": "nobody"})
    assert not unknown.is_valid()
    assert "offer_group" in unknown.errors


@pytest.mark.requires_service("elasticsearch")
def test_a_new_offer_reaches_elasticsearch_through_the_reindex_queue(
    elasticsearch_engine, clock, django_capture_on_commit_callbacks
):
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    elderly = EligibilityGroupFactory(code="elderly")
    merchant = listed("甲洗衣店", laundry)
    elasticsearch_engine.index()
    assert names(elasticsearch_engine.search(offer_group="elderly")) == []

    with django_capture_on_commit_callbacks(execute=True):
        save_offer(
            OfferFactory.build(organization=merchant),
            merchant.owner,
            locations=merchant.locations.all(),
            groups=[elderly],
        )
    assert names(elasticsearch_engine.search(offer_group="elderly")) == ["甲洗衣店"]

    with django_capture_on_commit_callbacks(execute=True):
        save_micro_profit_service(
            MicroProfitServiceFactory.build(
                organization=merchant, service_type=MicroProfitServiceTypeFactory(category=laundry), price=Decimal("7")
            ),
            merchant.owner,
        )
    assert names(elasticsearch_engine.search(micro_profit_only=True)) == ["甲洗衣店"]
