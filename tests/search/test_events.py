"""Search follows the domain's events, not model saves: each event that changes what a merchant shows residents,
sent by the real service or admin screen, reindexes that merchant; all the changes of one transaction make one
reindex task, and a transaction that rolls back sends nothing. Runs on the database backend (SQLite here).

Elasticsearch's side of the same path is in test_sync.py and test_discount_filters.py.
"""

import datetime
import importlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction
from django.dispatch import Signal, receiver
from django.utils import timezone

import market
from market.accounts.roles import Role
from market.discounts.services.micro_profit_services import save_micro_profit_service
from market.discounts.services.offers import save_offer
from market.licensing.services.decisions import approve_application
from market.licensing.services.drafts import start_change_application
from market.licensing.services.workflow import accept_application, recommend_approval, start_review, submit_application
from market.registry import services as registry
from market.registry.models import Category, ListingStatus, Weekday
from market.registry.profile import add_outlet_photo, edit_public_profile, remove_outlet_photo, set_outlet_hours
from market.registry.signals import merchant_changed
from search.backends.database import DatabaseBackend, refresh_entries
from search.models import MerchantSearchCategory, MerchantSearchEntry
from search.query import SearchQuery
from search.receivers import MERCHANTS_CONCERNED
from search.service import search_merchants, suggest
from tests.discounts.factories import MicroProfitServiceFactory, MicroProfitServiceTypeFactory, OfferFactory, group
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, ScheduleFactory, UserFactory
from tests.licensing.factories import CategoryReviewPolicyFactory
from tests.licensing.sample_files import png_upload

pytestmark = pytest.mark.django_db


def found(text: str = "", **criteria) -> list[int]:
    return [hit.id for hit in search_merchants(SearchQuery(text=text, **criteria), backend=DatabaseBackend()).hits]


def reindexed(queued_tasks) -> list[list[int]]:
    """The merchant ids of each reindex task queued, in order."""
    return [sorted(result.args[0]) for result in queued_tasks if result.task.name == "reindex"]


def listed_merchant(name, *categories):
    """A listed merchant with an outlet open on Mondays, in the search entries as a rebuild would put it."""
    merchant = OrganizationFactory(name=name, alternate_name="", name_en="", categories=list(categories))
    ScheduleFactory(location=LocationFactory(organization=merchant), byday=Weekday.MONDAY)
    refresh_entries([merchant.pk])
    return merchant


@pytest.fixture
def laundry_category(db):
    return CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")


@pytest.fixture
def laundry(laundry_category):
    return listed_merchant("幸福里洗衣店", laundry_category)


