"""The staff's licensing screens in the Wagtail admin: the queue, an application's page and its acts, the
dashboard panel. Every act goes through the real services; refusals must leave the application as it was.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.licensing.models import ApplicationState, CalendarDay, EventAction
from market.licensing.services.workflow import assign_application, record_objection
from tests.factories import UserFactory
from tests.licensing.conftest import MONDAY
from tests.licensing.factories import LicenceTypeFactory

QUEUE = "/admin/review_queue/"


def detail(application) -> str:
    return f"/admin/review_queue/{application.pk}/"


def act(application, name) -> str:
    return f"/admin/review_queue/{application.pk}/act/{name}/"


def messages_of(response) -> list[str]:
    return [str(message.message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def as_user(client):
    """Signs the user in, with the admin in English so that messages can be compared."""

    def sign_in(user):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        client.force_login(user)
        return client

    return sign_in


# ---------------------------------------------------------------- the queue


def test_queue_lists_submitted_applications_but_not_drafts(as_user, people, workflow):
    submitted = workflow.submitted()
    draft = workflow.draft()
    response = as_user(people.reviewer).get(QUEUE)
    assert response.status_code == 200
    assert detail(submitted).encode() in response.content
    assert detail(draft).encode() not in response.content


def test_queue_filters_by_state(as_user, people, workflow):
    submitted = workflow.submitted()
    under_review = workflow.under_review()
    response = as_user(people.reviewer).get(QUEUE, {"state": ApplicationState.UNDER_REVIEW})
    assert detail(under_review).encode() in response.content
    assert detail(submitted).encode() not in response.content


def test_queue_flags_and_filters_overdue_applications(as_user, people, workflow, clock):
    late = workflow.submitted()
    clock.set(MONDAY + datetime.timedelta(days=7))
    fresh = workflow.submitted()
    clock.set(MONDAY + datetime.timedelta(days=8))  # late: 6 working days since receipt, over the 5 allowed
    client = as_user(people.reviewer)
    response = client.get(QUEUE, {"is_overdue": "true"})
    assert detail(late).encode() in response.content
    assert detail(fresh).encode() not in response.content
    response = client.get(QUEUE, {"is_overdue": "false"})
    assert detail(fresh).encode() in response.content
    assert detail(late).encode() not in response.content


def test_queue_sorts_by_due_date_first_due_first(as_user, people, workflow, clock):
    earlier = workflow.submitted()
    clock.set(MONDAY + datetime.timedelta(days=1))
    later = workflow.submitted()
    content = as_user(people.reviewer).get(QUEUE).content
    assert content.index(detail(earlier).encode()) < content.index(detail(later).encode())
    content = as_user(people.reviewer).get(QUEUE, {"ordering": "-due_on"}).content
    assert content.index(detail(later).encode()) < content.index(detail(earlier).encode())


def test_queue_shows_what_is_assigned_to_me(as_user, people, workflow):
    mine = workflow.submitted()
    other = workflow.submitted()
    assign_application(mine, people.reviewer, people.reviewer)
    response = as_user(people.reviewer).get(QUEUE, {"assigned": "me"})
    assert detail(mine).encode() in response.content
    assert detail(other).encode() not in response.content


@pytest.mark.parametrize("role", [Role.MERCHANT, Role.RESIDENT])
def test_merchants_and_residents_are_sent_to_sign_in(as_user, workflow, role):
    application = workflow.submitted()
    client = as_user(UserFactory(role=role))
    for url in [QUEUE, detail(application)]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    response = client.post(act(application, "accept"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_editors_reach_the_admin_but_not_the_queue(as_user, workflow):
    application = workflow.submitted()
    client = as_user(UserFactory(role=Role.EDITOR))
    assert client.get("/admin/").status_code == 200
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.get(detail(application)).status_code in (302, 403)
    assert client.post(act(application, "accept")).status_code in (302, 403)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert b"review_queue" not in client.get("/admin/").content


# ---------------------------------------------------------------- the reviewer's acts


def test_reviewer_sees_the_acts_of_the_state_and_no_decision(as_user, people, workflow):
    application = workflow.submitted()
    page = as_user(people.reviewer).get(detail(application)).content.decode()
    assert act(application, "accept") in page
    assert act(application, "request_information") in page
    assert act(application, "approve") not in page
    assert act(application, "reject") not in page


def test_reviewer_accepts(as_user, people, workflow):
    application = workflow.submitted()
    response = as_user(people.reviewer).post(act(application, "accept"))
    assert response.status_code == 302 and response["Location"] == detail(application)
    application.refresh_from_db()
    assert application.state == ApplicationState.ACCEPTED


def test_reviewer_requests_every_missing_item_at_once(as_user, people, workflow):
    application = workflow.submitted()
    as_user(people.reviewer).post(
        act(application, "request_information"),
        {
            "request_information-missing_items": "营业执照副本\n\n法定代表人身份证\n  场所租赁合同  ",
            "request_information-note": "",
        },
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.NEEDS_INFORMATION
    request = application.information_requests.get()
    assert request.missing_items == ["营业执照副本", "法定代表人身份证", "场所租赁合同"]


def test_a_request_without_items_is_refused(as_user, people, workflow):
    application = workflow.submitted()
    response = as_user(people.reviewer).post(
        act(application, "request_information"), {"request_information-missing_items": "  \n "}
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert not application.information_requests.exists()
    assert messages_of(response)


def test_reviewer_starts_review_and_recommends_approval(as_user, people, workflow):
    application = workflow.accepted()
    client = as_user(people.reviewer)
    client.post(act(application, "start_review"))
    client.post(act(application, "recommend_approval"), {"recommend_approval-note": "材料齐全"})
    application.refresh_from_db()
    assert application.recommendation == "approve"
    assert application.state == ApplicationState.PUBLIC_NOTICE  # catering has a 5-day notice


def test_a_forged_approval_by_a_reviewer_is_refused_and_changes_nothing(as_user, people, workflow):
    application = workflow.in_state("public_notice_ended")
    events_before = application.events.count()
    response = as_user(people.reviewer).post(act(application, "approve"), {"approve-reasons": ""})
    application.refresh_from_db()
    assert application.state == ApplicationState.PUBLIC_NOTICE
    assert application.decided_at is None
    assert application.events.count() == events_before
    assert messages_of(response)


# ---------------------------------------------------------------- the approver's acts


def test_approver_approves(as_user, people, workflow):
    application = workflow.in_state("public_notice_ended")
    client = as_user(people.approver)
    assert act(application, "approve") in client.get(detail(application)).content.decode()
    client.post(act(application, "approve"), {"approve-reasons": ""})
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED
    assert application.decided_by == people.approver
    assert application.organization.listing_status == "active"


def test_an_approval_the_law_does_not_allow_yet_is_refused_with_the_reasons(as_user, people, workflow):
    application = workflow.public_notice()  # the notice still runs
    response = as_user(people.approver).post(act(application, "approve"), {"approve-reasons": ""})
    application.refresh_from_db()
    assert application.state == ApplicationState.PUBLIC_NOTICE
    assert any("public notice runs until" in message for message in messages_of(response))


def test_a_rejection_needs_reasons(as_user, people, workflow):
    application = workflow.under_review()
    client = as_user(people.approver)
    response = client.post(act(application, "reject"), {"reject-reasons": "   "})
    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW
    assert application.decision_reasons == ""
    assert messages_of(response)

    client.post(act(application, "reject"), {"reject-reasons": "经营场所不符合要求"})
    application.refresh_from_db()
    assert application.state == ApplicationState.REJECTED
    assert application.decision_reasons == "经营场所不符合要求"
    page = client.get(detail(application)).content.decode()
    assert application.remedies_statement in page


def test_the_decision_period_is_extended_once_only(as_user, people, workflow):
    application = workflow.under_review()
    client = as_user(people.approver)
    response = client.post(act(application, "extend"), {"extend-reason": ""})
    application.refresh_from_db()
    assert not application.extension_used
    assert messages_of(response)

    client.post(act(application, "extend"), {"extend-reason": "需要现场核查"})
    application.refresh_from_db()
    assert application.extension_reason == "需要现场核查"
    assert act(application, "extend") not in client.get(detail(application)).content.decode()

    response = client.post(act(application, "extend"), {"extend-reason": "再次延长"})
    application.refresh_from_db()
    assert application.extension_reason == "需要现场核查"
    assert application.events.filter(action=EventAction.EXTENDED).count() == 1
    assert any("only once" in message for message in messages_of(response))


def test_pause_for_inspection_needs_a_written_notice_and_resumes(as_user, people, workflow):
    application = workflow.under_review()
    client = as_user(people.reviewer)
    client.post(act(application, "pause"), {"pause-reason": "inspection", "pause-written_notice": ""})
    assert not application.clock_pauses.exists()
    client.post(act(application, "pause"), {"pause-reason": "inspection", "pause-written_notice": "3月5日现场核查"})
    assert application.clock_pauses.filter(ended_at__isnull=True).count() == 1
    client.post(act(application, "resume"))
    assert application.clock_pauses.filter(ended_at__isnull=True).count() == 0


def test_an_objection_is_answered_from_the_page(as_user, people, workflow):
    application = workflow.public_notice()
    objection = record_objection(application, people.resident, "噪音扰民")
    client = as_user(people.reviewer)
    assert "噪音扰民" in client.get(detail(application)).content.decode()
    client.post(
        act(application, "answer_objection"),
        {"answer_objection-objection": objection.pk, "answer_objection-answer": "已核实，营业时间不扰民"},
    )
    objection.refresh_from_db()
    assert objection.answer == "已核实，营业时间不扰民"
    assert objection.answered_by == people.reviewer


def test_the_page_shows_checklist_clock_and_timeline(as_user, people, workflow, catering):
    application = workflow.accepted()
    LicenceTypeFactory(code="fire-safety", name_en="Fire safety check", required_for_categories=[catering])
    page = as_user(people.reviewer).get(detail(application)).content.decode()
    licence = application.licences.get()
    assert f"/portal/licences/{licence.pk}/file/" in page
    checklist = page[page.index("checklist-section") :]
    assert "Food business permit" in checklist
    assert "Fire safety check" in checklist and "Missing" in checklist
    assert "0 / 20" in page  # the decision clock, on the day of acceptance
    timeline = page[page.index("timeline-section") :]
    assert "Submitted" in timeline and "Accepted" in timeline


# ---------------------------------------------------------------- the dashboard


def test_dashboard_panel_counts_overdue_applications(as_user, people, workflow, clock):
    workflow.submitted()
    workflow.submitted()
    clock.set(MONDAY + datetime.timedelta(days=8))
    workflow.submitted()  # received today: not overdue
    response = as_user(people.approver).get("/admin/")
    panel = response.content.decode()
    assert "licensing-workload" in panel
    assert "2 overdue" in panel


def test_dashboard_chart_shows_the_average_processing_time(as_user, people, workflow, clock):
    workflow.approved()  # submitted on Monday 2 March, approved on the day after the notice ended
    panel = as_user(people.approver).get("/admin/").content.decode()
    assert panel.count("<rect") == 1
    assert "working days on average, 1 decided" in panel


def test_dashboard_chart_says_so_when_nothing_has_been_decided(as_user, people, workflow):
    workflow.submitted()
    panel = as_user(people.approver).get("/admin/").content.decode()
    assert "No application has been decided in these months yet." in panel
    assert "Average processing time per month" not in panel, "no empty chart"


def test_dashboard_panel_is_not_shown_to_editors(as_user, workflow):
    workflow.submitted()
    response = as_user(UserFactory(role=Role.EDITOR)).get("/admin/")
    assert "licensing-workload" not in response.content.decode()


# ---------------------------------------------------------------- the settings administrators keep


def test_administrators_add_a_holiday_and_reviewers_cannot(as_user, db):
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    response = as_user(administrator).post(
        "/admin/snippets/licensing/calendarday/add/",
        {"date": "2027-03-15", "kind": "public_holiday", "name": "市级纪念日", "name_en": "City memorial day"},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.filter(date=datetime.date(2027, 3, 15), kind="public_holiday").exists()

    reviewer = UserFactory(role=Role.REVIEWER)
    response = as_user(reviewer).post(
        "/admin/snippets/licensing/calendarday/add/",
        {"date": "2027-03-16", "kind": "public_holiday", "name": "假日"},
    )
    assert not CalendarDay.objects.filter(date=datetime.date(2027, 3, 16)).exists()
