import datetime

import pytest
from django.utils import timezone, translation

from market import clock_source
from market.accounts.roles import Role
from market.jobs import services
from market.jobs.models import JobApplication
from tests.discounts.factories import EligibilityFactory, group
from tests.factories import LocationFactory, UserFactory

# Wednesday 11 March 2026, 10:00 in Nanjing.
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
    storage = JobApplication._meta.get_field("cv").storage
    monkeypatch.setattr(storage, "base_location", str(tmp_path))
    monkeypatch.setattr(storage, "location", str(tmp_path))
    return tmp_path


# The acts whose events (and so emails) follow the commit.
ACTS = [
    "publish_post",
    "update_post",
    "close_post",
    "take_down_post",
    "apply",
    "invite",
    "decline",
    "record_hire",
    "withdraw",
]


@pytest.fixture(autouse=True)
def events_when_an_act_returns(db, monkeypatch, django_capture_on_commit_callbacks):
    """The test's own transaction never commits: each act's after-commit events run as it returns, as if it had
    committed. An act that is refused rolls back, and its events are dropped as in production."""
    for name in ACTS:
        act = getattr(services, name)

        def committed(*args, _act=act, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return _act(*args, **kwargs)

        monkeypatch.setattr(services, name, committed)


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


def laid_off_resident(**changes):
    """A resident verified as registered unemployed (持就业失业登记证), for a year from today."""
    resident = UserFactory(role=Role.RESIDENT, **changes)
    EligibilityFactory(resident=resident, group=group("registered-unemployed"))
    return resident


@pytest.fixture
def outlet(db, clock):
    """A listed merchant's outlet (the factory's merchant is listed)."""
    return LocationFactory()
