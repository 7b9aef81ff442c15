"""The staff's acts on eligibility applications, subsidy claims, flagged sales and printed cards.

`offered_when` only decides which forms a page shows; the act's permission is checked on the record when it is
posted (market/staff_acts.py), and the service that `perform` calls checks the permission and the state again,
so a forged request is refused all the same.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.discounts import claims
from market.discounts.admin import forms
from market.discounts.models import EligibilityApplicationState, SaleFlagState, SubsidyClaimState
from market.discounts.services.benefit_codes import revoke_benefit_card
from market.discounts.services.eligibility import decline_eligibility, verify_eligibility
from market.discounts.services.sale_flags import clear_sale_flag, reject_sale_flag
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
            name="check_claim",
            log_action="discounts.check_claim",
            label=_("Checked: pass to an approver"),
            permission="discounts.check_subsidy_claim",
            form_class=forms.CheckClaimForm,
            offered_when=in_state(SubsidyClaimState.SUBMITTED),
            perform=lambda claim, user, data: claims.check_claim(claim, user, data["note"]),
            success=_("The claim is checked; another member of staff approves it."),
            style="button",
        ),
        StaffAct(
            name="approve_claim",
            log_action="discounts.approve_claim",
            label=_("Approve"),
            permission="discounts.decide_subsidy_claim",
            form_class=forms.ApproveClaimForm,
            offered_when=in_state(SubsidyClaimState.CHECKED),
            perform=lambda claim, user, data: claims.approve_claim(claim, user, data["note"]),
            success=_("The claim is approved."),
            style="button",
        ),
        StaffAct(
            name="reject_claim",
            log_action="discounts.reject_claim",
            label=pgettext_lazy("decision", "Reject"),
            permission="discounts.reject_subsidy_claim",
            form_class=forms.RejectClaimForm,
            offered_when=lambda claim, user: claim.state in (SubsidyClaimState.SUBMITTED, SubsidyClaimState.CHECKED),
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

SALE_FLAG_ACTS = StaffActs(
    [
        StaffAct(
            name="clear_sale_flag",
            log_action="discounts.clear_sale_flag",
            label=_("Clear: the sale may be claimed"),
            permission="discounts.review_sale_flag",
            form_class=forms.ClearFlagForm,
            offered_when=in_state(SaleFlagState.OPEN),
            perform=lambda flag, user, data: clear_sale_flag(flag, user, data["note"]),
            success=_("The flag is cleared: the sale can be claimed."),
            style="button",
        ),
        StaffAct(
            name="reject_sale_flag",
            log_action="discounts.reject_sale_flag",
            label=_("Reject: the sale is never paid"),
            permission="discounts.review_sale_flag",
            form_class=forms.RejectFlagForm,
            offered_when=in_state(SaleFlagState.OPEN),
            perform=lambda flag, user, data: reject_sale_flag(flag, user, data["reason"]),
            success=_("The sale is rejected: it will not be paid, and the merchant sees the reason."),
            style="button no",
        ),
    ]
)

CARD_ACTS = StaffActs(
    [
        StaffAct(
            name="revoke_card",
            log_action="discounts.revoke_card",
            label=_("Withdraw the card"),
            permission="discounts.issue_benefit_card",
            form_class=forms.RevokeCardForm,
            offered_when=lambda card, user: card.revoked_at is None,
            perform=lambda card, user, data: revoke_benefit_card(card, user, data["reason"]),
            success=_("The card is withdrawn: it no longer works at any counter."),
            style="button no",
        ),
    ]
)
