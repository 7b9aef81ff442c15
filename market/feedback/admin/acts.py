"""The staff's acts on reviews in moderation and on complaints.

`offered_when` only decides which forms a page shows; the act's permission is checked on the record when it is
posted (market/staff_acts.py), and the service that `perform` calls checks the permission and the state again.
"""

from django.utils.translation import gettext_lazy as _

from market.feedback import services
from market.feedback.admin import forms
from market.feedback.models import ComplaintState, ReviewState
from market.staff_acts import StaffAct, StaffActs

S = ComplaintState


def has_open_reports(review) -> bool:
    return review.reports.filter(resolved_at__isnull=True).exists()


REVIEW_ACTS = StaffActs(
    [
        StaffAct(
            name="approve_review",
            log_action="feedback.approve_review",
            label=_("Publish"),
            permission="feedback.moderate_review",
            form_class=forms.NoteForm,
            offered_when=lambda review, user: review.state == ReviewState.PENDING,
            perform=lambda review, user, data: services.approve_review(review, user, data["note"]),
            success=_("The review is published and counts in the averages."),
            style="button",
        ),
        StaffAct(
            name="reject_review",
            log_action="feedback.reject_review",
            label=_("Do not publish"),
            permission="feedback.moderate_review",
            form_class=forms.ReasonToAuthorForm,
            offered_when=lambda review, user: review.state == ReviewState.PENDING,
            perform=lambda review, user, data: services.reject_review(review, user, data["reason"]),
            success=_("The review is not published; the author is told why."),
            style="button no",
        ),
        StaffAct(
            name="keep_review",
            log_action="feedback.keep_review",
            label=_("Keep it published"),
            permission="feedback.moderate_review",
            form_class=forms.NoteForm,
            offered_when=lambda review, user: review.state == ReviewState.PUBLISHED and has_open_reports(review),
            perform=lambda review, user, data: services.keep_reported_review(review, user, data["note"]),
            success=_("The reports are closed; the review stays published."),
            style="button",
        ),
        StaffAct(
            name="remove_review",
            log_action="feedback.remove_review",
            label=_("Remove it"),
            permission="feedback.moderate_review",
            form_class=forms.ReasonToAuthorForm,
            offered_when=lambda review, user: review.state == ReviewState.PUBLISHED,
            perform=lambda review, user, data: services.remove_review(review, user, data["reason"]),
            success=_("The review is removed from the merchant's page and its averages; the author is told why."),
            style="button no",
        ),
    ]
)

COMPLAINT_ACTS = StaffActs(
    [
        StaffAct(
            name="assign_complaint",
            log_action="feedback.assign_complaint",
            label=_("Assign"),
            permission="feedback.assign_complaint",
            form_class=forms.AssignForm,
            offered_when=lambda complaint, user: complaint.is_open,
            perform=lambda complaint, user, data: services.assign_complaint(
                complaint, user, data["assignee"], data["note"]
            ),
            success=_("The complaint is assigned."),
        ),
        StaffAct(
            name="ask_merchant",
            log_action="feedback.ask_merchant",
            label=_("Ask the merchant to respond"),
            permission="feedback.handle_complaint",
            form_class=forms.AskMerchantForm,
            offered_when=lambda complaint, user: complaint.state in (S.ASSIGNED, S.MERCHANT_RESPONDED),
            perform=lambda complaint, user, data: services.ask_merchant_to_respond(
                complaint, user, data["request"], data["working_days"]
            ),
            success=_("The merchant is asked to respond; they were sent your request by e-mail."),
            style="button",
        ),
        StaffAct(
            name="record_outcome",
            log_action="feedback.record_outcome",
            label=_("Record the outcome"),
            permission="feedback.handle_complaint",
            form_class=forms.OutcomeForm,
            offered_when=lambda complaint, user: (
                complaint.state in (S.ASSIGNED, S.AWAITING_MERCHANT, S.MERCHANT_RESPONDED)
            ),
            perform=lambda complaint, user, data: services.record_outcome(
                complaint, user, data["outcome"], data["reasons"]
            ),
            success=_("The outcome is recorded; the complainant and the merchant are told."),
            style="button",
        ),
        StaffAct(
            name="record_phone_call",
            log_action="feedback.record_phone_call",
            label=_("Record that the complainant was called"),
            permission="feedback.handle_complaint",
            form_class=forms.PhoneCallForm,
            offered_when=lambda complaint, user: complaint.state == S.CLOSED and complaint.complainant_told_at is None,
            perform=lambda complaint, user, data: services.record_complainant_told_by_phone(
                complaint, user, data["note"]
            ),
            success=_("The call is recorded."),
        ),
    ]
)
