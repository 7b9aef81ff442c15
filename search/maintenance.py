"""Whole-register upkeep of search: the rebuild (database entries and a new Elasticsearch index from one pass
over the register, the alias swapped at the end) and the drift check between the register and each store.

Records are built once per merchant and written to both stores. On PostgreSQL, worker processes build them
and send their documents to Elasticsearch, while this process writes the database entries in one transaction;
SQLite keeps one process.
"""

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from django.db import connection, connections, transaction
from django.utils import timezone
from elasticsearch.helpers import scan, streaming_bulk

from market.registry.models import Organization
from search.analysis import segment_for_index
from search.backends.database import clear_entries, tidy_entries, write_entries
from search.documents import index_action
from search.engine import elasticsearch_client
from search.indexes import alias_name, create_index, switch_alias
from search.models import MerchantSearchEntry, PendingRemoval
from search.records import MerchantRecord, merchant_records
from search.sync import forget_pending_removals, reindex_merchants
from search.vocabulary import vocabulary_changed

# Long enough for a bulk request under load; searches keep their short timeout.
BULK_TIMEOUT_SECONDS = 120
BATCH_SIZE = 500


def listed_ids() -> list[int]:
    return list(Organization.objects.listed().order_by("pk").values_list("pk", flat=True))


def default_workers() -> int:
    return 1 if connection.vendor == "sqlite" else max(1, min(4, os.cpu_count() or 1))


def _index_batch(records: list[MerchantRecord], index: str) -> int:
    client = elasticsearch_client().options(request_timeout=BULK_TIMEOUT_SECONDS)
    actions = (index_action(record, index) for record in records)
    return sum(ok for ok, _item in streaming_bulk(client, actions, chunk_size=BATCH_SIZE, max_retries=2))


def _build_batch(organization_ids: list[int], index: str | None) -> tuple[list[MerchantRecord], int]:
    """Build a batch's records and, when there is an index, write their documents to it. Returns the records
    (for the database entries, written by the parent in its one transaction) and how many documents were
    written."""
    records = list(merchant_records(Organization.objects.filter(pk__in=organization_ids), chunk_size=BATCH_SIZE))
    return records, (_index_batch(records, index) if index and records else 0)


def _start_worker() -> None:
    """A forked worker must not touch the parent's connections (it shares their sockets): it starts with new
    connection objects. Closing in the parent is not enough: a connection opened in another context, such as
    the greenlet a browser test ran in, is out of its reach. psycopg never closes a connection from a child."""
    for alias in connections:
        connections[alias] = connections.create_connection(alias)
    elasticsearch_client.cache_clear()


@contextmanager
def batch_builder(workers: int, index: str | None):
    """A function from batches of merchant ids to (records, documents written), run by `workers` processes,
    so that building records and sending them to Elasticsearch use every core."""
    build = partial(_build_batch, index=index)
    # Inside a transaction, other processes could not see its uncommitted rows, and closing the connection
    # would end it: build in this process.
    if workers <= 1 or connection.in_atomic_block:
        yield partial(map, build)
        return
    # Warm the segmenter once, so the workers inherit its dictionary instead of each loading it.
    segment_for_index("邻里")
    connections.close_all()
    # An executor rather than multiprocessing's Pool: when a batch fails, the batches not started are cancelled and
    # the running ones finish before the error goes on. Pool.terminate could wait forever on its task thread,
    # which hung a test run once.
    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker)
    try:
        yield partial(executor.map, build)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


@dataclass
class RebuildResult:
    merchants: int
    entries: int = 0
    documents: int = 0
    index: str | None = None
    replaced: list[str] = field(default_factory=list)


