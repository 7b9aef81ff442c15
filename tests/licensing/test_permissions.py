"""Who may act: each person only in their role, and a merchant only on their own applications."""

import pytest

from market.errors import AppError, NotPermitted
from market.licensing.models import ApplicationEvent, EventAction, PauseReason
from market.licensing.services.decisions import approve_application, extend_decision_period, reject_application
from market.licensing.services.drafts import start_new_application, start_renewal
from market.licensing.services.workflow import (
    accept_application,
    answer_information_request,
    assign_application,
    pause_for_inspection,
    recommend_approval,
    request_information,
    start_review,
    submit_application,
    withdraw_application,
)
from market.registry.models import Organization
from tests.factories import OrganizationFactory
from tests.licensing.factories import LicenceFactory

# (act, the state it is tried in, the people who must be refused).
REFUSED = [
    ("submit", "draft", ["other_merchant", "reviewer", "approver", "resident"]),
    ("withdraw", "under_review", ["other_merchant", "reviewer", "approver", "resident"]),
    ("answer_information_request", "needs_information", ["other_merchant", "reviewer", "approver"]),
    ("accept", "submitted", ["merchant", "approver", "resident"]),
    ("request_information", "submitted", ["merchant", "approver", "resident"]),
    ("start_review", "accepted", ["merchant", "approver"]),
    ("recommend_approval", "under_review", ["merchant", "approver", "resident"]),
    ("pause_for_inspection", "under_review", ["merchant", "approver"]),
    ("approve", "public_notice_ended", ["merchant", "reviewer", "resident"]),
    ("reject", "under_review", ["merchant", "reviewer", "resident"]),
    ("extend", "under_review", ["merchant", "reviewer"]),
]

ACTS = {
    "submit": lambda application, person: submit_application(application, person),
    "withdraw": lambda application, person: withdraw_application(application, person),
    "answer_information_request": lambda application, person: answer_information_request(
        application, person, "补充材料"
    ),
    "accept": lambda application, person: accept_application(application, person),
    "request_information": lambda application, person: request_information(application, person, ["材料"]),
    "start_review": lambda application, person: start_review(application, person),
    "recommend_approval": lambda application, person: recommend_approval(application, person),
    "pause_for_inspection": lambda application, person: pause_for_inspection(
        application, person, PauseReason.INSPECTION, "现场核查"
    ),
    "approve": lambda application, person: approve_application(application, person),
    "reject": lambda application, person: reject_application(application, person, "理由"),
    "extend": lambda application, person: extend_decision_period(application, person, "理由"),
}


def _cases():
    for act, state, refused in REFUSED:
        for person in refused:
            yield pytest.param(act, state, person, id=f"{person}-may-not-{act}")


@pytest.mark.parametrize(("act", "state", "person"), list(_cases()))
def test_the_wrong_person_is_refused_and_nothing_changes(workflow, people, act, state, person):
    application = workflow.in_state(state)
    events = ApplicationEvent.objects.count()

    with pytest.raises(NotPermitted):
        ACTS[act](application, getattr(people, person))

    application.refresh_from_db()
    assert application.state == state.removesuffix("_ended")
    assert ApplicationEvent.objects.count() == events


def test_a_resident_cannot_start_an_application(people):
    organization = Organization(name="居民", unified_social_credit_code="91110000600037341L", legal_representative="张")
    with pytest.raises(NotPermitted):
        start_new_application(people.resident, organization)


def test_only_the_owner_renews_their_licence(people, catering):
    licence = LicenceFactory(organization=OrganizationFactory(owner=people.merchant, categories=[catering]))
    with pytest.raises(NotPermitted):
        start_renewal(people.other_merchant, licence)


def test_the_rules_answer_object_questions_for_the_portal_and_admin(workflow, people):
    application = workflow.draft()

    assert people.merchant.has_perm("licensing.view_application", application)
    assert not people.other_merchant.has_perm("licensing.view_application", application)
    assert not people.resident.has_perm("licensing.view_application", application)
    assert people.reviewer.has_perm("licensing.view_application", application)
    assert people.approver.has_perm("licensing.decide_application", application)
    assert not people.reviewer.has_perm("licensing.decide_application", application)
    assert not people.approver.has_perm("licensing.recommend_on_application", application)


def test_assignment_goes_to_reviewers_only(workflow, people):
    application = workflow.accepted()
    with pytest.raises(AppError, match="reviewer"):
        assign_application(application, people.approver, people.approver)

    assign_application(application, people.approver, people.reviewer)
    application.refresh_from_db()
    assert application.assignee == people.reviewer
    assert not application.events.get(action=EventAction.ASSIGNED).visible_to_applicant
