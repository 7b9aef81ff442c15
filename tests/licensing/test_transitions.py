"""Every act from every state: what the workflow allows moves the application on, the rest is refused."""

import pytest

from market.errors import AppError
from market.licensing.models import ApplicationEvent, ApplicationState
from market.licensing.services.decisions import approve_application, reject_application
from market.licensing.services.workflow import (
    accept_application,
    answer_information_request,
    recommend_approval,
    request_information,
    start_review,
    submit_application,
    withdraw_application,
)

S = ApplicationState

STARTING_STATES = [
    "draft",
    "submitted",
    "needs_information",
    "resubmitted",
    "accepted",
    "under_review",
    "public_notice",
    "public_notice_ended",
    "approved",
    "rejected",
    "withdrawn",
]

# Each act, done by the person whose act it is.
ACTS = {
    "submit": lambda people, application: submit_application(application, people.merchant),
    "request_information": lambda people, application: request_information(application, people.reviewer, ["租赁合同"]),
    "answer_information_request": lambda people, application: answer_information_request(
        application, people.merchant, "已补充"
    ),
    "accept": lambda people, application: accept_application(application, people.reviewer),
    "start_review": lambda people, application: start_review(application, people.reviewer),
    "recommend_approval": lambda people, application: recommend_approval(application, people.reviewer),
    "approve": lambda people, application: approve_application(application, people.approver),
    "reject": lambda people, application: reject_application(application, people.approver, "不符合条件"),
    "withdraw": lambda people, application: withdraw_application(application, people.merchant),
}

# (act, starting state) -> the state it leads to; every pair not listed is refused.
ALLOWED = {
    ("submit", "draft"): S.SUBMITTED,
    ("request_information", "submitted"): S.NEEDS_INFORMATION,
    ("request_information", "resubmitted"): S.NEEDS_INFORMATION,
    # During review the request pauses the clock and leaves the state alone.
    ("request_information", "accepted"): S.ACCEPTED,
    ("request_information", "under_review"): S.UNDER_REVIEW,
    # A correction may be asked for during the notice too (the notice then shows the corrected data).
    ("request_information", "public_notice"): S.PUBLIC_NOTICE,
    ("request_information", "public_notice_ended"): S.PUBLIC_NOTICE,
    ("answer_information_request", "needs_information"): S.RESUBMITTED,
    ("accept", "submitted"): S.ACCEPTED,
    ("accept", "resubmitted"): S.ACCEPTED,
    ("start_review", "accepted"): S.UNDER_REVIEW,
    ("recommend_approval", "under_review"): S.PUBLIC_NOTICE,
    ("approve", "public_notice_ended"): S.APPROVED,
    ("reject", "accepted"): S.REJECTED,
    ("reject", "under_review"): S.REJECTED,
    ("reject", "public_notice"): S.REJECTED,
    ("reject", "public_notice_ended"): S.REJECTED,
    **{
        ("withdraw", state): S.WITHDRAWN
        for state in STARTING_STATES
        if state not in ("approved", "rejected", "withdrawn")
    },
}


@pytest.mark.parametrize("state", STARTING_STATES)
@pytest.mark.parametrize("act", list(ACTS))
def test_each_act_from_each_state(workflow, people, act, state):
    application = workflow.in_state(state)
    before = application.state
    events_before = ApplicationEvent.objects.filter(application=application).count()

    if (act, state) in ALLOWED:
        ACTS[act](people, application)
        application.refresh_from_db()
        assert application.state == ALLOWED[(act, state)]
        assert ApplicationEvent.objects.filter(application=application).count() > events_before
    else:
        with pytest.raises(AppError) as refusal:
            ACTS[act](people, application)
        assert str(refusal.value.message)
        application.refresh_from_db()
        assert application.state == before
        assert ApplicationEvent.objects.filter(application=application).count() == events_before


def test_the_state_cannot_be_set_directly(workflow):
    application = workflow.draft()

    with pytest.raises(AttributeError):
        application.state = S.APPROVED
