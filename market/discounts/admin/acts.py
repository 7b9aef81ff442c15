"""The staff's acts on eligibility applications and subsidy claims.

`offered_when` only decides which forms a page shows; the act's permission is checked on the record when it is
posted (market/staff_acts.py), and the service that `perform` calls checks the permission and the state again,
so a forged request is refused all the same.
"""

from django.utils.translation import gettext_lazy as _

from market.discounts import claims
from market.discounts.admin import forms
from market.discounts.models import EligibilityApplicationState, SubsidyClaimState
from market.discounts.services.eligibility import decline_eligibility, verify_eligibility
from market.staff_acts import StaffAct, StaffActs


def in_state(state):
    return lambda instance, user: instance.state == state


ELIGIBILITY_ACTS = StaffActs(
    [
        StaffAct(
            name="verify_eligibility",
            log_action="discounts.verify_eligibility",
            label=_("Verify"),
            permission="discounts.verify_eligibility",
            form_class=forms.VerifyForm,
            offered_when=in_state(EligibilityApplicationState.SUBMITTED),
            perform=lambda application, user, data: verify_eligibility(application, user, data["valid_until"]),
            success=_("The resident is verified as eligible."),
            style="button",
        ),
        StaffAct(
            name="decline_eligibility",
            log_action="discounts.decline_eligibility",
            label=_("Decline"),
            permission="discounts.verify_eligibility",
            form_class=forms.DeclineForm,
            offered_when=in_state(EligibilityApplicationState.SUBMITTED),
            perform=lambda application, user, data: decline_eligibility(application, user, data["reason"]),
            success=_("The application is declined; the resident is told the reason."),
            style="button no",
        ),
    ]
)

CLAIM_ACTS = StaffActs(
    [
        StaffAct(
            name="approve_claim",
            log_action="discounts.approve_claim",
            label=_("Approve"),
            permission="discounts.decide_subsidy_claim",
            form_class=forms.ApproveClaimForm,
            offered_when=in_state(SubsidyClaimState.SUBMITTED),
            perform=lambda claim, user, data: claims.approve_claim(claim, user, data["note"]),
            success=_("The claim is approved."),
            style="button",
        ),
        StaffAct(
            name="reject_claim",
            log_action="discounts.reject_claim",
            label=_("Reject"),
            permission="discounts.decide_subsidy_claim",
            form_class=forms.RejectClaimForm,
            offered_when=in_state(SubsidyClaimState.SUBMITTED),
            perform=lambda claim, user, data: claims.reject_claim(claim, user, data["reasons"]),
            success=_("The claim is rejected; its sales can be claimed again."),
            style="button no",
        ),
        StaffAct(
            name="record_claim_payment",
            log_action="discounts.record_claim_payment",
            label=_("Record the payment"),
            permission="discounts.decide_subsidy_claim",
            form_class=forms.PaymentForm,
            offered_when=in_state(SubsidyClaimState.APPROVED),
            perform=lambda claim, user, data: claims.record_claim_payment(
                claim, user, data["amount"], data["payment_reference"]
            ),
            success=_("The payment is recorded."),
            style="button",
        ),
    ]
)
