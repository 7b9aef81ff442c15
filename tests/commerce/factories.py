"""Factories of the marketplace.

service = BookableServiceFactory(organization=merchant, locations=[outlet])          # ¥80 a visit
laundry = BookableServiceFactory(organization=merchant, locations=[outlet], micro_profit_service=washing)
PaymentAccountFactory(organization=merchant)                                          # ready to take payments
"""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from market.commerce.models import BookableService, PaymentAccount, PricingUnit
from tests.factories import CategoryFactory, OrganizationFactory


class PaymentAccountFactory(DjangoModelFactory):
    """A connected account Stripe has cleared for charges and payouts, unless told."""

    class Meta:
        model = PaymentAccount

    organization = factory.SubFactory(OrganizationFactory)
    stripe_account_id = factory.Sequence(lambda number: f"acct_linli{number:08d}")
    details_submitted = True
    charges_enabled = True
    payouts_enabled = True


class BookableServiceFactory(DjangoModelFactory):
    """A home-cleaning visit at ¥80, booked for a time with 2 hours' notice, free to cancel until 24 hours before."""

    class Meta:
        model = BookableService
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda number: f"家庭保洁{number}")
    name_en = factory.Sequence(lambda number: f"Home cleaning {number}")
    amount = Decimal("80.00")
    unit = PricingUnit.VISIT
    at_home = True

    @factory.post_generation
    def locations(service, create, extracted, **kwargs):
        if create and extracted:
            service.locations.set(extracted)
