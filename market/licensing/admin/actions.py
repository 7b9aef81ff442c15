"""The staff's acts on an application: which are offered to whom in which state, and the service each calls.

`offered_when` only decides which forms the detail page shows; the act's permission is checked on the
application when it is posted, and the service called by `perform` checks the permission and the state again,
so a forged request is refused all the same.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.licensing.admin import forms
from market.licensing.models import (
    AWAITING_ACCEPTANCE,
    IN_DECISION_STAGE,
    UNDECIDED,
    ApplicationState,
)
from market.licensing.services.decisions import (
    approval_blockers,
    approve_application,
    extend_decision_period,
    reject_application,
)
from market.licensing.services.workflow import (
    accept_application,
    answer_objection,
    assign_application,
    pause_for_inspection,
    recommend_approval,
    recommend_rejection,
    record_decision_publication,
    refuse_to_accept,
    request_information,
    resume_decision_clock,
    start_review,
)
from market.staff_acts import StaffAct, StaffActs

S = ApplicationState


def _has_open_request(application) -> bool:
    return application.information_requests.filter(answered_at__isnull=True).exists()


def _has_open_pause(application) -> bool:
    return application.clock_pauses.filter(ended_at__isnull=True, information_request__isnull=True).exists()


def _open_request_blocks(application, user):
    if _has_open_request(application):
        return _("Wait for the applicant to answer the open request for information.")
    return None


def _approval_unavailable(application, user):
    """Approval is offered disabled, with every reason, until nothing stands in its way."""
    blockers = approval_blockers(application)
    return " ".join(blockers) if blockers else None


def _answer_objection(application, user, data):
    objection = application.objections.get(pk=data["objection"])
    return answer_objection(objection, user, data["answer"])


ACTS = StaffActs(
    [
        StaffAct(
            name="assign_to_me",
            log_action="licensing.assign_to_me",
            label=_("Assign to me"),
            permission="licensing.accept_application",
            form_class=forms.ConfirmForm,
            offered_when=lambda application, user: (
                application.state in UNDECIDED and application.assignee_id != user.pk
            ),
            perform=lambda application, user, data: assign_application(application, user, user),
            success=_("The application is assigned to you."),
        ),
        StaffAct(
            name="assign",
            log_action="licensing.assign",
            label=_("Assign to a reviewer"),
            permission="licensing.assign_application",
            form_class=forms.AssignForm,
            offered_when=lambda application, user: application.state in UNDECIDED,
            perform=lambda application, user, data: assign_application(application, user, data["assignee"]),
            success=_("The application is assigned."),
        ),
        StaffAct(
            name="accept",
            log_action="licensing.accept",
            label=_("Accept the application"),
            permission="licensing.accept_application",
            form_class=forms.ConfirmForm,
            offered_when=lambda application, user: application.state in AWAITING_ACCEPTANCE,
            perform=lambda application, user, data: accept_application(application, user),
            success=_("The application is accepted; the 20-working-day decision clock runs from today."),
            style="button",
        ),
        StaffAct(
            name="refuse_to_accept",
            log_action="licensing.refuse_to_accept",
            label=_("Do not accept the application"),
            permission="licensing.accept_application",
            form_class=forms.NotAcceptForm,
            offered_when=lambda application, user: application.state in AWAITING_ACCEPTANCE,
            perform=lambda application, user, data: refuse_to_accept(application, user, data["reasons"]),
            success=_("The application is not accepted; the applicant receives the written decision."),
            style="button button-secondary no",
        ),
        StaffAct(
            name="request_information",
            log_action="licensing.request_information",
            label=_("Request more information"),
            permission="licensing.request_information",
            form_class=forms.RequestInformationForm,
            form_for_record=True,
            offered_when=lambda application, user: (
                application.state in [*AWAITING_ACCEPTANCE, S.ACCEPTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE]
                and not _has_open_request(application)
            ),
            perform=lambda application, user, data: request_information(
                application,
                user,
                data["missing_items"],
                data["note"],
                {
                    "fields": data.get("fields", []),
                    "outlets": [int(pk) for pk in data.get("outlets", [])],
                    "licences": [int(pk) for pk in data.get("licences", [])],
                },
            ),
            success=_("The request for information is sent to the applicant."),
        ),
        StaffAct(
            name="start_review",
            log_action="licensing.start_review",
            label=_("Start the review"),
            permission="licensing.accept_application",
            form_class=forms.ConfirmForm,
            offered_when=lambda application, user: application.state == S.ACCEPTED,
            perform=lambda application, user, data: start_review(application, user),
            success=_("The review has started."),
            style="button",
        ),
        StaffAct(
            name="recommend_approval",
            log_action="licensing.recommend_approval",
            label=_("Recommend approval"),
            permission="licensing.recommend_on_application",
            form_class=forms.NoteForm,
            offered_when=lambda application, user: application.state == S.UNDER_REVIEW,
            unavailable_because=_open_request_blocks,
            perform=lambda application, user, data: recommend_approval(application, user, data["note"]),
            success=_("Approval is recommended."),
            style="button",
        ),
        StaffAct(
            name="recommend_rejection",
            log_action="licensing.recommend_rejection",
            label=_("Recommend rejection"),
            permission="licensing.recommend_on_application",
            form_class=forms.RequiredNoteForm,
            offered_when=lambda application, user: application.state == S.UNDER_REVIEW,
            unavailable_because=_open_request_blocks,
            perform=lambda application, user, data: recommend_rejection(application, user, data["note"]),
            success=_("Rejection is recommended."),
        ),
        StaffAct(
            name="pause",
            log_action="licensing.pause",
            label=_("Pause the clock for an inspection or hearing"),
            permission="licensing.pause_decision_clock",
            form_class=forms.PauseForm,
            offered_when=lambda application, user: (
                application.state in IN_DECISION_STAGE and not _has_open_pause(application)
            ),
            perform=lambda application, user, data: pause_for_inspection(
                application, user, data["reason"], data["written_notice"]
            ),
            success=_("The decision clock is paused and the applicant is told."),
        ),
        StaffAct(
            name="resume",
            log_action="licensing.resume",
            label=_("Resume the decision clock"),
            permission="licensing.pause_decision_clock",
            form_class=forms.ConfirmForm,
            offered_when=lambda application, user: _has_open_pause(application),
            perform=lambda application, user, data: resume_decision_clock(application, user),
            success=_("The decision clock runs again."),
        ),
        StaffAct(
            name="extend",
            log_action="licensing.extend",
            label=_("Extend the decision period by 10 working days"),
            permission="licensing.extend_decision_period",
            form_class=forms.ExtensionForm,
            offered_when=lambda application, user: application.state in IN_DECISION_STAGE,
            unavailable_because=lambda application, user: (
                _("The decision period can be extended only once.") if application.extension_used else None
            ),
            perform=lambda application, user, data: extend_decision_period(application, user, data["reason"]),
            success=_("The decision period is extended; the applicant is told the reason."),
        ),
        StaffAct(
            name="approve",
            log_action="licensing.approve",
            label=_("Approve"),
            permission="licensing.decide_application",
            form_class=forms.ApproveForm,
            offered_when=lambda application, user: application.state in (S.UNDER_REVIEW, S.PUBLIC_NOTICE),
            unavailable_because=_approval_unavailable,
            perform=lambda application, user, data: approve_application(application, user, data["reasons"]),
            success=_("The application is approved."),
            style="button",
        ),
        StaffAct(
            name="reject",
            log_action="licensing.reject",
            label=pgettext_lazy("decision", "Reject"),
            permission="licensing.decide_application",
            form_class=forms.RejectForm,
            offered_when=lambda application, user: application.state in IN_DECISION_STAGE,
            perform=lambda application, user, data: reject_application(application, user, data["reasons"]),
            success=_("The application is rejected; the applicant is told the reasons and their rights of review."),
            style="button no",
        ),
        StaffAct(
            name="record_publication",
            log_action="licensing.record_publication",
            label=_("Publish the decision (双公示)"),
            permission="licensing.record_decision_publication",
            form_class=forms.ConfirmForm,
            offered_when=lambda application, user: (
                application.state == S.APPROVED and application.decision_published_at is None
            ),
            perform=lambda application, user, data: record_decision_publication(application, user),
            success=_("The decision is published on the public list of decisions and in the open data."),
        ),
        StaffAct(
            name="answer_objection",
            log_action="licensing.answer_objection",
            label=_("Answer the objection"),
            permission="licensing.answer_objection",
            form_class=forms.AnswerObjectionForm,
            # Offered beside each unanswered objection rather than among the other acts.
            offered_when=lambda application, user: application.objections.filter(answered_at__isnull=True).exists(),
            perform=_answer_objection,
            success=_("The objection is answered."),
            listed=False,
        ),
    ]
)
