import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation

from market import clock_source
from market.accounts.roles import Role
from market.feedback.models import ComplaintEvidence
from tests.factories import LocationFactory, OrganizationFactory, UserFactory

# Wednesday 11 March 2026, 10:00 in Nanjing: an ordinary working week.
WEDNESDAY = datetime.date(2026, 3, 11)


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, whatever the Chinese catalog says."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    storage = ComplaintEvidence._meta.get_field("file").storage
    monkeypatch.setattr(storage, "base_location", str(tmp_path))
    monkeypatch.setattr(storage, "location", str(tmp_path))


class Clock:
    def set(self, day: datetime.date, hour: int = 10, minute: int = 0):
        clock_source.set_now(at(day, hour, minute))

    def advance(self, **delta):
        clock_source.set_now(clock_source.now() + datetime.timedelta(**delta))


@pytest.fixture
def clock():
    clock = Clock()
    clock.set(WEDNESDAY)
    yield clock
    clock_source.set_now(None)


@dataclass
class Shop:
    """A listed laundry with two outlets, its merchant account, and residents and bureau staff around it."""

    merchant: object
    owner: object
    outlet: object
    second_outlet: object
    resident: object
    neighbour: object
    reviewer: object
    approver: object


@pytest.fixture
def shop(db, clock) -> Shop:
    merchant = OrganizationFactory(alternate_name="邻里洗衣", name_en="Linli Laundry Co.")
    return Shop(
        merchant=merchant,
        owner=merchant.owner,
        outlet=LocationFactory(organization=merchant, name="新街口店"),
        second_outlet=LocationFactory(organization=merchant, name="鼓楼店"),
        resident=UserFactory(role=Role.RESIDENT, display_name="王女士", email="wang@example.cn"),
        neighbour=UserFactory(role=Role.RESIDENT, display_name="李先生"),
        reviewer=UserFactory(role=Role.REVIEWER),
        approver=UserFactory(role=Role.APPROVER),
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an act as if its transaction committed, so that the emails and signals it causes are sent."""

    def run(act, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return act(*args, **kwargs)

    return run
