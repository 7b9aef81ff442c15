"""Factories for the licensing models. Users and merchants come from tests/factories.py.

food = LicenceTypeFactory(code="food-business", required_for_categories=[catering])
LicenceFactory(organization=merchant, licence_type=food, valid_to=datetime.date(2026, 4, 30))
"""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from market.licensing.models import (
    Application,
    ApplicationKind,
    CategoryReviewPolicy,
    Licence,
    LicenceType,
    LicensingFee,
)
from market.registry.models import ListingStatus
from tests.factories import CategoryFactory, OrganizationFactory

# A PDF small enough to read: the content checks of uploads belong to the portal, not to these models.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class LicenceTypeFactory(DjangoModelFactory):
    """A licence type, required for the categories given: `LicenceTypeFactory(required_for_categories=[c])`."""

    class Meta:
        model = LicenceType
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda number: f"licence-{number}")
    name = factory.Sequence(lambda number: f"许可证{number}")
    name_en = factory.Sequence(lambda number: f"Permit {number}")
    issuing_authority = "南京市市场监督管理局"
    legal_basis = "《中华人民共和国行政许可法》"

    @factory.post_generation
    def required_for_categories(licence_type, create, extracted, **kwargs):
        if create and extracted:
            licence_type.required_for_categories.set(extracted)


class LicenceFactory(DjangoModelFactory):
    """A licence on record (no application), valid for a year from 2026-01-01 unless told."""

    class Meta:
        model = Licence

    organization = factory.SubFactory(OrganizationFactory)
    licence_type = factory.SubFactory(LicenceTypeFactory)
    number = factory.Sequence(lambda number: f"JY1320100{number:07d}")
    issuing_authority = "南京市市场监督管理局"
    valid_from = datetime.date(2026, 1, 1)
    valid_to = datetime.date(2026, 12, 31)
    file = factory.django.FileField(filename="licence.pdf", data=PDF_BYTES)


class CategoryReviewPolicyFactory(DjangoModelFactory):
    """How long a category's public notice runs: `CategoryReviewPolicyFactory(public_notice_working_days=0)`."""

    class Meta:
        model = CategoryReviewPolicy

    category = factory.SubFactory(CategoryFactory)
    public_notice_working_days = 5


class ApplicationFactory(DjangoModelFactory):
    """A draft application by the merchant's owner for an unlisted merchant. Move it on with the services."""

    class Meta:
        model = Application

    kind = ApplicationKind.NEW
    organization = factory.SubFactory(OrganizationFactory, listing_status=ListingStatus.UNLISTED, listed_at=None)
    applicant = factory.SelfAttribute("organization.owner")


class LicensingFeeFactory(DjangoModelFactory):
    """A line of the fee schedule with its legal basis, for every category and kind unless told:
    `LicensingFeeFactory(amount=Decimal("30.00"), category=catering, kind=ApplicationKind.NEW)`."""

    class Meta:
        model = LicensingFee

    amount = Decimal("30.00")
    legal_basis = "《示范行政法规》第十二条"
    effective_from = datetime.date(2026, 1, 1)
