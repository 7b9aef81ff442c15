"""Applying and hiring: the registered unemployed apply first, everyone after the window; the merchant invites,
declines or records a hire for its own posts only; the resident follows each step by email in their language and
may withdraw until hired. Every refusal writes nothing."""

import datetime

import pytest
from django.core import mail
from django.test import Client

from market import clock_source
from market.accounts.roles import Role
from market.errors import NotPermitted
from market.jobs import services
from market.jobs.errors import JobsError
from market.jobs.models import JobApplication, JobApplicationState
from market.registry.models import ListingStatus
from tests.factories import LocationFactory, UserFactory
from tests.jobs.conftest import laid_off_resident
from tests.jobs.factories import JobApplicationFactory, JobPostFactory
from tests.jobs.helpers import written

PROFILE = {"full_name": "李红梅", "phone": "13912345678", "availability": "工作日上午", "experience": "做过收银。"}


def apply(post, resident, **changes):
    return services.apply(post, resident, **{**PROFILE, **changes})


def refused_to(post, resident, **changes) -> str:
    before = written()
    with pytest.raises(JobsError) as refusal:
        apply(post, resident, **changes)
    assert written() == before
    return str(refusal.value)


@pytest.fixture
def post(outlet):
    """Published a moment ago: in its 48-hour priority window."""
    return JobPostFactory(location=outlet, places=1)


def test_a_verified_unemployed_resident_applies_during_the_priority_window(post):
    resident = laid_off_resident(preferred_language="en")

    application = apply(post, resident)

    assert application.state == JobApplicationState.SUBMITTED
    assert application.priority_applicant
    subjects = [message.subject for message in mail.outbox]
    assert f"Your application for “{post.title}” was sent" in subjects
    assert any(message.to == [post.organization.owner.email] for message in mail.outbox)


def test_another_resident_waits_until_the_window_ends_then_applies(post, clock):
    resident = UserFactory(role=Role.RESIDENT)

    message = refused_to(post, resident)
    assert message.startswith("Until 2026-03-13 10:00 this post is open only to residents verified as")
    assert services.refusal_to_apply(post, resident) is not None

    clock.advance(hours=48)
    application = apply(post, resident)
    assert not application.priority_applicant


def test_an_eligibility_of_another_group_gives_no_priority(post):
    from tests.discounts.factories import EligibilityFactory, group

    elderly = UserFactory(role=Role.RESIDENT)
    EligibilityFactory(resident=elderly, group=group("elderly"))
    refused_to(post, elderly)


def test_an_expired_post_takes_no_applications(post, clock):
    resident = laid_off_resident()
    clock.set(post.ends_on + datetime.timedelta(days=1))

    assert refused_to(post, resident) == (
        f"This post ended on {post.ends_on:%Y-%m-%d} and takes no more applications."
    )
    assert not services.public_posts().exists()


def test_closed_taken_down_filled_and_suspended_posts_take_no_applications(outlet):
    resident = laid_off_resident()
    closed = JobPostFactory(location=outlet, state="closed")
    taken_down = JobPostFactory(location=outlet, state="taken_down")
    filled = JobPostFactory(location=outlet, places=1)
    JobApplicationFactory(post=filled, state="hired", hired_at=clock_source.now())

    assert refused_to(closed, resident) == "The merchant has closed this post: it takes no more applications."
    assert refused_to(taken_down, resident) == "This post was taken down by the bureau and takes no applications."
    assert refused_to(filled, resident) == "All places of this post are filled."
    open_post = JobPostFactory(location=outlet)
    outlet.organization.listing_status = ListingStatus.SUSPENDED
    outlet.organization.save()
    open_post.refresh_from_db()
    assert refused_to(open_post, resident).startswith("This merchant is not listed at the moment")


def test_one_application_per_post_and_a_second_after_withdrawing(post):
    resident = laid_off_resident()
    first = apply(post, resident)

    assert refused_to(post, resident) == "You have already applied to this post."
    services.withdraw(first, resident)
    second = apply(post, resident)
    assert second.pk != first.pk


