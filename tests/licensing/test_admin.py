"""The staff's licensing screens in the Wagtail admin: the queue, an application's page and its acts, the
dashboard panel. Every act goes through the real services; refusals must leave the application as it was.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.licensing.models import ApplicationState, CalendarDay, EventAction
from market.licensing.services.workflow import assign_application, record_objection
from tests.factories import UserFactory
from tests.licensing.conftest import MONDAY
from tests.licensing.factories import LicenceTypeFactory
from tests.page_structure import PageStructure, Row, page_structure

QUEUE = "/admin/review_queue/"


def detail(application) -> str:
    return f"/admin/review_queue/{application.pk}/"


def act(application, name) -> str:
    return f"/admin/review_queue/{application.pk}/act/{name}/"


ACTIONS = "What you can do now"


def page(client, url, **params) -> PageStructure:
    response = client.get(url, params)
    assert response.status_code == 200
    return page_structure(response)


def post(client, url, data=None) -> PageStructure:
    """Posts an act and reads the page it returns to, with the messages shown there."""
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200
    return page_structure(response)


def errors(structure: PageStructure) -> list[str]:
    assert all(message.level == "error" for message in structure.messages), structure.messages
    return structure.message_texts


def queue_rows(client, **params) -> list[Row]:
    """The queue's rows, in its order."""
    tables = [table for table in page(client, QUEUE, **params).tables if "State" in table.headers]
    return tables[0].rows if tables else []


def listed(client, **params) -> list[str]:
    """The applications the queue lists, in its order, by the page each row links to."""
    return [row.links[0].href for row in queue_rows(client, **params)]


def offered(structure: PageStructure) -> dict[str, str | None]:
    """The acts the page offers: each submit button's name and where it posts."""
    return {
        button.name: button.action
        for button in structure.section(ACTIONS).buttons
        if button.type == "submit" and button.method == "post"
    }


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
    workflow.draft()
    (row,) = queue_rows(as_user(people.reviewer))
    assert row.links[0].href == detail(submitted)
    assert row["State"] == "Submitted"


def test_queue_filters_by_state(as_user, people, workflow):
    workflow.submitted()
    under_review = workflow.under_review()
    (row,) = queue_rows(as_user(people.reviewer), state=ApplicationState.UNDER_REVIEW)
    assert (row.links[0].href, row["State"]) == (detail(under_review), "Under review")


def test_queue_flags_and_filters_overdue_applications(as_user, people, workflow, clock):
    late = workflow.submitted()
    clock.set(MONDAY + datetime.timedelta(days=7))
    fresh = workflow.submitted()
    clock.set(MONDAY + datetime.timedelta(days=8))  # late: 6 working days since receipt, over the 5 allowed
    client = as_user(people.reviewer)
    (row,) = queue_rows(client, is_overdue="true")
    assert (row.links[0].href, row["Overdue"]) == (detail(late), "Overdue")
    (row,) = queue_rows(client, is_overdue="false")
    assert (row.links[0].href, row["Overdue"]) == (detail(fresh), "")


def test_queue_sorts_by_due_date_first_due_first(as_user, people, workflow, clock):
    earlier = workflow.submitted()
    clock.set(MONDAY + datetime.timedelta(days=1))
    later = workflow.submitted()
    client = as_user(people.reviewer)
    assert listed(client) == [detail(earlier), detail(later)]
    assert listed(client, ordering="-due_on") == [detail(later), detail(earlier)]


def test_queue_shows_what_is_assigned_to_me(as_user, people, workflow):
    mine = workflow.submitted()
    workflow.submitted()
    assign_application(mine, people.reviewer, people.reviewer)
    (row,) = queue_rows(as_user(people.reviewer), assigned="me")
    assert row.links[0].href == detail(mine)
    assert row["Reviewer assigned"] == str(people.reviewer)


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


def test_editors_reach_the_admin_but_not_the_queue(as_user, people, workflow):
    application = workflow.submitted()
    client = as_user(UserFactory(role=Role.EDITOR))
    assert client.get("/admin/").status_code == 200
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.get(detail(application)).status_code in (302, 403)
    assert client.post(act(application, "accept")).status_code in (302, 403)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    dashboard = page(client, "/admin/")
    assert "Review queue" not in dashboard.menu_labels
    assert not [url for url in dashboard.menu_urls + dashboard.hrefs if url.startswith(QUEUE)]
    # The same page shows a reviewer the way to the queue.
    assert QUEUE in page(as_user(people.reviewer), "/admin/").menu_urls


# ---------------------------------------------------------------- the reviewer's acts


