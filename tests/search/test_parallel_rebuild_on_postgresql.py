"""The rebuild as operators run it: worker processes build the records and send them to Elasticsearch while
the parent writes the database entries. Committed rows are needed (workers cannot see a test's transaction),
so these tests run on PostgreSQL with Elasticsearch."""

import pytest
from elasticsearch.helpers import BulkIndexError

from search import maintenance
from search.engine import elasticsearch_client
from search.indexes import alias_name, indices_behind_alias
from search.models import MerchantSearchEntry
from tests.factories import LocationFactory, OrganizationFactory

pytestmark = [
    pytest.mark.requires_service("postgresql"),
    pytest.mark.requires_service("elasticsearch"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def small_batches(monkeypatch):
    # Several batches from a dozen merchants, so that both workers get some.
    monkeypatch.setattr(maintenance, "BATCH_SIZE", 3)


@pytest.fixture
def laundries(elasticsearch_index, small_batches):
    merchants = [OrganizationFactory(name=f"邻里洗衣店{number}", alternate_name="") for number in range(12)]
    for merchant in merchants:
        LocationFactory(organization=merchant)
    return merchants


def indexed_ids() -> set[int]:
    client = elasticsearch_client()
    hits = client.search(index=alias_name(), size=100, source=False)["hits"]["hits"]
    return {int(hit["_id"]) for hit in hits}


def test_two_workers_index_every_batch_and_the_parent_writes_every_entry(laundries):
    result = maintenance.rebuild_search(workers=2)

    expected = {merchant.pk for merchant in laundries}
    assert (result.documents, result.entries) == (12, 12)
    assert indexed_ids() == expected
    assert set(MerchantSearchEntry.objects.values_list("pk", flat=True)) == expected


def test_a_document_refused_in_a_worker_leaves_the_live_index_and_the_entries_as_they_were(laundries):
    live = maintenance.rebuild_search(workers=2).index
    # Elasticsearch refuses a position off the globe; the register's decimal field does not.
    LocationFactory(organization=laundries[7], latitude="123.000000")
    entries_before = set(MerchantSearchEntry.objects.values_list("pk", "updated_at"))
    documents_before = indexed_ids()

    with pytest.raises(BulkIndexError):
        maintenance.rebuild_search(workers=2)

    assert indices_behind_alias() == [live]
    assert elasticsearch_client().indices.get(index=f"{alias_name()}-*").body.keys() == {live}, "no half-built index"
    assert indexed_ids() == documents_before
    assert set(MerchantSearchEntry.objects.values_list("pk", "updated_at")) == entries_before, "rolled back"
