import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from market.accounts.roles import Role
from market.discounts import claims, codes
from market.discounts.services import redemption
from market.discounts.services.benefit_codes import issue_benefit_card, issue_benefit_code, issue_typed_code
from market.discounts.services.eligibility import apply_for_eligibility
from market.discounts.services.micro_profit_services import record_micro_profit_sale
from tests.clock import WEDNESDAY
from tests.discounts.factories import (
    PDF_BYTES,
    EligibilityFactory,
    MicroProfitServiceFactory,
    MicroProfitServiceTypeFactory,
    OfferFactory,
    applicant,
    group,
)
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, UserFactory


def new_key() -> str:
    return uuid.uuid4().hex


@pytest.fixture(autouse=True)
def _english_and_private_files(english, private_files):
    """Every test here: messages in English, private files in a temporary folder (tests/conftest.py)."""


def typed_code(resident) -> str:
    """A fresh one-time code of the resident's, as they would read it out: "K7QMX-2HRWA"."""
    return codes.grouped(issue_typed_code(resident)[1])


def code_for(resident) -> str:
    """A code to type for a resident, issuing their benefit code first where they have none."""
    if not resident.benefit_codes.filter(revoked_at__isnull=True).exists():
        issue_benefit_code(resident)
    return typed_code(resident)


def card_number(resident) -> str:
    """A printed card for the resident, issued by an administrator: a code that can be used again and again."""
    return issue_benefit_card(resident, UserFactory(role=Role.ADMINISTRATOR))[1]


@dataclass
class Counter:
    """A listed merchant with an outlet and an offer for laid-off workers, and an eligible resident with a code
    and a printed card (`card`, reusable, what `redeem` shows unless told)."""

    merchant: object
    staff: object
    outlet: object
    offer: object
    resident: object
    code: object
    card: str = ""

    @property
    def short_code(self) -> str:
        """A fresh one-time code to type, each time it is asked for."""
        return typed_code(self.resident)

    def qr(self) -> str:
        """What the QR code on the resident's phone holds now."""
        return codes.qr_payload(self.code)

    def redeem(self, amount="100.00", **changes):
        arguments = {
            "code": self.card,
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
    code = issue_benefit_code(resident)
    return Counter(
        merchant=merchant,
        staff=merchant.owner,
        outlet=outlet,
        offer=offer,
        resident=resident,
        code=code,
        card=card_number(resident),
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


@pytest.fixture
def application(db, clock):
    """A resident's application to be verified as registered unemployed, with a PDF proof."""
    resident = UserFactory(role=Role.RESIDENT)
    proof = SimpleUploadedFile("证明.pdf", PDF_BYTES, content_type="application/pdf")
    return apply_for_eligibility(resident, group("registered-unemployed"), proofs=[proof], **applicant())


@pytest.fixture
def claim(db, clock):
    """A laundry's submitted subsidy claim for five shirts washed on Wednesday (¥2.00 each), for one resident."""
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    shirt_washing = MicroProfitServiceTypeFactory(
        category=laundry, price_cap=Decimal("8.00"), subsidy_per_unit=Decimal("2.00")
    )
    merchant = OrganizationFactory(categories=[laundry])
    service = MicroProfitServiceFactory(organization=merchant, service_type=shirt_washing, price=Decimal("7.50"))
    outlet = LocationFactory(organization=merchant)
    card = card_number(eligible_resident())
    for quantity in (2, 3):
        record_micro_profit_sale(
            service=service,
            location=outlet,
            quantity=quantity,
            code=card,
            staff=merchant.owner,
            idempotency_key=new_key(),
        )
    clock.set(WEDNESDAY + datetime.timedelta(days=1))
    return claims.submit_claim(merchant, merchant.owner, WEDNESDAY, WEDNESDAY)