def test_a_merchant_cannot_apply_and_a_profile_needs_a_name_phone_and_availability(post):
    before = written()
    with pytest.raises(NotPermitted):
        apply(post, post.organization.owner)
    assert written() == before
    resident = laid_off_resident()
    assert refused_to(post, resident, full_name=" ") == "Give your name."
    assert refused_to(post, resident, phone="call me") == "Give a mobile phone number the merchant can call."
    assert refused_to(post, resident, availability="") == "Say when you can work."


def test_the_merchant_invites_then_hires_and_the_resident_hears_each_step_in_their_language(post):
    resident = laid_off_resident(preferred_language="zh-hans")
    application = apply(post, resident)
    merchant = post.organization.owner
    mail.outbox.clear()

    services.invite(application, merchant, "请周四上午十点来店里面谈。")
    services.record_hire(application, merchant)

    application.refresh_from_db()
    assert application.state == JobApplicationState.HIRED
    assert application.invited_at and application.hired_at
    assert [message.to for message in mail.outbox] == [[resident.email], [resident.email]]
    assert mail.outbox[0].subject == f"面谈邀请：“{post.title}”"
    assert "请周四上午十点来店里面谈。" in mail.outbox[0].body
    assert mail.outbox[1].subject == f"您已被录用：“{post.title}”"


def test_the_merchant_declines_with_a_message_and_the_resident_is_told(post, clock):
    clock.advance(hours=49)
    resident = UserFactory(role=Role.RESIDENT, preferred_language="en")
    application = apply(post, resident)
    mail.outbox.clear()

    services.decline(application, post.organization.owner, "The places went to people nearer the shop.")

    application.refresh_from_db()
    assert application.state == JobApplicationState.DECLINED
    assert mail.outbox[0].subject == f"About your application for “{post.title}”"
    assert "The places went to people nearer the shop." in mail.outbox[0].body


def test_a_hire_takes_a_place_and_no_more_are_hired_than_places(post, clock):
    clock.advance(hours=49)
    first, second = (apply(post, UserFactory(role=Role.RESIDENT)) for _ in range(2))
    services.record_hire(first, post.organization.owner)

    before = written()
    with pytest.raises(JobsError, match="All 1 places of this post are filled"):
        services.record_hire(second, post.organization.owner)
    assert written() == before


def test_withdrawing_is_possible_until_hired(post):
    resident = laid_off_resident()
    application = apply(post, resident)
    services.record_hire(application, post.organization.owner)

    before = written()
    with pytest.raises(JobsError, match="can no longer be withdrawn"):
        services.withdraw(application, resident)
    assert written() == before


def test_merchants_never_see_or_decide_another_merchants_applicants(post):
    application = apply(post, laid_off_resident())
    other = LocationFactory().organization.owner
    before = written()

    with pytest.raises(NotPermitted):
        services.applications_to(post, other)
    for act in (services.invite, services.decline, services.record_hire):
        with pytest.raises(NotPermitted):
            act(application, other)
    with pytest.raises(NotPermitted):
        services.open_cv(application, other)
    assert written() == before

    client = Client()
    client.force_login(other)
    for url in (
        f"/en/jobs/merchant/{post.pk}/",
        f"/en/jobs/merchant/applications/{application.pk}/",
        f"/en/jobs/applications/{application.pk}/cv/",
    ):
        assert client.get(url).status_code == 404
    for decision in ("invite", "decline", "hire"):
        assert client.post(f"/en/jobs/merchant/applications/{application.pk}/{decision}/").status_code == 404
    assert written() == before
    assert application.full_name not in client.get("/en/jobs/merchant/").content.decode()


def test_nobody_else_sees_an_applicants_details(post):
    application = apply(post, laid_off_resident())
    reviewer = UserFactory(role=Role.REVIEWER)
    other_resident = UserFactory(role=Role.RESIDENT)

    for person in (reviewer, other_resident):
        assert not person.has_perm("jobs.view_application", application)
    client = Client()
    client.force_login(other_resident)
    assert client.get(f"/en/jobs/applications/{application.pk}/").status_code == 404
    assert client.post(f"/en/jobs/applications/{application.pk}/withdraw/").status_code == 404
    assert JobApplication.objects.get(pk=application.pk).state == JobApplicationState.SUBMITTED
