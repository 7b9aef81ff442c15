"""The "bookable online" filter of search on every engine: merchants with at least one active service residents can
book on Linli, and only listed ones; the merchant is reindexed when its catalogue changes."""

import pytest
from django.db import transaction

from market.commerce.models import BookableService
from market.commerce.signals import catalogue_changed
from market.events import send_after_commit
from market.registry.models import ListingStatus, Organization
from search.backends.database import refresh_entries
from search.filters import MerchantSearchFilter
from search.records import merchant_records
from tests.commerce.factories import BookableServiceFactory
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory


def listed(name, category):
    organization = OrganizationFactory(name=name, alternate_name="", name_en="", categories=[category])
    LocationFactory(organization=organization)
    return organization


def names(results) -> list[str]:
    return sorted(hit.name for hit in results.hits)


def sell(merchant, **fields):
    return BookableServiceFactory(
        organization=merchant, category=merchant.categories.first(), locations=list(merchant.locations.all()), **fields
    )


@pytest.fixture
def shops(engine):
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    bookable = listed("甲洗衣店", laundry)
    withdrawn = listed("乙洗衣店", laundry)
    listed("丙洗衣店", laundry)  # sells nothing online
    suspended = listed("丁洗衣店", laundry)
    sell(bookable)
    sell(bookable, active=False)
    sell(withdrawn, active=False)
    sell(suspended)
    Organization.objects.filter(pk=suspended.pk).update(listing_status=ListingStatus.SUSPENDED)
    engine.index()
    return engine


def test_bookable_online_finds_only_listed_merchants_with_an_active_bookable_service(shops):
    assert names(shops.search(bookable_online=True)) == ["甲洗衣店"]
    assert len(shops.search().hits) == 3


def test_bookable_online_combines_with_words_and_other_filters(shops):
    assert names(shops.search(text="洗衣", bookable_online=True)) == ["甲洗衣店"]
    assert names(shops.search(bookable_online=True, micro_profit_only=True)) == []


@pytest.mark.django_db
def test_the_record_carries_the_mark():
    laundry = CategoryFactory(code="laundry")
    merchant, other = listed("甲洗衣店", laundry), listed("乙洗衣店", laundry)
    sell(merchant)

    marks = {
        record.id: record.bookable_online
        for record in merchant_records(Organization.objects.filter(pk__in=[merchant.pk, other.pk]))
    }

    assert marks == {merchant.pk: True, other.pk: False}


@pytest.mark.django_db
def test_the_filter_set_reads_bookable_online_from_the_address():
    filters = MerchantSearchFilter({"bookable_online": "on"})
    assert filters.is_valid()
    assert filters.search_query().bookable_online is True
    empty = MerchantSearchFilter({})
    assert empty.is_valid()
    assert empty.search_query().bookable_online is False


@pytest.mark.django_db
def test_the_search_page_and_the_api_offer_the_filter(client, settings):
    settings.ELASTICSEARCH_URL = ""  # the database backend (each engine is tested above)
    laundry = CategoryFactory(code="laundry", name="洗衣")
    merchant, other = listed("甲洗衣店", laundry), listed("乙洗衣店", laundry)
    sell(merchant)
    refresh_entries()

    page = client.get("/en/search/", {"category": "laundry", "bookable_online": "on"})
    api = client.get("/api/merchants/search", {"bookable_online": "1"})

    assert page.status_code == 200
    assert 'name="bookable_online"' in page.content.decode()
    assert "甲洗衣店" in page.content.decode() and "乙洗衣店" not in page.content.decode()
    assert [hit["name"] for hit in api.json()["results"]] == ["甲洗衣店"]
    assert other.pk not in [hit["id"] for hit in api.json()["results"]]


def test_a_catalogue_change_reindexes_the_merchant(db, queued_tasks, django_capture_on_commit_callbacks):
    merchant = listed("甲洗衣店", CategoryFactory(code="laundry"))

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        service = sell(merchant)
        # As the merchant's catalogue service announces it (market.commerce.signals).
        send_after_commit(catalogue_changed, BookableService, organization=merchant, actor=merchant.owner)
        assert service.pk

    assert [sorted(result.args[0]) for result in queued_tasks if result.task.name == "reindex"] == [[merchant.pk]]


@pytest.mark.requires_service("elasticsearch")
def test_a_new_bookable_service_reaches_elasticsearch_through_the_reindex_queue(
    elasticsearch_engine, django_capture_on_commit_callbacks
):
    merchant = listed("甲洗衣店", CategoryFactory(code="laundry", name="洗衣"))
    elasticsearch_engine.index()
    assert names(elasticsearch_engine.search(bookable_online=True)) == []

    with django_capture_on_commit_callbacks(execute=True):
        sell(merchant)
        send_after_commit(catalogue_changed, BookableService, organization=merchant, actor=merchant.owner)

    assert names(elasticsearch_engine.search(bookable_online=True)) == ["甲洗衣店"]