def test_reviewer_sees_the_acts_of_the_state_and_no_decision(as_user, people, workflow):
    application = workflow.submitted()
    structure = page(as_user(people.reviewer), detail(application))
    acts = offered(structure)
    assert acts["Accept the application"] == act(application, "accept")
    assert acts["Request more information"] == act(application, "request_information")
    assert "Approve" not in acts and "Reject" not in acts
    posted_to = {button.action for button in structure.buttons}
    assert act(application, "approve") not in posted_to and act(application, "reject") not in posted_to


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
    shown = post(
        as_user(people.reviewer),
        act(application, "request_information"),
        {"request_information-missing_items": "  \n "},
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert not application.information_requests.exists()
    (message,) = errors(shown)
    assert message.startswith("The form is not complete.")


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
    shown = post(as_user(people.reviewer), act(application, "approve"), {"approve-reasons": ""})
    application.refresh_from_db()
    assert application.state == ApplicationState.PUBLIC_NOTICE
    assert application.decided_at is None
    assert application.events.count() == events_before
    assert len(errors(shown)) == 1
    assert "Approve" not in offered(shown)


# ---------------------------------------------------------------- the approver's acts


def test_approver_approves(as_user, people, workflow):
    application = workflow.in_state("public_notice_ended")
    client = as_user(people.approver)
    assert offered(page(client, detail(application)))["Approve"] == act(application, "approve")
    client.post(act(application, "approve"), {"approve-reasons": ""})
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED
    assert application.decided_by == people.approver
    assert application.organization.listing_status == "active"


def test_an_approval_the_law_does_not_allow_yet_is_refused_with_the_reasons(as_user, people, workflow):
    application = workflow.public_notice()  # the notice still runs
    shown = post(as_user(people.approver), act(application, "approve"), {"approve-reasons": ""})
    application.refresh_from_db()
    assert application.state == ApplicationState.PUBLIC_NOTICE
    (message,) = errors(shown)
    assert "public notice runs until" in message


def test_a_rejection_needs_reasons(as_user, people, workflow):
    application = workflow.under_review()
    client = as_user(people.approver)
    shown = post(client, act(application, "reject"), {"reject-reasons": "   "})
    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW
    assert application.decision_reasons == ""
    assert len(errors(shown)) == 1

    client.post(act(application, "reject"), {"reject-reasons": "经营场所不符合要求"})
    application.refresh_from_db()
    assert application.state == ApplicationState.REJECTED
    assert application.decision_reasons == "经营场所不符合要求"
    stated = page(client, detail(application)).section("Rights of review stated to the applicant")
    assert stated.paragraphs == [application.remedies_statement]


def test_the_decision_period_is_extended_once_only(as_user, people, workflow):
    extend = "Extend the decision period by 10 working days"
    application = workflow.under_review()
    client = as_user(people.approver)
    shown = post(client, act(application, "extend"), {"extend-reason": ""})
    application.refresh_from_db()
    assert not application.extension_used
    assert len(errors(shown)) == 1
    assert offered(shown)[extend] == act(application, "extend")

    client.post(act(application, "extend"), {"extend-reason": "需要现场核查"})
    application.refresh_from_db()
    assert application.extension_reason == "需要现场核查"
    structure = page(client, detail(application))
    assert extend not in offered(structure)
    assert act(application, "extend") not in {button.action for button in structure.buttons}

    shown = post(client, act(application, "extend"), {"extend-reason": "再次延长"})
    application.refresh_from_db()
    assert application.extension_reason == "需要现场核查"
    assert application.events.filter(action=EventAction.EXTENDED).count() == 1
    (message,) = errors(shown)
    assert "only once" in message


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
    objections = page(client, detail(application)).section("Objections to the public notice")
    assert "噪音扰民" in objections.paragraphs
    assert objections.button("Answer the objection").action == act(application, "answer_objection")
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
    structure = page(as_user(people.reviewer), detail(application))
    licence = application.licences.get()
    scans = structure.section("Licences").table()
    with translation.override("en"):  # the admin is in English for this reviewer
        assert scans.row(licence.number).links[0].href == reverse("licensing:licence_file", args=[licence.pk])
    checklist = structure.section("Checklist of required licences").tables[0]
    assert checklist.headers == ["Licence", "Present", "Valid today"]
    assert checklist.row("Food business permit")["Present"] == "Yes"
    assert checklist.row("Fire safety check").cells == ["Fire safety check", "Missing", "—"]
    # The decision clock, on the day of acceptance.
    assert structure.section("Clock").definitions["Working days used"] == "0 / 20"
    assert structure.section("Audit timeline").table().column("What") == [
        "Submitted",
        "Accepted",
        "Written document issued",
    ]


# ---------------------------------------------------------------- the dashboard


def workload_panel(client) -> PageStructure:
    return page(client, "/admin/").section("Licensing workload")


def test_dashboard_panel_counts_overdue_applications(as_user, people, workflow, clock):
    workflow.submitted()
    workflow.submitted()
    clock.set(MONDAY + datetime.timedelta(days=8))
    workflow.submitted()  # received today: not overdue
    panel = workload_panel(as_user(people.approver))
    assert panel.link("2 overdue").href == f"{QUEUE}?is_overdue=true"


def test_dashboard_chart_shows_the_average_processing_time(as_user, people, workflow, clock):
    workflow.approved()  # submitted on Monday 2 March, approved on the day after the notice ended
    chart = workload_panel(as_user(people.approver)).chart("Average processing time per month")
    (bar,) = chart.parts
    assert bar.endswith("working days on average, 1 decided")


def test_dashboard_chart_says_so_when_nothing_has_been_decided(as_user, people, workflow):
    workflow.submitted()
    panel = workload_panel(as_user(people.approver))
    assert "No application has been decided in these months yet." in panel.paragraphs
    assert panel.charts == [], "no empty chart"


def test_dashboard_panel_is_not_shown_to_editors(as_user, workflow):
    workflow.submitted()
    dashboard = page(as_user(UserFactory(role=Role.EDITOR)), "/admin/")
    assert dashboard.heading_texts(level=1), "the dashboard was read"
    assert "Licensing workload" not in dashboard.heading_texts()


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
