"""Every refusal of flexible work is a message in the person's language (here Chinese, the site's default) and
writes nothing: no post, application or state changes, no email."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation

from market import clock_source
from market.accounts.roles import Role
from market.errors import AppError
from market.jobs import services
from market.jobs.models import JobKind, JobPostState
from market.registry.models import ListingStatus
from tests.factories import LocationFactory, UserFactory
from tests.jobs.conftest import laid_off_resident
from tests.jobs.factories import JobApplicationFactory, JobPostFactory
from tests.jobs.helpers import new_post, written

CHINESE = re.compile(r"[\u4e00-\u9fff]")
PROFILE = {"full_name": "李红梅", "phone": "13912345678", "availability": "工作日上午"}


def suspended(outlet):
    outlet.organization.listing_status = ListingStatus.SUSPENDED
    outlet.organization.save()
    return outlet


def hired(post):
    return JobApplicationFactory(post=post, state="hired", hired_at=clock_source.now())


REFUSALS = {
    "pay below the minimum": lambda w: services.publish_post(new_post(w.outlet, pay_amount=Decimal("20")), w.owner),
    "pay per day below the minimum": lambda w: services.publish_post(
        new_post(w.outlet, pay_amount=Decimal("80"), pay_unit="day"), w.owner
    ),
    "part-time beyond four hours": lambda w: services.publish_post(
        new_post(w.outlet, kind=JobKind.PART_TIME, hours_per_day=Decimal("6")), w.owner
    ),
    "end before start": lambda w: services.publish_post(
        new_post(w.outlet, ends_on=clock_source.today() - datetime.timedelta(days=1)), w.owner
    ),
    "no title": lambda w: services.publish_post(new_post(w.outlet, title=""), w.owner),
    "another merchant's outlet": lambda w: services.publish_post(new_post(w.outlet), w.other_owner),
    "a suspended merchant posts": lambda w: services.publish_post(new_post(suspended(w.outlet)), w.owner),
    "a resident posts": lambda w: services.publish_post(new_post(w.outlet), w.resident),
    "apply in the window": lambda w: services.apply(w.post, w.resident, **PROFILE),
    "apply to an ended post": lambda w: services.apply(w.ended, w.laid_off, **PROFILE),
    "apply to a closed post": lambda w: services.apply(w.closed, w.laid_off, **PROFILE),
    "apply to a filled post": lambda w: services.apply(w.filled, w.laid_off, **PROFILE),
    "apply twice": lambda w: services.apply(w.post, w.applicant, **PROFILE),
    "apply without a phone": lambda w: services.apply(w.post, w.laid_off, **{**PROFILE, "phone": ""}),
    "a merchant applies": lambda w: services.apply(w.post, w.other_owner, **PROFILE),
    "hire beyond the places": lambda w: services.record_hire(w.waiting_on_filled, w.owner),
    "invite twice": lambda w: services.invite(w.invited, w.owner),
    "decide another merchant's applicant": lambda w: services.decline(w.application, w.other_owner),
    "withdraw after the hire": lambda w: services.withdraw(w.hire, w.hire.resident),
    "withdraw someone else's": lambda w: services.withdraw(w.application, w.laid_off),
    "close twice": lambda w: services.close_post(w.closed, w.owner),
    "change a closed post": lambda w: services.update_post(w.closed, w.owner),
    "take down without a reason": lambda w: services.take_down_post(w.post, w.reviewer, " "),
    "take down twice": lambda w: services.take_down_post(w.taken_down, w.reviewer, "违规"),
    "a merchant takes down": lambda w: services.take_down_post(w.post, w.other_owner, "违规"),
    "open a CV that was not sent": lambda w: services.open_cv(w.application, w.application.resident),
}


class World:
    def __init__(self):
        self.outlet = LocationFactory()
        self.owner = self.outlet.organization.owner
        self.other_owner = LocationFactory().organization.owner
        self.resident = UserFactory(role=Role.RESIDENT)
        self.laid_off = laid_off_resident()
        self.reviewer = UserFactory(role=Role.REVIEWER)
        self.post = JobPostFactory(location=self.outlet)
        self.applicant = laid_off_resident()
        self.application = JobApplicationFactory(post=self.post, resident=self.applicant)
        self.invited = JobApplicationFactory(post=self.post, state="invited", invited_at=clock_source.now())
        self.hire = hired(self.post)
        self.ended = JobPostFactory(
            location=self.outlet,
            starts_on=clock_source.today() - datetime.timedelta(days=30),
            ends_on=clock_source.today() - datetime.timedelta(days=1),
        )
        self.closed = JobPostFactory(location=self.outlet, state=JobPostState.CLOSED)
        self.taken_down = JobPostFactory(location=self.outlet, state=JobPostState.TAKEN_DOWN)
        self.filled = JobPostFactory(location=self.outlet, places=1)
        hired(self.filled)
        self.waiting_on_filled = JobApplicationFactory(post=self.filled)


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_every_refusal_is_a_translated_message_and_writes_nothing(outlet, case):
    world = World()
    before = written()

    with translation.override("zh-hans"):
        with pytest.raises(AppError) as refusal:
            REFUSALS[case](world)
        message = str(refusal.value)

    assert CHINESE.search(message), message
    assert written() == before
