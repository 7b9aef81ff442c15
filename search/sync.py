"""Keeping the search entries and the Elasticsearch index in step with the register, a few merchants at a time.

Both stores are written: the database entries always (they answer when Elasticsearch is down), the index when
Elasticsearch is configured and its alias exists. Before the first `rebuild_search_index` there is no alias,
and writing to its name would make Elasticsearch invent an index with a guessed mapping.
"""

import logging

from django.core.cache import cache
from elasticsearch.exceptions import ApiError, TransportError
from elasticsearch.helpers import streaming_bulk

from market.registry.models import Organization
from search.backends.database import refresh_entries
from search.documents import index_action
from search.engine import elasticsearch_client, elasticsearch_configured
from search.indexes import alias_name, delete_document, indices_behind_alias
from search.models import MerchantSearchEntry, PendingRemoval
from search.records import merchant_records
from search.request_reads import forget_read, read_with_search, shared_get
from search.vocabulary import vocabulary_changed

logger = logging.getLogger(__name__)


def index_actions(organization_ids, index: str):
    """Bulk actions that make the index agree with the register for these merchants: the listed ones
    (re)indexed, every other one deleted."""
    wanted = set(organization_ids)
    for record in merchant_records(Organization.objects.filter(pk__in=wanted)):
        wanted.discard(record.id)
        yield index_action(record, index)
    for organization_id in sorted(wanted):
        yield {"_op_type": "delete", "_index": index, "_id": str(organization_id)}


def write_to_index(actions, client=None, refresh: bool = False) -> int:
    """Send bulk actions; a delete of a document that is not there is no error. Returns how many succeeded."""
    client = client or elasticsearch_client()
    written = 0
    for ok, _item in streaming_bulk(client, actions, chunk_size=500, max_retries=2, ignore_status=(404,)):
        written += ok
    if refresh:
        client.indices.refresh(index=alias_name())
    # The index's words changed: the next search corrects typos against the new ones (every process: the version
    # is in the shared cache). Said after the write, so that no search in between reads the old words as new.
    vocabulary_changed()
    return written


def reindex_merchants(organization_ids) -> int:
    """Bring these merchants' search entries and index documents up to date. Returns how many are listed."""
    organization_ids = sorted(set(organization_ids))
    listed = refresh_entries(organization_ids)
    if elasticsearch_configured() and indices_behind_alias():
        # Refresh so that a resident who just saved a change sees it on the next search.
        write_to_index(index_actions(organization_ids, alias_name()), refresh=True)
        # Their documents agree with the register now: those deleted need no leaving out any more.
        if PendingRemoval.objects.filter(pk__in=organization_ids).delete()[0]:
            forget_pending_removals()
    return listed


def remove_merchant_now(organization_id: int) -> None:
    """Take a merchant out of every search at once (suspension, revocation, expiry, deletion). When Elasticsearch
    cannot be reached, the merchant is noted as a pending removal, which Elasticsearch searches leave out (so its
    document counts in no total), and the failure logged: the background task and the drift check delete it."""
    MerchantSearchEntry.objects.filter(pk=organization_id).delete()
    if elasticsearch_configured():
        try:
            delete_document(organization_id)
        except (TransportError, ApiError) as error:
            PendingRemoval.objects.get_or_create(organization_id=organization_id)
            forget_pending_removals()
            logger.warning("Could not remove merchant %s from Elasticsearch at once: %s", organization_id, error)
    vocabulary_changed()


PENDING_REMOVALS_CACHE = read_with_search("search:pending-removals")
# Where the cache is each process's own (no REDIS_URL), another process's removal reaches this one within this time.
PENDING_REMOVALS_SECONDS = 10


def pending_removals() -> list[int]:
    """Merchants off the register whose Elasticsearch documents may still be there (usually none). Read on every
    Elasticsearch search, so cached; every change to the list clears it."""
    removed = shared_get(PENDING_REMOVALS_CACHE)
    if removed is None:
        removed = list(PendingRemoval.objects.values_list("pk", flat=True))
        cache.set(PENDING_REMOVALS_CACHE, removed, PENDING_REMOVALS_SECONDS)
        forget_read(PENDING_REMOVALS_CACHE)
    return removed


def forget_pending_removals() -> None:
    cache.delete(PENDING_REMOVALS_CACHE)