@pytest.fixture
def administrator(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    return client


def declared_signals():
    root = Path(market.__file__).resolve().parent
    modules = ["market.events"] + [
        ".".join(path.relative_to(root.parent).with_suffix("").parts) for path in sorted(root.rglob("signals.py"))
    ]
    for module_name in modules:
        for name, value in vars(importlib.import_module(module_name)).items():
            if isinstance(value, Signal):
                yield f"{module_name}.{name}", value


def test_every_signal_the_domain_declares_has_a_receiver():
    signals = dict(declared_signals())
    assert "market.discounts.signals.offer_changed" in signals

    # A receiver connected for its sender, or search's reindex, which reads the event when it is queued.
    unheard = [name for name, signal in signals.items() if not signal.receivers and signal not in MERCHANTS_CONCERNED]

    assert unheard == []


# ---------------------------------------------------------------- the register's events


def test_a_profile_edited_through_the_service_is_found_by_its_new_words(laundry, django_capture_on_commit_callbacks):
    assert found("皮具护理") == []

    with django_capture_on_commit_callbacks(execute=True):
        edit_public_profile(laundry.owner, laundry, {"description": "干洗、熨烫、皮具护理"})

    assert found("皮具护理") == [laundry.pk]
    assert "皮具护理" in MerchantSearchEntry.objects.get(pk=laundry.pk).description


def test_new_hours_reindex_the_merchant(laundry, queued_tasks, django_capture_on_commit_callbacks):
    outlet = laundry.locations.get()
    with django_capture_on_commit_callbacks(execute=True):
        set_outlet_hours(
            laundry.owner,
            outlet,
            phone=outlet.phone,
            weekly_hours=[(Weekday.TUESDAY, datetime.time(9, 0), datetime.time(21, 0))],
            exceptions=[],
        )

    assert reindexed(queued_tasks) == [[laundry.pk]]


def test_an_outlet_photo_added_or_removed_reindexes_the_merchant(
    laundry, queued_tasks, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    outlet = laundry.locations.get()
    with django_capture_on_commit_callbacks(execute=True):
        photo = add_outlet_photo(laundry.owner, outlet, png_upload(), "门头")
    with django_capture_on_commit_callbacks(execute=True):
        remove_outlet_photo(laundry.owner, photo)

    assert reindexed(queued_tasks) == [[laundry.pk], [laundry.pk]]


def test_a_suspended_merchant_leaves_search_at_once_and_is_reindexed_after(
    laundry, queued_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registry.suspend_listing(laundry, at=timezone.now(), reason="无证经营")

    assert not MerchantSearchEntry.objects.filter(pk=laundry.pk).exists()  # before any task runs
    assert reindexed(queued_tasks) == [[laundry.pk]]


def test_a_renamed_category_is_found_by_its_new_name_and_suggested(
    laundry, laundry_category, django_capture_on_commit_callbacks
):
    assert found("织物护理") == []
    assert "织物护理" not in [item.text for item in suggest("织物")]  # the category keys are cached now

    with django_capture_on_commit_callbacks(execute=True):
        laundry_category.name = "织物护理"
        laundry_category.save()

    assert found("织物护理") == [laundry.pk]
    assert "织物护理" in [item.text for item in suggest("织物")]


def test_a_category_renamed_in_the_admin_reindexes_its_merchants_and_those_of_its_sub_categories(
    administrator, laundry_category, queued_tasks, django_capture_on_commit_callbacks
):
    dry_cleaning = CategoryFactory(code="dry-cleaning", parent=laundry_category)
    direct = OrganizationFactory(categories=[laundry_category])
    below = OrganizationFactory(categories=[dry_cleaning])
    OrganizationFactory()  # filed elsewhere
    queued_tasks.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = administrator.post(
            f"/admin/snippets/registry/category/edit/{laundry_category.pk}/",
            {"name": "洗衣干洗", "name_en": "Laundry", "code": "laundry", "description": "", "sort_order": 1},
        )

    assert response.status_code == 302
    assert reindexed(queued_tasks) == [sorted([direct.pk, below.pk])]


@pytest.mark.parametrize("how", ["one", "bulk"])
def test_a_deleted_category_leaves_the_search_entries_of_its_merchants(
    laundry, django_capture_on_commit_callbacks, how
):
    ironing = CategoryFactory(code="ironing", name="熨烫")
    laundry.categories.add(ironing)
    refresh_entries([laundry.pk])
    assert MerchantSearchCategory.objects.filter(entry_id=laundry.pk, code="ironing").exists()

    with django_capture_on_commit_callbacks(execute=True):
        if how == "one":
            ironing.delete()
        else:  # the admin's bulk delete deletes a queryset
            Category.objects.filter(code="ironing").delete()

    assert not MerchantSearchCategory.objects.filter(entry_id=laundry.pk, code="ironing").exists()
    assert found(category="laundry") == [laundry.pk]


# ---------------------------------------------------------------- the licensing workflow's events


def test_an_approved_change_application_makes_the_new_name_searchable(laundry, django_capture_on_commit_callbacks):
    CategoryReviewPolicyFactory(
        category=laundry.categories.get(), public_notice_working_days=0, change_notice_working_days=0
    )
    reviewer, approver = UserFactory(role=Role.REVIEWER), UserFactory(role=Role.APPROVER)
    application = start_change_application(laundry.owner, laundry, {"name": "清风洁衣有限公司"})
    submit_application(application, laundry.owner)
    accept_application(application, reviewer)
    start_review(application, reviewer)
    recommend_approval(application, reviewer)
    assert found("清风洁衣") == []

    with django_capture_on_commit_callbacks(execute=True):
        approve_application(application, approver)

    assert found("清风洁衣") == [laundry.pk]


# ---------------------------------------------------------------- the discount tracker's events


def test_a_published_offer_reindexes_its_merchant(laundry, clock, queued_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save_offer(
            OfferFactory.build(organization=laundry),
            laundry.owner,
            locations=laundry.locations.all(),
            groups=[group("elderly")],
        )

    assert reindexed(queued_tasks) == [[laundry.pk]]


def test_a_listed_micro_profit_service_reindexes_its_merchant_and_is_found(
    laundry, laundry_category, clock, django_capture_on_commit_callbacks
):
    service_type = MicroProfitServiceTypeFactory(category=laundry_category)
    assert found(micro_profit_only=True) == []

    with django_capture_on_commit_callbacks(execute=True):
        save_micro_profit_service(
            MicroProfitServiceFactory.build(organization=laundry, service_type=service_type, price=Decimal("7")),
            laundry.owner,
        )

    assert found(micro_profit_only=True) == [laundry.pk]


def test_the_bureau_editing_a_micro_profit_type_reindexes_the_merchants_offering_it(
    administrator, laundry, laundry_category, clock, queued_tasks, django_capture_on_commit_callbacks
):
    service_type = MicroProfitServiceTypeFactory(category=laundry_category)
    MicroProfitServiceFactory(organization=laundry, service_type=service_type)
    MicroProfitServiceFactory(service_type=MicroProfitServiceTypeFactory(category=laundry_category))  # another type
    queued_tasks.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = administrator.post(
            f"/admin/snippets/discounts/microprofitservicetype/edit/{service_type.pk}/",
            {
                "name": service_type.name,
                "name_en": service_type.name_en,
                "category": laundry_category.pk,
                "unit": "次",
                "price_cap": "30.00",
                "subsidy_per_unit": "5.00",
                "valid_from": "2026-01-01",
                "valid_to": "2026-06-30",
                "max_units_per_sale": "10",
                "max_units_per_resident_per_day": "20",
                "usual_volume_factor": "3.0",
                "review_above_daily_units": "50",
            },
        )

    assert response.status_code == 302
    assert reindexed(queued_tasks) == [[laundry.pk]]


# ---------------------------------------------------------------- one reindex per transaction, none on rollback


def change_three_merchants_at_once(laundry, other, suspended):
    with transaction.atomic():
        edit_public_profile(laundry.owner, laundry, {"description": "干洗、湿洗、熨烫"})
        outlet = laundry.locations.get()
        set_outlet_hours(
            laundry.owner,
            outlet,
            phone=outlet.phone,
            weekly_hours=[(Weekday.MONDAY, datetime.time(8, 0), datetime.time(22, 0))],
            exceptions=[],
        )
        elderly = group("elderly")
        save_offer(
            OfferFactory.build(organization=other), other.owner, locations=other.locations.all(), groups=[elderly]
        )
        registry.suspend_listing(suspended, at=timezone.now(), reason="无证经营")


def test_many_changes_to_several_merchants_in_one_transaction_enqueue_one_reindex(
    laundry, clock, queued_tasks, django_capture_on_commit_callbacks
):
    other, suspended = listed_merchant("红星家政服务部"), listed_merchant("便民修鞋铺")

    with django_capture_on_commit_callbacks(execute=True):
        change_three_merchants_at_once(laundry, other, suspended)

    assert reindexed(queued_tasks) == [sorted([laundry.pk, other.pk, suspended.pk])]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_reindex_per_transaction_holds_when_it_really_commits(laundry_category, clock, queued_tasks):
    """As in production: the events are delivered by Django after a real commit, one callback each, not by the
    test's capture of the callbacks."""
    laundry = listed_merchant("幸福里洗衣店", laundry_category)
    other, suspended = listed_merchant("红星家政服务部"), listed_merchant("便民修鞋铺")

    change_three_merchants_at_once(laundry, other, suspended)

    assert reindexed(queued_tasks) == [sorted([laundry.pk, other.pk, suspended.pk])]
    assert [message.subject for message in mail.outbox if suspended.owner.email in message.to]  # the events went


def test_a_transaction_that_rolls_back_sends_no_event_and_enqueues_nothing(
    laundry, clock, queued_tasks, django_capture_on_commit_callbacks
):
    heard = []

    @receiver(merchant_changed)
    def listen(sender, **details):
        heard.append(details)

    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
            edit_public_profile(laundry.owner, laundry, {"description": "干洗、湿洗、熨烫"})
            registry.suspend_listing(laundry, at=timezone.now(), reason="无证经营")
            raise RuntimeError("the request failed after the acts")
    finally:
        merchant_changed.disconnect(listen)

    assert heard == []
    assert reindexed(queued_tasks) == []
    assert mail.outbox == []
    laundry.refresh_from_db()
    assert laundry.listing_status == ListingStatus.ACTIVE
    assert MerchantSearchEntry.objects.filter(pk=laundry.pk).exists()


def test_no_model_save_reindexes_by_itself(laundry, queued_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        laundry.description = "只改了模型"
        laundry.save()

    assert reindexed(queued_tasks) == []
