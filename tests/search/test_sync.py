"""Search follows the register: a change a merchant or an officer commits reaches Elasticsearch and the
database entries through one background task, and a merchant taken off the register leaves search at once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from market.registry import services as registry
from market.registry.models import ListingStatus, Weekday
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.maintenance import rebuild_search
from search.query import SearchQuery
from search.service import search_merchants
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


def everywhere(*ids) -> dict[str, list[int]]:
    return {"elasticsearch": list(ids), "database": list(ids)}


@pytest.fixture
def laundry(db, elasticsearch_index, django_capture_on_commit_callbacks):
    """A listed laundry with one outlet open Mondays 08:00-20:00, registered after the index was built, so
    only the sync can have put it there."""
    rebuild_search(workers=1)
    with django_capture_on_commit_callbacks(execute=True):
        category = CategoryFactory(code="laundry", name="洗衣")
        organization = OrganizationFactory(name="幸福里洗衣店", alternate_name="", name_en="", categories=[category])
        outlet = LocationFactory(organization=organization)
        ScheduleFactory(location=outlet, byday=Weekday.MONDAY)
    return organization


@pytest.fixture
def queued_tasks(settings):
    """Tasks are queued but not run, as with a worker that has not come round yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield default_task_backend.results
    default_task_backend.clear()


def test_an_approved_merchant_becomes_searchable(laundry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
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
        outlet.schedules.update(closes_at=datetime.time(22, 0))  # a queryset update sends no signal…
        outlet.schedules.get().save()  # …the form's save does

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
    gulou = SubdistrictFactory(district=DistrictFactory(code="329901", name="江心洲区"))
    with django_capture_on_commit_callbacks(execute=True):
        second = LocationFactory(organization=laundry, subdistrict=gulou)
    assert found("洗衣", district="329901") == everywhere(laundry.pk)

    with django_capture_on_commit_callbacks(execute=True):
        second.delete()

    assert found("洗衣", district="329901") == everywhere()
    assert found("洗衣") == everywhere(laundry.pk)


def test_a_renamed_category_is_found_by_its_new_name(laundry, django_capture_on_commit_callbacks):
    category = laundry.categories.get()
    with django_capture_on_commit_callbacks(execute=True):
        category.name = "干洗"
        category.save()

    assert found("干洗") == everywhere(laundry.pk)


def test_many_saves_of_one_merchant_in_a_transaction_make_one_task(
    laundry, queued_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        other = OrganizationFactory()
    queued_tasks.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        laundry.description = "干洗、湿洗、熨烫"
        laundry.save()
        outlet = laundry.locations.get()
        outlet.name = "幸福里洗衣店（总店）"
        outlet.save()
        ScheduleFactory(location=outlet, byday=Weekday.TUESDAY)
        other.save()

    assert [sorted(result.args[0]) for result in queued_tasks] == [sorted([laundry.pk, other.pk])]


def test_a_change_rolled_back_schedules_nothing(laundry, queued_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        laundry.save()
        raise RuntimeError("the officer's form failed")

    assert queued_tasks == []
