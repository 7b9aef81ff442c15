from dataclasses import dataclass

import pytest

from market.accounts.roles import Role
from tests.factories import LocationFactory, OrganizationFactory, UserFactory


@pytest.fixture(autouse=True)
def _english_and_private_files(english, private_files):
    """Every test here: messages in English, private files in a temporary folder (tests/conftest.py)."""


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
