"""How the search layer follows the register: every change to what a merchant shows residents schedules one
background reindex of that merchant after the transaction commits; a merchant that leaves the register is
removed from search at once, with the task as a safety net. SearchConfig.ready() imports this module.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from market.licensing.signals import application_state_changed
from market.registry.models import (
    Category,
    ListingStatus,
    Location,
    Organization,
    Schedule,
    ScheduleException,
    Service,
)
from market.registry.signals import listing_status_changed
from search.models import Synonym
from search.service import forget_category_keys
from search.sync import remove_merchant_now
from search.synonyms import forget_synonyms
from search.tasks import reindex


class PendingReindex:
    """The merchants changed in one transaction, enqueued as one task when it commits: saving a merchant,
    its three outlets and their hours costs one reindex, not eight."""

    def __init__(self, organization_ids: set[int]):
        self.organization_ids = organization_ids
        self.enqueued = False

    def __call__(self):
        self.enqueued = True
        reindex.enqueue(sorted(self.organization_ids))


def reindex_after_commit(organization_ids) -> None:
    organization_ids = {pk for pk in organization_ids if pk is not None}
    if not organization_ids:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, PendingReindex) and not callback.enqueued:
                callback.organization_ids |= organization_ids
                return
    # Robust: a queue that cannot be reached must not undo the merchant's change; drift repair catches up.
    transaction.on_commit(PendingReindex(organization_ids), robust=True)


def _organization_of_location(location_id: int) -> set[int]:
    return set(Location.objects.filter(pk=location_id).values_list("organization_id", flat=True))


def _merchants_in_category(category: Category) -> set[int]:
    """Merchants filed under the category or one of its sub-categories, directly or through a service."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    subtree, pending = set(), [category.pk]
    while pending:
        current = pending.pop()
        subtree.add(current)
        pending += children.get(current, [])
    direct = Organization.objects.filter(categories__in=subtree).values_list("pk", flat=True)
    through_services = Service.objects.filter(category__in=subtree).values_list("organization_id", flat=True)
    return set(direct) | set(through_services)


# -- the register ----------------------------------------------------------------------------------------


@receiver([post_save, post_delete], sender=Organization, dispatch_uid="search.organization_changed")
def organization_changed(sender, instance, **kwargs):
    reindex_after_commit({instance.pk})


@receiver(post_delete, sender=Organization, dispatch_uid="search.organization_deleted")
def organization_deleted(sender, instance, **kwargs):
    transaction.on_commit(partial(remove_merchant_now, instance.pk), robust=True)


@receiver(m2m_changed, sender=Organization.categories.through, dispatch_uid="search.organization_categories")
def organization_categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if not reverse:
        if action != "pre_clear":
            reindex_after_commit({instance.pk})
    elif action == "pre_clear":
        # Clearing a category's merchants: only now, before the links go, can they be named.
        reindex_after_commit(set(instance.organizations.values_list("pk", flat=True)))
    elif pk_set:
        reindex_after_commit(pk_set)


@receiver([post_save, post_delete], sender=Location, dispatch_uid="search.location_changed")
@receiver([post_save, post_delete], sender=Service, dispatch_uid="search.service_changed")
def outlet_or_service_changed(sender, instance, **kwargs):
    reindex_after_commit({instance.organization_id})


@receiver([post_save, post_delete], sender=Schedule, dispatch_uid="search.schedule_changed")
@receiver([post_save, post_delete], sender=ScheduleException, dispatch_uid="search.schedule_exception_changed")
def hours_changed(sender, instance, **kwargs):
    reindex_after_commit(_organization_of_location(instance.location_id))


@receiver(post_save, sender=Category, dispatch_uid="search.category_saved")
@receiver(pre_delete, sender=Category, dispatch_uid="search.category_deleted")
def category_changed(sender, instance, **kwargs):
    # Before a delete, while the category's merchants can still be found.
    reindex_after_commit(_merchants_in_category(instance))


@receiver(listing_status_changed, dispatch_uid="search.listing_status_changed")
def listing_status_followed(sender, organization, to_status, **kwargs):
    if to_status != ListingStatus.ACTIVE:
        remove_merchant_now(organization.pk)
    reindex_after_commit({organization.pk})


@receiver(application_state_changed, dispatch_uid="search.application_state_changed")
def application_state_followed(sender, application, **kwargs):
    # An approved change application rewrites the merchant's names and categories.
    reindex_after_commit({application.organization_id})


# -- the search layer's own cached terms ------------------------------------------------------------------


@receiver([post_save, post_delete], sender=Synonym, dispatch_uid="search.synonyms_changed")
def synonyms_changed(sender, **kwargs):
    forget_synonyms()


@receiver([post_save, post_delete], sender=Category, dispatch_uid="search.categories_changed")
def categories_changed(sender, **kwargs):
    forget_category_keys()