def rebuild_search(
    *,
    database: bool = True,
    elasticsearch: bool = True,
    workers: int | None = None,
    advance: Callable[[int], None] = lambda count: None,
) -> RebuildResult:
    """Rebuild the chosen stores from the register. The database entries are replaced in one transaction and
    the index is built beside the live one, so searches see the old state until the new one is complete."""
    started = timezone.now()
    organization_ids = listed_ids()
    result = RebuildResult(merchants=len(organization_ids))
    workers = default_workers() if workers is None else workers
    client = elasticsearch_client().options(request_timeout=BULK_TIMEOUT_SECONDS) if elasticsearch else None
    if client is not None:
        result.index = create_index(client)
        # No refreshes while loading: set back before the alias points at it.
        client.indices.put_settings(index=result.index, settings={"refresh_interval": "-1"})
    id_batches = [organization_ids[start : start + BATCH_SIZE] for start in range(0, len(organization_ids), BATCH_SIZE)]
    try:
        with batch_builder(workers, result.index) as build, transaction.atomic():
            if database:
                clear_entries()
            for records, documents in build(id_batches):
                if database:
                    result.entries += write_entries(records)
                result.documents += documents
                advance(len(records))
    except BaseException:
        # A half-built index is never switched to; do not leave it behind either.
        if client is not None:
            client.options(ignore_status=404).indices.delete(index=result.index)
        raise
    if database:
        tidy_entries()
    if client is not None:
        client.indices.put_settings(index=result.index, settings={"refresh_interval": None})
        client.indices.refresh(index=result.index)
        result.replaced = switch_alias(result.index, client=client)
        # The new index holds listed merchants only: what was pending removal before the rebuild began is gone.
        PendingRemoval.objects.filter(noted_at__lt=started).delete()
        forget_pending_removals()
    vocabulary_changed()
    return result


# -- drift -----------------------------------------------------------------------------------------------
# Each copy of a merchant (a database entry, an Elasticsearch document) carries the content hash of the record it
# was written from. The check builds every listed merchant's record afresh from the register and compares hashes,
# so it finds what no event announced: a name or an address changed by a bulk SQL UPDATE, which leaves the
# merchant's updated_at alone too. It costs a record build per merchant (a rebuild without the writes).


@dataclass
class Drift:
    """How one store differs from the register's listed merchants."""

    store: str
    register_count: int
    store_count: int
    missing: list[int]  # listed, but not in the store
    extra: list[int]  # in the store, but not listed (suspended, revoked, expired, deleted)
    changed: list[int]  # in the store, with other content than the register's today

    @property
    def differing(self) -> list[int]:
        return sorted({*self.missing, *self.extra, *self.changed})


def _compare(store: str, register: dict[int, str], copies: dict[int, str]) -> Drift:
    return Drift(
        store=store,
        register_count=len(register),
        store_count=len(copies),
        missing=sorted(register.keys() - copies.keys()),
        extra=sorted(copies.keys() - register.keys()),
        changed=sorted(pk for pk, copied in copies.items() if pk in register and copied != register[pk]),
    )


def register_hashes(workers: int | None = None) -> dict[int, str]:
    """The content hash of every listed merchant's record, built afresh from the register."""
    organization_ids = listed_ids()
    workers = default_workers() if workers is None else workers
    batches = [organization_ids[start : start + BATCH_SIZE] for start in range(0, len(organization_ids), BATCH_SIZE)]
    hashes = {}
    with batch_builder(workers, None) as build:
        for records, _ in build(batches):
            hashes.update((record.id, record.content_hash) for record in records)
    return hashes


def database_drift(register: dict[int, str]) -> Drift:
    return _compare("database", register, dict(MerchantSearchEntry.objects.values_list("pk", "content_hash")))


def index_drift(register: dict[int, str]) -> Drift:
    client = elasticsearch_client().options(request_timeout=BULK_TIMEOUT_SECONDS)
    hits = scan(client, index=alias_name(), query={"query": {"match_all": {}}}, _source=["content_hash"], size=5000)
    copies = {int(hit["_id"]): hit["_source"].get("content_hash") or "" for hit in hits}
    return _compare("elasticsearch", register, copies)


def repair(drifts: list[Drift]) -> int:
    """Reindex every merchant that differs anywhere (both stores, so they agree again)."""
    differing = sorted({pk for drift in drifts for pk in drift.differing})
    if differing:
        reindex_merchants(differing)
    return len(differing)
