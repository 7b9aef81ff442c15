"""Factories for resident feedback. Users, merchants and outlets come from tests/factories.py.

review = ReviewFactory(location=outlet, rating=4)           # published, by a new resident
held = ReviewFactory(location=outlet, state=ReviewState.PENDING, screening_flags=["link"])
complaint = ComplaintFactory(organization=merchant)          # received today from a new resident
asked = ComplaintFactory(organization=merchant, state=ComplaintState.AWAITING_MERCHANT, merchant_request="...")

They write rows as they are, like a fixture: to test an act, call the service (services.submit_review, ...), which
also keeps the averages and the audit trail. `recount(organization)` brings the averages in line with the rows.
"""

import factory
from factory.django import DjangoModelFactory

from market import clock_source
from market.accounts.roles import Role
from market.feedback import ratings, screening, services
from market.feedback.models import (
    BlockedWord,
    Complaint,
    ComplaintCategory,
    ComplaintState,
    Review,
    ReviewState,
)
from tests.factories import LocationFactory, OrganizationFactory, UserFactory


class ReviewFactory(DjangoModelFactory):
    """A published review of a new outlet by a new resident, 4 stars: `ReviewFactory(location=outlet, rating=2)`."""

    class Meta:
        model = Review

    location = factory.SubFactory(LocationFactory)
    organization = factory.SelfAttribute("location.organization")
    author = factory.SubFactory(UserFactory, role=Role.RESIDENT)
    rating = 4
    text = factory.Sequence(lambda number: f"服务周到，价格公道，第{number}次来还会再来。")
    fingerprint = factory.LazyAttribute(lambda review: screening.fingerprint(review.text))
    state = ReviewState.PUBLISHED
    created_at = factory.LazyFunction(clock_source.now)
    updated_at = factory.SelfAttribute("created_at")
    published_at = factory.LazyAttribute(
        lambda review: review.created_at if review.state == ReviewState.PUBLISHED else None
    )


class ComplaintFactory(DjangoModelFactory):
    """A complaint about a listed merchant's prices from a new resident, received now, answer due in 15 working
    days: `ComplaintFactory(organization=merchant, category=ComplaintCategory.SAFETY)`."""

    class Meta:
        model = Complaint

    organization = factory.SubFactory(OrganizationFactory)
    complainant = factory.SubFactory(UserFactory, role=Role.RESIDENT)
    category = ComplaintCategory.PRICE
    description = "洗一件衬衫收了二十元，价目表上写的是八元，店员不肯退差价。"
    state = ComplaintState.RECEIVED
    received_at = factory.LazyFunction(clock_source.now)
    due_on = factory.LazyFunction(lambda: services.complaint_due_on(clock_source.today()))


class BlockedWordFactory(DjangoModelFactory):
    """A word an administrator blocked: `BlockedWordFactory(word="骗子")`."""

    class Meta:
        model = BlockedWord
        django_get_or_create = ("word",)

    word = factory.Sequence(lambda number: f"blocked{number}")


def recount(organization) -> None:
    ratings.recount(organization.pk, organization.locations.values_list("pk", flat=True))
