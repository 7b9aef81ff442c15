"""A listed merchant posts a job; pay below the bureau's minimum, hours beyond part-time work and impossible dates
are refused with a message and nothing written; the merchant closes a post early."""

import datetime
from decimal import Decimal

import pytest

from market import clock_source
from market.accounts.roles import Role
from market.errors import NotPermitted
from market.jobs import services
from market.jobs.errors import JobsError
from market.jobs.models import JobKind, JobPost, JobPostState, JobsSettings, PayUnit
from market.registry.models import ListingStatus
from tests.factories import LocationFactory, UserFactory
from tests.jobs.factories import DistrictMinimumWageFactory, JobApplicationFactory, JobPostFactory
from tests.jobs.helpers import new_post, written


def test_a_listed_merchant_publishes_a_post_open_first_to_the_registered_unemployed(outlet):
    post = services.publish_post(new_post(outlet), outlet.organization.owner)

    post.refresh_from_db()
    assert post.state == JobPostState.OPEN
    assert post.published_at == clock_source.now()
    assert post.priority_until == clock_source.now() + datetime.timedelta(hours=48)
    assert post.hourly_pay == Decimal("25.00")
    assert list(services.public_posts()) == [post]


def test_the_priority_window_follows_the_bureaus_setting(outlet):
    settings = JobsSettings.load()
    settings.priority_window_hours = 0
    settings.save()

    post = services.publish_post(new_post(outlet), outlet.organization.owner)

    assert post.priority_until == post.published_at
    assert not post.in_priority_window(clock_source.now())


def refused(post, actor) -> JobsError:
    before = written()
    with pytest.raises(JobsError) as refusal:
        services.publish_post(post, actor)
    assert written() == before
    return refusal.value


def test_pay_below_the_minimum_hourly_wage_is_refused_and_nothing_is_written(outlet):
    error = refused(new_post(outlet, pay_amount=Decimal("20.00")), outlet.organization.owner)

    assert error.field == "pay_amount"
    assert str(error).startswith("¥20.00 an hour is below the minimum hourly wage of ¥23.50 in")
    assert "Jiangsu minimum wage standard" in str(error)  # the source the bureau gave


def test_pay_per_day_is_compared_per_hour_of_the_working_day(outlet):
    owner = outlet.organization.owner
    error = refused(new_post(outlet, pay_amount=Decimal("90.00"), pay_unit=PayUnit.DAY), owner)
    assert "¥90.00 a day for 4 hours is ¥22.50 an hour, below the minimum hourly wage of ¥23.50" in str(error)

    post = services.publish_post(new_post(outlet, pay_amount=Decimal("100.00"), pay_unit=PayUnit.DAY), owner)
    assert post.hourly_pay == Decimal("25.00")


def test_a_district_with_its_own_minimum_wage_is_held_to_it(outlet):
    DistrictMinimumWageFactory(district=outlet.district, hourly_minimum=Decimal("26.00"))
    elsewhere = LocationFactory(organization=outlet.organization)

    error = refused(new_post(outlet, pay_amount=Decimal("25.00")), outlet.organization.owner)
    assert "minimum hourly wage of ¥26.00" in str(error)
    assert "测试区人社局公告" in str(error)
    assert services.publish_post(new_post(elsewhere, pay_amount=Decimal("25.00")), outlet.organization.owner).pk


def test_the_administrator_raises_the_city_minimum_and_lower_pay_is_refused_from_then_on(outlet):
    settings = JobsSettings.load()
    settings.minimum_hourly_wage = Decimal("26.00")
    settings.save()

    refused(new_post(outlet, pay_amount=Decimal("25.00")), outlet.organization.owner)


def test_part_time_work_is_at_most_four_hours_a_day_and_twenty_four_a_week(outlet):
    owner = outlet.organization.owner
    error = refused(new_post(outlet, hours_per_day=Decimal("5")), owner)
    assert "Labour Contract Law, Art. 68" in str(error)
    refused(new_post(outlet, hours_per_day=Decimal("4"), days_per_week=7), owner)

    post = services.publish_post(new_post(outlet, kind=JobKind.SEASONAL, hours_per_day=Decimal("8")), owner)
    assert post.hours_per_week == Decimal("40")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": datetime.date(2026, 3, 10)}, "The end date is before the start date."),
        (
            {"starts_on": datetime.date(2026, 3, 1), "ends_on": datetime.date(2026, 3, 5)},
            "The end date has passed.",
        ),
        ({"starts_on": datetime.date(2026, 3, 1)}, "The start date has passed: give today or a later day."),
        ({"places": 0}, "Give the number of places, from 1 to 500."),
        ({"title": "  "}, "Give the post a title."),
        ({"description": ""}, "Say what the work involves."),
        ({"shifts": ""}, "Say when the work is done: the hours or shifts."),
    ],
)
def test_a_post_that_cannot_be_true_is_refused(outlet, changes, message):
    assert str(refused(new_post(outlet, **changes), outlet.organization.owner)) == message


def test_a_merchant_posts_only_for_its_own_listed_business_at_its_own_outlets(outlet):
    other_merchant = LocationFactory()
    before = written()
    with pytest.raises(NotPermitted):
        services.publish_post(new_post(outlet), other_merchant.organization.owner)
    with pytest.raises(NotPermitted):
        services.publish_post(new_post(outlet), UserFactory(role=Role.RESIDENT))
    error = refused(new_post(outlet, location=other_merchant), outlet.organization.owner)
    assert str(error) == "Choose one of this business's own outlets."
    assert written() == before

    outlet.organization.listing_status = ListingStatus.SUSPENDED
    outlet.organization.save()
    error = refused(new_post(outlet), outlet.organization.owner)
    assert str(error) == "Your business must be listed on the public register before it can post jobs."


def test_the_merchant_closes_a_post_early_and_it_leaves_the_jobs_page(outlet):
    post = JobPostFactory(location=outlet)
    with pytest.raises(NotPermitted):
        services.close_post(post, LocationFactory().organization.owner)

    services.close_post(post, outlet.organization.owner)

    post.refresh_from_db()
    assert post.state == JobPostState.CLOSED
    assert post.closed_at == clock_source.now()
    assert not services.public_posts().exists()
    before = written()
    with pytest.raises(JobsError, match="already closed"):
        services.close_post(post, outlet.organization.owner)
    assert written() == before


def test_the_merchant_corrects_an_open_post_but_never_below_the_places_already_filled(outlet):
    post = JobPostFactory(location=outlet, places=2)
    JobApplicationFactory(post=post, state="hired", hired_at=clock_source.now())
    owner = outlet.organization.owner

    post.title = "周末收银"
    services.update_post(post, owner)
    assert JobPost.objects.get(pk=post.pk).title == "周末收银"

    before = written()
    post.places = 0
    with pytest.raises(JobsError):
        services.update_post(post, owner)
    post = JobPost.objects.get(pk=post.pk)
    post.pay_amount = Decimal("10.00")
    with pytest.raises(JobsError, match="below the minimum"):
        services.update_post(post, owner)
    assert written() == before
