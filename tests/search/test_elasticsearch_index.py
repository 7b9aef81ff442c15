"""The merchant index on Elasticsearch: rebuilt behind its alias without a gap, and kept to listed merchants."""

import pytest

from market.registry.models import ListingStatus
from search.engine import elasticsearch_client
from search.indexes import alias_name, delete_document, indices_behind_alias
from search.maintenance import rebuild_search
from search.query import SearchQuery
from search.service import search_merchants
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory

pytestmark = pytest.mark.requires_service("elasticsearch")


@pytest.fixture
def housekeeper(db):
    organization = OrganizationFactory(
        name="红星家政服务公司", alternate_name="", categories=[CategoryFactory(code="housekeeping", name="家政服务")]
    )
    LocationFactory(organization=organization)
    return organization


def found(elasticsearch_engine, text: str) -> list[int]:
    return [hit.id for hit in search_merchants(SearchQuery(text=text), backend=elasticsearch_engine.backend).hits]


def test_a_rebuild_swaps_the_alias_to_a_new_index_and_drops_the_old(elasticsearch_engine, housekeeper):
    first = rebuild_search(database=False)
    assert first.documents == 1
    newcomer = OrganizationFactory(name="蓝天家政", alternate_name="")

    second = rebuild_search(database=False)

    assert second.documents == 2
    assert second.index != first.index
    assert second.replaced == [first.index]
    assert indices_behind_alias() == [second.index]
    assert not elasticsearch_client().indices.exists(index=first.index)
    assert set(found(elasticsearch_engine, "家政")) == {housekeeper.pk, newcomer.pk}


def test_the_index_mapping_is_explicit_and_strict(elasticsearch_engine, housekeeper):
    index = rebuild_search(database=False).index
    mapping = elasticsearch_client().indices.get_mapping(index=alias_name())[index]["mappings"]

    assert mapping["dynamic"] == "strict"
    assert mapping["properties"]["outlets"]["type"] == "nested"
    assert mapping["properties"]["outlets"]["properties"]["weekly_minutes"]["type"] == "integer_range"
    assert mapping["properties"]["suggest"]["type"] == "completion"
    assert "index_prefixes" in mapping["properties"]["pinyin"]


def test_only_listed_merchants_are_indexed_and_a_deleted_document_is_gone_at_once(elasticsearch_engine, housekeeper):
    OrganizationFactory(name="洁净家政", alternate_name="", listing_status=ListingStatus.SUSPENDED)
    rebuild_search(database=False)
    assert found(elasticsearch_engine, "家政") == [housekeeper.pk]

    assert delete_document(housekeeper.pk) is True

    assert found(elasticsearch_engine, "家政") == []
    assert delete_document(housekeeper.pk) is False


def test_the_index_has_a_replica_only_when_a_cluster_is_configured(elasticsearch_index, settings):
    from search.indexes import create_index

    single = create_index()
    settings.ELASTICSEARCH_REPLICAS = 1
    clustered = create_index()

    replicas = {
        name: elasticsearch_client().indices.get_settings(index=name)[name]["settings"]["index"]["number_of_replicas"]
        for name in (single, clustered)
    }
    assert replicas == {single: "0", clustered: "1"}
