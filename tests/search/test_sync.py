"""Search follows the register: a change a merchant or an officer commits reaches Elasticsearch and the
database entries through one background task, and a merchant taken off the register leaves search at once.

The changes go through the domain's services, whose events search follows (search/receivers.py); where the app has
no service for a change (an outlet of a listed merchant), the test sends the event the register would.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone
from elasticsearch.exceptions import ConnectionError as ElasticsearchConnectionError

from market.events import send_after_commit
from market.registry import services as registry
from market.registry.models import ListingStatus, Organization, Weekday
from market.registry.profile import edit_public_profile, set_outlet_hours
from market.registry.signals import merchant_changed
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.engine import elasticsearch_client
from search.indexes import alias_name
from search.maintenance import rebuild_search
from search.models import PendingRemoval
from search.query import SearchQuery
from search.service import search_merchants
from search.sync import index_actions, reindex_merchants, write_to_index
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    SubdistrictFactory,
)

pytestmark = pytest.mark.requires_service("elasticsearch")

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY_NINE_PM = datetime.datetime(2026, 11, 23, 21, 0, tzinfo=SHANGHAI)


def found(text: str = "", **criteria) -> dict[str, list[int]]:
    """The merchant ids each engine finds, so a test sees both stores at once."""
    query = SearchQuery(text=text, **criteria)
    return {
        backend.name: [hit.id for hit in search_merchants(query, backend=backend).hits]
        for backend in (ElasticsearchBackend(), DatabaseBackend())
    }


def elasticsearch_document_exists(organization_id: int) -> bool:
    return elasticsearch_client().exists(index=alias_name(), id=str(organization_id)).body


def everywhere(*ids) -> dict[str, list[int]]:
    return {"elasticsearch": list(ids), "database": list(ids)}


@pytest.fixture
def laundry(db, elasticsearch_index, django_capture_on_commit_callbacks):
    """A laundry with one outlet open Mondays 08:00-20:00, listed after the index was built, so only the sync can
    have put it there."""
    rebuild_search(workers=1)
    category = CategoryFactory(code="laundry", name="洗衣")
    organization = OrganizationFactory(
        name="幸福里洗衣店",
        alternate_name="",
        name_en="",
        categories=[category],
        listing_status=ListingStatus.UNLISTED,
        listed_at=None,
    )
    outlet = LocationFactory(organization=organization)
    ScheduleFactory(location=outlet, byday=Weekday.MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        registry.list_organization(organization, at=timezone.now())
    return organization


def weekly_hours(*days, opens_at=datetime.time(8, 0), closes_at=datetime.time(20, 0)):
    return [(day, opens_at, closes_at) for day in days]


def test_an_approved_merchant_becomes_searchable(laundry, django_capture_on_commit_callbacks):
    newcomer = OrganizationFactory(
        name="红星家政服务部", alternate_name="", name_en="", listing_status=ListingStatus.UNLISTED, listed_at=None
    )
    LocationFactory(organization=newcomer)
    assert found("家政") == everywhere()

    with django_capture_on_commit_callbacks(execute=True):
        registry.list_organization(newcomer, at=timezone.now())

    assert found("家政") == everywhere(newcomer.pk)
    assert found("jiazheng") == everywhere(newcomer.pk)


def test_new_opening_hours_are_reindexed(laundry, django_capture_on_commit_callbacks):
    outlet = laundry.locations.get()
    assert found("洗衣", open_at=MONDAY_NINE_PM) == everywhere()

    with django_capture_on_commit_callbacks(execute=True):
        set_outlet_hours(
            laundry.owner,
            outlet,
            phone=outlet.phone,
            weekly_hours=weekly_hours(Weekday.MONDAY, closes_at=datetime.time(22, 0)),
            exceptions=[],
        )

    assert found("洗衣", open_at=MONDAY_NINE_PM) == everywhere(laundry.pk)


def test_a_suspended_merchant_is_gone_at_once_before_any_task_runs(
    laundry, queued_tasks, django_capture_on_commit_callbacks
):
    assert found("洗衣") == everywhere(laundry.pk)

    with django_capture_on_commit_callbacks(execute=True):
        registry.suspend_listing(laundry, at=timezone.now(), reason="无证经营")

    assert found("洗衣") == everywhere()
    assert queued_tasks, "a reindex follows as a safety net"
    assert all(result.args[0] == [laundry.pk] for result in queued_tasks)


def test_a_deleted_outlet_no_longer_places_the_merchant_in_its_district(laundry, django_capture_on_commit_callbacks):
    # No service changes a listed merchant's outlets: the test sends the event the register would.
    gulou = SubdistrictFactory(district=DistrictFactory(code="329901", name="江心洲区"))
    with django_capture_on_commit_callbacks(execute=True):
        second = LocationFactory(organization=laundry, subdistrict=gulou)
        send_after_commit(merchant_changed, Organization, organization_ids=[laundry.pk])
    assert found("洗衣", district="329901") == everywhere(laundry.pk)

    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
        send_after_commit(merchant_changed, Organization, organization_ids=[laundry.pk])

    assert found("洗衣", district="329901") == everywhere()
    assert found("洗衣") == everywhere(laundry.pk)


def test_a_renamed_category_is_found_by_its_new_name(laundry, django_capture_on_commit_callbacks):
    category = laundry.categories.get()
    with django_capture_on_commit_callbacks(execute=True):
        category.name = "干洗"
        category.save()

    assert found("干洗") == everywhere(laundry.pk)


def test_many_changes_to_merchants_in_a_transaction_make_one_task(
    laundry, queued_tasks, django_capture_on_commit_callbacks
):
    other = OrganizationFactory()
    queued_tasks.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        edit_public_profile(laundry.owner, laundry, {"description": "干洗、湿洗、熨烫"})
        outlet = laundry.locations.get()
        set_outlet_hours(
            laundry.owner,
            outlet,
            phone=outlet.phone,
            weekly_hours=weekly_hours(Weekday.MONDAY, Weekday.TUESDAY),
            exceptions=[],
        )
        edit_public_profile(other.owner, other, {"description": "家电维修"})

    assert [sorted(result.args[0]) for result in queued_tasks] == [sorted([laundry.pk, other.pk])]


def test_a_change_rolled_back_schedules_nothing(laundry, queued_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        edit_public_profile(laundry.owner, laundry, {"description": "干洗、湿洗、熨烫"})
        raise RuntimeError("the officer's form failed")

    assert queued_tasks == []



def test_an_index_write_has_the_next_search_correct_typos_against_the_new_words(laundry):
    backend = ElasticsearchBackend()
    assert "熨烫" not in backend.vocabulary()  # read, and kept by this process
    # A change that sends no event, then the index written directly: only the write itself can say that its
    # words changed.
    Organization.objects.filter(pk=laundry.pk).update(description="熨烫、洗衣，当天取。")

    write_to_index(index_actions([laundry.pk], alias_name()), refresh=True)

    assert "熨烫" in backend.vocabulary()
    # 云烫 (yun tang) sounds like 熨烫: only a vocabulary read after the write can say so.
    assert found("云烫")["elasticsearch"] == [laundry.pk]


def test_a_merchant_removed_at_once_leaves_the_vocabulary_at_once(
    laundry, queued_tasks, django_capture_on_commit_callbacks
):
    backend = ElasticsearchBackend()
    assert "幸福" in backend.vocabulary()

    with django_capture_on_commit_callbacks(execute=True):
        registry.suspend_listing(laundry, at=timezone.now(), reason="无证经营")

    assert "幸福" not in backend.vocabulary()


def test_a_merchant_elasticsearch_could_not_delete_at_once_counts_in_no_total_until_the_reindex(
    laundry, queued_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    neighbour = OrganizationFactory(name="幸福里洗衣二店", alternate_name="", name_en="")
    LocationFactory(organization=neighbour)
    reindex_merchants([neighbour.pk])
    assert search_merchants(SearchQuery(text="洗衣"), backend=ElasticsearchBackend()).total == 2

    def unreachable(organization_id):
        raise ElasticsearchConnectionError("Elasticsearch is unreachable")

    monkeypatch.setattr("search.sync.delete_document", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        registry.suspend_listing(laundry, at=timezone.now(), reason="无证经营")

    # The document is still in the index, but the search leaves it out of the hits and the total alike.
    assert elasticsearch_document_exists(laundry.pk)
    results = search_merchants(SearchQuery(text="洗衣"), backend=ElasticsearchBackend())
    assert (results.total, [hit.id for hit in results.hits]) == (1, [neighbour.pk])

    reindex_merchants([laundry.pk])  # the queued task, when it runs

    assert not elasticsearch_document_exists(laundry.pk)
    assert not PendingRemoval.objects.exists()
