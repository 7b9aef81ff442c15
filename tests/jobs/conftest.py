import pytest

from market.accounts.roles import Role
from market.jobs import services
from tests.discounts.factories import EligibilityFactory, group
from tests.factories import LocationFactory, UserFactory


@pytest.fixture(autouse=True)
def _english_and_private_files(english, private_files):
    """Every test here: messages in English, private files in a temporary folder (tests/conftest.py)."""


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


def laid_off_resident(**changes):
    """A resident verified as registered unemployed (持就业失业登记证), for a year from today."""
    resident = UserFactory(role=Role.RESIDENT, **changes)
    EligibilityFactory(resident=resident, group=group("registered-unemployed"))
    return resident


@pytest.fixture
def outlet(db, clock):
    """A listed merchant's outlet (the factory's merchant is listed)."""
    return LocationFactory()
