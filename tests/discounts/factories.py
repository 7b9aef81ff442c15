"""Factories for the discount tracker. Users, merchants and outlets come from tests/factories.py.

laid_off = group("registered-unemployed")            # the groups are seeded by a migration
EligibilityFactory(resident=resident, group=laid_off)  # verified, valid for a year from today
offer = OfferFactory(organization=merchant, locations=[outlet], groups=[laid_off], amount=10)
"""

import datetime
import itertools
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from market import clock_source
from market.discounts import identity
from market.discounts.models import (
    Eligibility,
    EligibilityGroup,
    MicroProfitService,
    MicroProfitServiceType,
    Offer,
    OfferKind,
)
from tests.factories import CategoryFactory, OrganizationFactory

# A PDF small enough to read, for proof uploads.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

_id_numbers = itertools.count(1)


def id_number(born: datetime.date = datetime.date(1980, 1, 1)) -> str:
    """A fresh 居民身份证号 with a right check digit (Nanjing address codes, a sequence of the tests' own)."""
    number = next(_id_numbers)
    return identity.make_id_number(f"3201{number // 1000 % 100:02d}", born, number % 1000)


def applicant(born: datetime.date = datetime.date(1980, 1, 1), real_name: str = "王小明") -> dict:
    """The name and ID number an application is made with: `apply_for_eligibility(r, g, **applicant())`."""
    return {"real_name": real_name, "id_number": id_number(born)}


class EligibilityGroupFactory(DjangoModelFactory):
    """A further group an administrator added: `EligibilityGroupFactory(code="students")`."""

    class Meta:
        model = EligibilityGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda number: f"group-{number}")
    name = factory.Sequence(lambda number: f"优惠人群{number}")
    name_en = factory.Sequence(lambda number: f"Group {number}")


def group(code: str) -> EligibilityGroup:
    """One of the seeded groups, e.g. "registered-unemployed", "minimum-living-allowance", "elderly" (made again
    by code where a transactional test flushed the seeded rows).
    """
    return EligibilityGroupFactory(code=code)


class EligibilityFactory(DjangoModelFactory):
    """A verified eligibility, from today for a year unless told: `EligibilityFactory(resident=r, group=g)`."""

    class Meta:
        model = Eligibility

    group = factory.SubFactory(EligibilityGroupFactory)
    valid_from = factory.LazyFunction(clock_source.today)
    valid_until = factory.LazyAttribute(lambda eligibility: eligibility.valid_from + datetime.timedelta(days=365))


class OfferFactory(DjangoModelFactory):
    """10% off, up to ¥20, from today, no quota, unless told. Give its outlets and groups:

    OfferFactory(organization=merchant, locations=[outlet], groups=[laid_off], total_quota=1)
    """

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda number: f"Offer {number}")
    kind = OfferKind.PERCENT
    amount = Decimal("10")
    maximum_discount = Decimal("20.00")
    valid_from = factory.LazyFunction(clock_source.today)

    @factory.post_generation
    def locations(offer, create, extracted, **kwargs):
        if create and extracted:
            offer.locations.set(extracted)

    @factory.post_generation
    def groups(offer, create, extracted, **kwargs):
        if create and extracted:
            offer.groups.set(extracted)


class MicroProfitServiceTypeFactory(DjangoModelFactory):
    """A bureau's terms: price cap ¥30, subsidy ¥5 a unit: `MicroProfitServiceTypeFactory(category=laundry)`."""

    class Meta:
        model = MicroProfitServiceType

    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda number: f"微利服务{number}")
    name_en = factory.Sequence(lambda number: f"Micro-profit service {number}")
    unit = "次"
    price_cap = Decimal("30.00")
    subsidy_per_unit = Decimal("5.00")
    valid_from = datetime.date(2026, 1, 1)


class MicroProfitServiceFactory(DjangoModelFactory):
    """A merchant's listed service, priced ¥25 (under the factory type's cap)."""

    class Meta:
        model = MicroProfitService

    organization = factory.SubFactory(OrganizationFactory)
    service_type = factory.SubFactory(MicroProfitServiceTypeFactory)
    name = factory.Sequence(lambda number: f"洗衣服务{number}")
    price = Decimal("25.00")
