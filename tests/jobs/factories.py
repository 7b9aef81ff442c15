"""Factories for flexible work. Users, merchants and outlets come from tests/factories.py.

post = JobPostFactory(location=outlet)                       # open, ¥30 an hour, published now, window from now
post = JobPostFactory(published_at=days_ago(3))             # past its priority window
JobApplicationFactory(post=post, resident=resident)          # sent, with a short profile
DistrictMinimumWageFactory(district=district, hourly_minimum=Decimal("26.00"))
"""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from market import clock_source
from market.jobs.models import DistrictMinimumWage, JobApplication, JobKind, JobPost, PayUnit
from tests.factories import CategoryFactory, LocationFactory, UserFactory

WINDOW = datetime.timedelta(hours=48)


class JobPostFactory(DjangoModelFactory):
    """An open part-time post at a new listed merchant's outlet, 4 hours a day, 5 days a week, ¥30 an hour,
    starting today for 60 days, 2 places, published now (its priority window runs 48 hours from then)."""

    class Meta:
        model = JobPost

    location = factory.SubFactory(LocationFactory)
    organization = factory.SelfAttribute("location.organization")
    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda number: f"门店兼职店员{number}")
    kind = JobKind.PART_TIME
    shifts = "周一至周五 8:00–12:00"
    hours_per_day = Decimal("4")
    days_per_week = 5
    pay_amount = Decimal("30.00")
    pay_unit = PayUnit.HOUR
    starts_on = factory.LazyFunction(clock_source.today)
    ends_on = factory.LazyAttribute(lambda post: post.starts_on + datetime.timedelta(days=60))
    places = 2
    description = "整理货架、收银、帮助老人取货。"
    training_given = True
    published_by = factory.SelfAttribute("organization.owner")
    published_at = factory.LazyFunction(clock_source.now)
    priority_until = factory.LazyAttribute(lambda post: post.published_at + WINDOW)


class JobApplicationFactory(DjangoModelFactory):
    """A resident's application, sent now: `JobApplicationFactory(post=post, resident=resident)`."""

    class Meta:
        model = JobApplication

    post = factory.SubFactory(JobPostFactory)
    resident = factory.SubFactory(UserFactory)
    full_name = factory.SelfAttribute("resident.display_name")
    phone = factory.SelfAttribute("resident.phone")
    availability = "工作日上午"
    experience = "在超市做过三年理货员。"
    applied_at = factory.LazyFunction(clock_source.now)


class DistrictMinimumWageFactory(DjangoModelFactory):
    """A district's own minimum hourly wage: `DistrictMinimumWageFactory(district=d, hourly_minimum=...)`."""

    class Meta:
        model = DistrictMinimumWage

    hourly_minimum = Decimal("26.00")
    source = "测试区人社局公告"
