"""Reports read from the streaming replica when DATABASE_REPLICA_URL configures one; everything else, and every
write, stays on the primary; without a replica nothing changes."""

import pytest
from django.db import router
from django.test import override_settings

from market.database_replica import REPLICA, ReplicaRouter, _reading_replica, reading_replica
from market.registry.models import Organization

REPLICA_DATABASES = {"default": {}, REPLICA: {}}


class Recorder(ReplicaRouter):
    """The router, noting for each read of a model whether it ran inside reading_replica (with no replica
    configured in the tests, the reads themselves stay on the test database)."""

    reads: list[tuple[str, bool]] = []

    def db_for_read(self, model, **hints):
        self.reads.append((model._meta.label, _reading_replica.get()))
        return super().db_for_read(model, **hints)


@override_settings(DATABASES=REPLICA_DATABASES)
def test_only_reads_inside_the_block_go_to_the_replica():
    replica_router = ReplicaRouter()

    assert replica_router.db_for_read(Organization) is None
    with reading_replica():
        assert replica_router.db_for_read(Organization) == REPLICA
        assert replica_router.db_for_write(Organization) == "default", "writes never go to the replica"
    assert replica_router.db_for_read(Organization) is None, "the block ends with its reads"
    assert replica_router.allow_migrate("default", "registry") is True
    assert replica_router.allow_migrate(REPLICA, "registry") is False


def test_without_a_replica_configured_the_block_reads_the_primary(settings):
    assert REPLICA not in settings.DATABASES
    with reading_replica():
        assert ReplicaRouter().db_for_read(Organization) is None
        assert router.db_for_read(Organization) == "default"


@pytest.mark.django_db
def test_a_discount_report_page_reads_its_rows_through_the_replica(admin_client, settings):
    """The report's aggregate runs inside reading_replica; the signed-in user is read from the primary."""
    settings.DATABASE_ROUTERS = ["tests.test_database_replica.Recorder"]
    Recorder.reads.clear()

    response = admin_client.get("/admin/discounts/reports/savings_by_month/")

    assert response.status_code == 200
    assert ("discounts.Redemption", True) in Recorder.reads
    assert ("accounts.User", True) not in Recorder.reads, "the signed-in user is read from the primary"
