"""The operator's commands: a rebuild that swaps the alias without a gap, and a drift check that finds what
the sync missed and repairs it."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from market.registry.models import ListingStatus, Location, Organization
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.engine import elasticsearch_client
from search.indexes import alias_name, delete_document, indices_behind_alias
from search.models import MerchantSearchEntry
from search.query import SearchQuery
from search.service import search_merchants
from search.sync import write_to_index
from tests.factories import LocationFactory, OrganizationFactory


def run(command: str, *arguments) -> str:
    output = io.StringIO()
    call_command(command, *arguments, stdout=output)
    return output.getvalue()


def rebuild(*arguments) -> str:
    # One process: forked workers would not see the test's uncommitted register.
    return run("rebuild_search_index", "--workers=1", *arguments)


def drift_failing() -> tuple[int, str]:
    output = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("search_index_drift", stdout=output)
    return exit_status.value.code, output.getvalue()


@pytest.fixture
def register(db):
    """Three listed merchants with an outlet each, and one suspended."""
    listed = [OrganizationFactory(name=f"邻里洗衣店{number}", alternate_name="") for number in range(3)]
    for organization in listed:
        LocationFactory(organization=organization)
    OrganizationFactory(name="停业洗衣店", alternate_name="", listing_status=ListingStatus.SUSPENDED)
    return listed


def indexed_ids() -> set[int]:
    client = elasticsearch_client()
    client.indices.refresh(index=alias_name())
    hits = client.search(index=alias_name(), size=100, source=False)["hits"]["hits"]
    return {int(hit["_id"]) for hit in hits}


def test_a_database_only_rebuild_writes_the_entries_of_listed_merchants(register, settings):
    settings.ELASTICSEARCH_URL = ""

    output = rebuild("--database-only")

    assert set(MerchantSearchEntry.objects.values_list("pk", flat=True)) == {merchant.pk for merchant in register}
    assert "3/3 100%" in output, "the progress line"
    assert "3 listed merchants indexed" in output
    assert "Database search entries: 3." in output


def test_an_elasticsearch_rebuild_needs_elasticsearch(register, settings):
    settings.ELASTICSEARCH_URL = ""

    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        rebuild("--elasticsearch-only")


@pytest.mark.requires_service("elasticsearch")
def test_a_rebuild_swaps_the_alias_and_deletes_the_old_index(register, elasticsearch_index):
    rebuild()
    (first,) = indices_behind_alias()
    newcomer = OrganizationFactory(name="新开洗衣店", alternate_name="")

    output = rebuild("--elasticsearch-only")

    (second,) = indices_behind_alias()
    assert second != first
    assert not elasticsearch_client().indices.exists(index=first)
    assert indexed_ids() == {merchant.pk for merchant in [*register, newcomer]}
    assert f"4 documents in {second}; alias switched; deleted the old index: {first}" in output
    assert not MerchantSearchEntry.objects.filter(pk=newcomer.pk).exists(), "--elasticsearch-only left the entries"


@pytest.mark.requires_service("elasticsearch")
def test_drift_finds_a_missing_an_extra_and_a_changed_merchant_and_repairs_them(register, elasticsearch_index):
    rebuild()
    missing, stale, _ = register
    extra = OrganizationFactory(name="无证洗衣店", alternate_name="", listing_status=ListingStatus.REVOKED)
    # What lost updates leave behind: a document deleted, one never deleted, one from before a change.
    delete_document(missing.pk)
    old_copy = {"name": "旧名洗衣店", "updated_at": "2020-01-01T00:00:00+08:00"}
    write_to_index(
        [
            {"_index": alias_name(), "_id": str(extra.pk), "_source": {"name": extra.name}},
            {"_index": alias_name(), "_id": str(stale.pk), "_source": old_copy},
        ],
        refresh=True,
    )

    status, report = drift_failing()

    assert status == 1
    assert "database: 3 listed in the register, 3 in the store" in report
    assert "elasticsearch: 3 listed in the register, 3 in the store" in report
    assert f"missing (1): {missing.pk}" in report
    assert f"extra (1): {extra.pk}" in report
    assert f"changed (1): {stale.pk}" in report

    output = run("search_index_drift", "--repair")

    assert "Repaired 3 merchants." in output
    assert indexed_ids() == {merchant.pk for merchant in register}
    assert run("search_index_drift").endswith("No drift.\n")


def found(backend, text: str) -> list[int]:
    return [hit.id for hit in search_merchants(SearchQuery(text=text), backend=backend).hits]


@pytest.mark.parametrize(
    "store", ["database", pytest.param("elasticsearch", marks=pytest.mark.requires_service("elasticsearch"))]
)
def test_a_name_and_an_address_changed_by_bulk_sql_are_found_by_the_drift_check_and_repaired(
    register, settings, request, store
):
    if store == "elasticsearch":
        request.getfixturevalue("elasticsearch_index")
        backends = [DatabaseBackend(), ElasticsearchBackend()]
    else:
        settings.ELASTICSEARCH_URL = ""
        backends = [DatabaseBackend()]
    rebuild()
    renamed, moved, _ = register
    before = Organization.objects.get(pk=renamed.pk).updated_at
    # Bulk SQL, as a data fix run by hand would: no event, and updated_at left as it was.
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Organization._meta.db_table} SET name = %s WHERE id = %s", ["翠竹洗染店", renamed.pk])
    Location.objects.filter(organization=moved).update(address_1="栖霞大道88号")
    assert Organization.objects.get(pk=renamed.pk).updated_at == before
    assert all(found(backend, "翠竹") == [] for backend in backends)

    status, report = drift_failing()

    assert status == 1
    for backend in backends:
        store_name = "database" if backend.name == "database" else "elasticsearch"
        counts = f"{store_name}: 3 listed in the register, 3 in the store"
        assert f"{counts}\n  changed (2): {renamed.pk}, {moved.pk}" in report

    assert "Repaired 2 merchants." in run("search_index_drift", "--repair")
    assert run("search_index_drift").endswith("No drift.\n")
    for backend in backends:
        assert found(backend, "翠竹") == [renamed.pk]
        assert found(backend, "栖霞大道") == [moved.pk]
