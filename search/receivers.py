"""How search follows the domain: every event that changes what a merchant shows residents reindexes that merchant
in the background, one task per transaction; a merchant that leaves the register is removed from search at once,
with the task as a safety net. SearchConfig.ready() imports this module.

One reindex per transaction. The domain's events are delivered after the commit, each by its own callback, so no
receiver can tell which event is a transaction's last. Search therefore notes the merchants an event concerns when
the event is queued (`market.events.event_queued`, still inside the transaction) in this thread's pending set, and
registers with `transaction.on_commit` a callback that enqueues the whole set: the first callback to run after the
commit enqueues one task for every merchant the transaction changed, the later ones find the set empty. A
transaction that rolls back runs no callback and sends no event; the ids it noted are reindexed with the next
batch, which is harmless.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from market.commerce.signals import catalogue_changed
from market.discounts.models import EligibilityGroup
from market.discounts.signals import micro_profit_service_changed, micro_profit_terms_changed, offer_changed
from market.events import event_queued
from market.feedback.signals import ratings_changed
from market.licensing.signals import application_state_changed
from market.places.models import Community, District, Subdistrict
from market.registry.models import Category, ListingStatus, Organization
from market.registry.signals import category_tree_changed, listing_status_changed, merchant_changed
from search.filters import forget_choices
from search.models import Synonym
from search.presentation import forget_facet_names
from search.service import forget_category_keys
from search.sync import remove_merchant_now
from search.synonyms import forget_synonyms
from search.tasks import reindex
from search.vocabulary import vocabulary_changed

# Each event that changes a merchant's search record -> the ids of the merchants it concerns, from its details.
MERCHANTS_CONCERNED = {
    merchant_changed: lambda organization_ids, **details: organization_ids,
    listing_status_changed: lambda organization, **details: [organization.pk],
    # A change application's approval rewrites the merchant's names and categories.
    application_state_changed: lambda application, **details: [application.organization_id],
    category_tree_changed: lambda organization_ids, **details: organization_ids,
    offer_changed: lambda offer, **details: [offer.organization_id],
    micro_profit_service_changed: lambda service, **details: [service.organization_id],
    micro_profit_terms_changed: lambda organization_ids, **details: organization_ids,
    # A bookable service added, changed or withdrawn: the merchant's "bookable online" mark.
    catalogue_changed: lambda organization, **details: [organization.pk],
    # A review published, edited or taken down: the card's rating (records read market.feedback.ratings).
    ratings_changed: lambda organization_ids, **details: organization_ids,
}


class _Pending(threading.local):
    def __init__(self):
        self.organization_ids: set[int] = set()


_pending = _Pending()


def reindex_on_commit(organization_ids) -> None:
    """Reindex these merchants, with every other one noted in this transaction, once it commits (at once outside
    a transaction)."""
    organization_ids = {pk for pk in organization_ids if pk is not None}
    if not organization_ids:
        return
    _pending.organization_ids |= organization_ids
    # Robust: a queue that cannot be reached must not fail the request that committed; the drift check catches up.
    transaction.on_commit(enqueue_pending_reindex, robust=True)


def enqueue_pending_reindex() -> None:
    if not _pending.organization_ids:
        return
    organization_ids, _pending.organization_ids = sorted(_pending.organization_ids), set()
    reindex.enqueue(organization_ids)


def discard_pending_reindex() -> None:
    """Forget the ids noted by transactions that rolled back (for tests that count tasks)."""
    _pending.organization_ids = set()


# -- the domain's events -------------------------------------------------------------------------------------


@receiver(event_queued, dispatch_uid="search.note_merchants_to_reindex")
def note_merchants_to_reindex(sender, event, details, **kwargs):
    concerned = MERCHANTS_CONCERNED.get(event)
    if concerned is not None:
        reindex_on_commit(concerned(**details))


@receiver(listing_status_changed, sender=Organization, dispatch_uid="search.listing_status_changed")
def remove_unlisted_merchant(sender, organization, to_status, **kwargs):
    if to_status != ListingStatus.ACTIVE:
        remove_merchant_now(organization.pk)


@receiver(category_tree_changed, sender=Category, dispatch_uid="search.category_tree_changed")
def forget_categories(sender, **kwargs):
    forget_category_keys()
    forget_facet_names()
    forget_choices()


# Places and eligibility groups have no events of their own (administrators edit them in the admin, and loaders
# write them): their model signals clear the filter lists and facet names that show them.
@receiver([post_save, post_delete], sender=District, dispatch_uid="search.district_changed")
@receiver([post_save, post_delete], sender=Subdistrict, dispatch_uid="search.subdistrict_changed")
@receiver([post_save, post_delete], sender=Community, dispatch_uid="search.community_changed")
@receiver([post_save, post_delete], sender=EligibilityGroup, dispatch_uid="search.eligibility_group_changed")
def places_or_groups_changed(sender, **kwargs):
    forget_facet_names()
    forget_choices()


# -- search's own data: the synonym list ---------------------------------------------------------------------
# Model signals, not a domain event: the list belongs to search, and post_delete also follows the admin's bulk
# delete (a queryset delete).


@receiver([post_save, post_delete], sender=Synonym, dispatch_uid="search.synonyms_changed")
def synonyms_changed(sender, **kwargs):
    forget_synonyms()
    # Which words name a service, and which query words are read as one phrase, come from the list: the
    # vocabularies (and what they corrected against it) are read afresh too.
    vocabulary_changed()
