import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation

from market import clock_source
from market.accounts.roles import Role
from market.discounts import codes
from market.discounts.models import EligibilityProof
from market.discounts.services import redemption
from market.discounts.services.benefit_codes import issue_benefit_code
from tests.discounts.factories import EligibilityFactory, OfferFactory, group
from tests.factories import LocationFactory, OrganizationFactory, UserFactory

# Wednesday 11 March 2026, 10:00 in Nanjing.
WEDNESDAY = datetime.date(2026, 3, 11)


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def new_key() -> str:
    return uuid.uuid4().hex


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, whatever the Chinese catalog says."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    storage = EligibilityProof._meta.get_field("file").storage
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
class Counter:
    """A listed merchant with an outlet and an offer for laid-off workers, and an eligible resident with a code."""

    merchant: object
    staff: object
    outlet: object
    offer: object
    resident: object
    code: object

    @property
    def short_code(self) -> str:
        return codes.formatted_short_code(self.code)

    def redeem(self, amount="100.00", **changes):
        arguments = {
            "code": self.short_code,
            "offer": self.offer,
            "location": self.outlet,
            "amount_before": amount,
            "staff": self.staff,
            "idempotency_key": new_key(),
        }
        return redemption.redeem(**{**arguments, **changes})


def eligible_resident(group_code="registered-unemployed", **eligibility):
    resident = UserFactory(role=Role.RESIDENT)
    EligibilityFactory(resident=resident, group=group(group_code), **eligibility)
    return resident


@pytest.fixture
def counter(db, clock) -> Counter:
    merchant = OrganizationFactory()
    outlet = LocationFactory(organization=merchant)
    offer = OfferFactory(organization=merchant, locations=[outlet], groups=[group("registered-unemployed")])
    resident = eligible_resident()
    return Counter(
        merchant=merchant,
        staff=merchant.owner,
        outlet=outlet,
        offer=offer,
        resident=resident,
        code=issue_benefit_code(resident),
    )


@dataclass
class People:
    reviewer: object
    approver: object
    administrator: object


@pytest.fixture
def people(db):
    return People(
        reviewer=UserFactory(role=Role.REVIEWER),
        approver=UserFactory(role=Role.APPROVER),
        administrator=UserFactory(role=Role.ADMINISTRATOR),
    )
