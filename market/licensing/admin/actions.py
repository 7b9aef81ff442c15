"""The staff's acts on an application: which are offered to whom in which state, and the service each calls.

`offered` only decides which forms the detail page shows; the service called by `perform` checks the
permission and the state again, so a forged request is refused all the same.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from market.licensing.admin import forms
from market.licensing.models import (
    AWAITING_ACCEPTANCE,
    IN_DECISION_STAGE,
    UNDECIDED,
    Application,
    ApplicationState,
)
from market.licensing.services.decisions import approve_application, extend_decision_period, reject_application
from market.licensing.services.workflow import (
    accept_application,
    answer_objection,
    assign_application,
    pause_for_inspection,
    recommend_approval,
    recommend_rejection,
    record_decision_publication,
    request_information,
    resume_decision_clock,
    start_review,
)

S = ApplicationState


def _has_open_request(application) -> bool:
    return application.information_requests.filter(answered_at__isnull=True).exists()


def _has_open_pause(application) -> bool:
    return application.clock_pauses.filter(ended_at__isnull=True, information_request__isnull=True).exists()


@dataclass(frozen=True)
class StaffAction:
    name: str
    label: str
    permission: str
    form_class: type
    offered_in: Callable[[Application, object], bool]
    perform: Callable[[Application, object, dict], object]
    success: str
    style: str = "button button-secondary"

    def is_offered(self, application, user) -> bool:
        return user.has_perm(self.permission, application) and self.offered_in(application, user)

    def form(self, data=None):
        return self.form_class(data, prefix=self.name)


def _answer_objection(application, user, data):
    objection = application.objections.get(pk=data["objection"])
    return answer_objection(objection, user, data["answer"])


ACTIONS = [
    StaffAction(
        name="assign_to_me",
        label=_("Assign to me"),
        permission="licensing.accept_application",
        form_class=forms.ConfirmForm,
        offered_in=lambda application, user: application.state in UNDECIDED and application.assignee_id != user.pk,
        perform=lambda application, user, data: assign_application(application, user, user),
        success=_("The application is assigned to you."),
    ),
    StaffAction(
        name="assign",
        label=_("Assign to a reviewer"),
        permission="licensing.assign_application",
        form_class=forms.AssignForm,
        offered_in=lambda application, user: application.state in UNDECIDED,
        perform=lambda application, user, data: assign_application(application, user, data["assignee"]),
        success=_("The application is assigned."),
    ),
    StaffAction(
        name="accept",
        label=_("Accept the application"),
        permission="licensing.accept_application",
        form_class=forms.ConfirmForm,
        offered_in=lambda application, user: application.state in AWAITING_ACCEPTANCE,
        perform=lambda application, user, data: accept_application(application, user),
        success=_("The application is accepted; the 20-working-day decision clock runs from today."),
        style="button",
    ),
    StaffAction(
        name="request_information",
        label=_("Request more information"),
        permission="licensing.request_information",
        form_class=forms.RequestInformationForm,
        offered_in=lambda application, user: (
            application.state in [*AWAITING_ACCEPTANCE, S.ACCEPTED, S.UNDER_REVIEW]
            and not _has_open_request(application)
        ),
        perform=lambda application, user, data: request_information(
            application, user, data["missing_items"], data["note"]
        ),
        success=_("The request for information is sent to the applicant."),
    ),
    StaffAction(
        name="start_review",
        label=_("Start the review"),
        permission="licensing.accept_application",
        form_class=forms.ConfirmForm,
        offered_in=lambda application, user: application.state == S.ACCEPTED,
        perform=lambda application, user, data: start_review(application, user),
        success=_("The review has started."),
        style="button",
    ),
    StaffAction(
        name="recommend_approval",
        label=_("Recommend approval"),
        permission="licensing.recommend_on_application",
        form_class=forms.NoteForm,
        offered_in=lambda application, user: application.state == S.UNDER_REVIEW and not _has_open_request(application),
        perform=lambda application, user, data: recommend_approval(application, user, data["note"]),
        success=_("Approval is recommended."),
        style="button",
    ),
    StaffAction(
        name="recommend_rejection",
        label=_("Recommend rejection"),
        permission="licensing.recommend_on_application",
        form_class=forms.RequiredNoteForm,
        offered_in=lambda application, user: application.state == S.UNDER_REVIEW and not _has_open_request(application),
        perform=lambda application, user, data: recommend_rejection(application, user, data["note"]),
        success=_("Rejection is recommended."),
    ),
    StaffAction(
        name="pause",
        label=_("Pause the clock for an inspection or hearing"),
        permission="licensing.pause_decision_clock",
        form_class=forms.PauseForm,
        offered_in=lambda application, user: (
            application.state in IN_DECISION_STAGE and not _has_open_pause(application)
        ),
        perform=lambda application, user, data: pause_for_inspection(
            application, user, data["reason"], data["written_notice"]
        ),
        success=_("The decision clock is paused and the applicant is told."),
    ),
    StaffAction(
        name="resume",
        label=_("Resume the decision clock"),
        permission="licensing.pause_decision_clock",
        form_class=forms.ConfirmForm,
        offered_in=lambda application, user: _has_open_pause(application),
        perform=lambda application, user, data: resume_decision_clock(application, user),
        success=_("The decision clock runs again."),
    ),
    StaffAction(
        name="extend",
        label=_("Extend the decision period by 10 working days"),
        permission="licensing.extend_decision_period",
        form_class=forms.ExtensionForm,
        offered_in=lambda application, user: application.state in IN_DECISION_STAGE and not application.extension_used,
        perform=lambda application, user, data: extend_decision_period(application, user, data["reason"]),
        success=_("The decision period is extended; the applicant is told the reason."),
    ),
    StaffAction(
        name="approve",
        label=_("Approve"),
        permission="licensing.decide_application",
        form_class=forms.ApproveForm,
        offered_in=lambda application, user: application.state in (S.UNDER_REVIEW, S.PUBLIC_NOTICE),
        perform=lambda application, user, data: approve_application(application, user, data["reasons"]),
        success=_("The application is approved."),
        style="button",
    ),
    StaffAction(
        name="reject",
        label=_("Reject"),
        permission="licensing.decide_application",
        form_class=forms.RejectForm,
        offered_in=lambda application, user: application.state in IN_DECISION_STAGE,
        perform=lambda application, user, data: reject_application(application, user, data["reasons"]),
        success=_("The application is rejected; the applicant is told the reasons and their rights of review."),
        style="button no",
    ),
    StaffAction(
        name="record_publication",
        label=_("Record that the decision is published"),
        permission="licensing.record_decision_publication",
        form_class=forms.ConfirmForm,
        offered_in=lambda application, user: (
            application.state == S.APPROVED and application.decision_published_at is None
        ),
        perform=lambda application, user, data: record_decision_publication(application, user),
        success=_("The publication of the decision is recorded."),
    ),
    StaffAction(
        name="answer_objection",
        label=_("Answer the objection"),
        permission="licensing.answer_objection",
        form_class=forms.AnswerObjectionForm,
        # Offered beside each unanswered objection rather than among the other acts.
        offered_in=lambda application, user: False,
        perform=_answer_objection,
        success=_("The objection is answered."),
    ),
]
ACTIONS_BY_NAME = {action.name: action for action in ACTIONS}
