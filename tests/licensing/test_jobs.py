"""The daily jobs: deemed acceptance, notices closed, Art. 50 renewals, expired listings, expiry reminders.
Each run of `run_licensing_jobs` after the first on the same day changes nothing.
"""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from market.licensing.models import (
    ApplicationState,
    EventAction,
    Licence,
    LicenceReminder,
    ListingAction,
    ListingEvent,
)
from market.licensing.services.decisions import approve_application
from market.licensing.services.drafts import start_renewal
from market.licensing.services.workflow import (
    accept_application,
    recommend_approval,
    start_review,
    submit_application,
    withdraw_application,
)
from market.registry.models import ListingStatus, Organization
from tests.factories import OrganizationFactory
from tests.licensing.factories import LicenceFactory

day = datetime.date


def run_jobs():
    output = StringIO()
    call_command("run_licensing_jobs", stdout=output)
    return output.getvalue()


@pytest.fixture
def merchant(people, catering):
    return OrganizationFactory(owner=people.merchant, categories=[catering], email="shop@example.cn")


@pytest.fixture
def food_permit(merchant, catering):
    """The merchant's food business permit, expiring on 30 April 2026."""
    return LicenceFactory(
        organization=merchant,
        licence_type=catering.required_licence_types.get(),
        valid_from=day(2021, 5, 1),
        valid_to=day(2026, 4, 30),
    )


def renew(people, licence):
    renewal = start_renewal(people.merchant, licence)
    LicenceFactory(
        organization=licence.organization,
        application=renewal,
        licence_type=licence.licence_type,
        number=licence.number,
        valid_from=day(2026, 5, 1),
        valid_to=day(2031, 4, 30),
    )
    return submit_application(renewal, people.merchant)


def test_expiry_reminders_go_30_and_7_days_before_once_each(food_permit, people, clock):
    clock.set(day(2026, 3, 31))
    run_jobs()
    run_jobs()
    assert len(mail.outbox) == 1
    reminder = mail.outbox[0]
    assert set(reminder.to) == {people.merchant.email, "shop@example.cn"}
    assert "食品经营许可证" in reminder.subject and "30" in reminder.subject
    assert "2026-04-30" in reminder.body

    clock.set(day(2026, 4, 10))
    run_jobs()
    assert len(mail.outbox) == 1

    clock.set(day(2026, 4, 23))
    run_jobs()
    run_jobs()
    assert len(mail.outbox) == 2
    assert "7" in mail.outbox[1].subject
    assert sorted(LicenceReminder.objects.values_list("days_before", flat=True)) == [7, 30]


def test_a_missed_30_day_reminder_is_not_sent_late_beside_the_7_day_one(food_permit, clock):
    clock.set(day(2026, 4, 25))
    run_jobs()
    assert len(mail.outbox) == 1
    assert list(LicenceReminder.objects.values_list("days_before", flat=True)) == [7]


def test_no_reminder_while_a_renewal_is_under_way(food_permit, people, clock):
    clock.set(day(2026, 3, 20))
    renew(people, food_permit)

    clock.set(day(2026, 3, 31))
    run_jobs()
    assert mail.outbox == []


def test_a_lapsed_licence_ends_the_listing_once(food_permit, merchant, clock):
    clock.set(day(2026, 4, 30))
    run_jobs()
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE

    clock.set(day(2026, 5, 1))
    run_jobs()
    run_jobs()

    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.EXPIRED
    assert merchant not in Organization.objects.listed()
    event = ListingEvent.objects.get(organization=merchant)
    assert (event.action, event.actor, event.from_status) == (ListingAction.EXPIRED, None, ListingStatus.ACTIVE)
    assert "Food business permit" in event.reason


def test_a_merchant_whose_categories_need_no_licence_does_not_expire(people, clock):
    merchant = OrganizationFactory(owner=people.merchant)
    clock.set(day(2027, 1, 1))
    run_jobs()
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE


def test_a_renewal_asked_for_in_time_and_undecided_at_expiry_counts_as_granted(food_permit, merchant, people, clock):
    clock.set(day(2026, 3, 20))  # 41 days before expiry
    renewal = renew(people, food_permit)
    accept_application(renewal, people.reviewer)

    clock.set(day(2026, 5, 1))
    run_jobs()
    run_jobs()

    renewal.refresh_from_db()
    merchant.refresh_from_db()
    assert renewal.state == ApplicationState.APPROVED
    event = renewal.events.get(action=EventAction.GRANTED_BY_LAW)
    assert event.actor is None and "50" in event.reason
    assert merchant.listing_status == ListingStatus.ACTIVE
    assert Licence.objects.in_force(day(2026, 5, 1)).get(organization=merchant).valid_to == day(2031, 4, 30)
    assert not ListingEvent.objects.filter(organization=merchant).exists()


def test_a_late_renewal_keeps_the_listing_while_decided_but_is_not_granted_by_law(food_permit, merchant, people, clock):
    clock.set(day(2026, 4, 20))  # 10 days before expiry
    renewal = renew(people, food_permit)

    clock.set(day(2026, 5, 4))
    run_jobs()

    renewal.refresh_from_db()
    merchant.refresh_from_db()
    assert renewal.state != ApplicationState.APPROVED
    assert merchant.listing_status == ListingStatus.ACTIVE

    withdraw_application(renewal, people.merchant, "不再经营餐饮")
    run_jobs()
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.EXPIRED


def test_an_approved_renewal_after_expiry_lists_the_merchant_again(food_permit, merchant, people, catering, clock):
    from tests.licensing.factories import CategoryReviewPolicyFactory

    CategoryReviewPolicyFactory(category=catering, public_notice_working_days=0)
    clock.set(day(2026, 5, 1))
    run_jobs()
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.EXPIRED

    renewal = renew(people, food_permit)
    accept_application(renewal, people.reviewer)
    start_review(renewal, people.reviewer)
    recommend_approval(renewal, people.reviewer)
    approve_application(renewal, people.approver)

    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE
    run_jobs()
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE


def test_ended_notices_are_closed_once(workflow, clock):
    application = workflow.public_notice()
    clock.set(application.notice_ends_on)
    run_jobs()
    application.refresh_from_db()
    assert application.notice_closed_at is None

    clock.set(application.notice_ends_on + datetime.timedelta(days=1))
    run_jobs()
    run_jobs()
    application.refresh_from_db()
    assert application.notice_closed_at is not None
    assert application.events.filter(action=EventAction.NOTICE_CLOSED, actor=None).count() == 1
    assert application.state == ApplicationState.PUBLIC_NOTICE


def test_the_jobs_report_what_they_did(workflow, clock):
    workflow.submitted()
    clock.set(day(2026, 3, 20))

    output = StringIO()
    call_command("run_licensing_jobs", "--now", stdout=output)

    assert "deem_overdue_submissions_accepted: 1" in output.getvalue()
