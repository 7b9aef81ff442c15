"""The staff's acts on eligibility applications and subsidy claims, and the view that posts them.

`is_offered` only decides which forms a page shows; the service that `perform` calls checks the permission and
the state again, so a forged request is refused all the same.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from market.discounts import claims
from market.discounts.admin import forms
from market.discounts.errors import DiscountError
from market.discounts.models import EligibilityApplication, EligibilityApplicationState, SubsidyClaim, SubsidyClaimState
from market.discounts.services.eligibility import decline_eligibility, verify_eligibility


@dataclass(frozen=True)
class StaffAct:
    name: str
    label: str
    permission: str
    form_class: type
    state: str
    perform: Callable[[object, object, dict], object]
    success: str
    style: str = "button button-secondary"

    def is_offered(self, instance, user) -> bool:
        return instance.state == self.state and user.has_perm(self.permission)

    def form(self, data=None):
        return self.form_class(data, prefix=self.name)

    @property
    def log_action(self) -> str:
        return f"discounts.{self.name}"


ELIGIBILITY_ACTS = [
    StaffAct(
        name="verify_eligibility",
        label=_("Verify"),
        permission="discounts.verify_eligibility",
        form_class=forms.VerifyForm,
        state=EligibilityApplicationState.SUBMITTED,
        perform=lambda application, user, data: verify_eligibility(application, user, data["valid_until"]),
        success=_("The resident is verified as eligible."),
        style="button",
    ),
    StaffAct(
        name="decline_eligibility",
        label=_("Decline"),
        permission="discounts.verify_eligibility",
        form_class=forms.DeclineForm,
        state=EligibilityApplicationState.SUBMITTED,
        perform=lambda application, user, data: decline_eligibility(application, user, data["reason"]),
        success=_("The application is declined; the resident is told the reason."),
        style="button no",
    ),
]

CLAIM_ACTS = [
    StaffAct(
        name="approve_claim",
        label=_("Approve"),
        permission="discounts.decide_subsidy_claim",
        form_class=forms.ApproveClaimForm,
        state=SubsidyClaimState.SUBMITTED,
        perform=lambda claim, user, data: claims.approve_claim(claim, user, data["note"]),
        success=_("The claim is approved."),
        style="button",
    ),
    StaffAct(
        name="reject_claim",
        label=_("Reject"),
        permission="discounts.decide_subsidy_claim",
        form_class=forms.RejectClaimForm,
        state=SubsidyClaimState.SUBMITTED,
        perform=lambda claim, user, data: claims.reject_claim(claim, user, data["reasons"]),
        success=_("The claim is rejected; its sales can be claimed again."),
        style="button no",
    ),
    StaffAct(
        name="record_claim_payment",
        label=_("Record the payment"),
        permission="discounts.decide_subsidy_claim",
        form_class=forms.PaymentForm,
        state=SubsidyClaimState.APPROVED,
        perform=lambda claim, user, data: claims.record_claim_payment(
            claim, user, data["amount"], data["payment_reference"]
        ),
        success=_("The payment is recorded."),
        style="button",
    ),
]


def offered_acts(acts, instance, user, url_name):
    return [
        (act, act.form(), reverse(url_name, args=[instance.pk, act.name]))
        for act in acts
        if act.is_offered(instance, user)
    ]


class ActView(PermissionCheckedMixin, View):
    """POST one act; the service decides. A refusal becomes an error message and changes nothing."""

    model = None
    acts = ()
    permission_required = "view"
    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk, act):
        act = {candidate.name: candidate for candidate in self.acts}.get(act)
        if act is None:
            raise Http404
        instance = get_object_or_404(self.model, pk=pk)
        form = act.form(request.POST)
        if not form.is_valid():
            problems = [f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
            messages.error(request, " ".join([str(_("The form is not complete.")), *problems]))
        else:
            try:
                act.perform(instance, request.user, form.cleaned_data)
            except DiscountError as error:
                messages.error(request, str(error.message))
            else:
                instance.refresh_from_db()
                log(instance=instance, action=act.log_action, user=request.user)
                messages.success(request, act.success)
        return redirect(reverse(self.inspect_url_name, args=[pk]))


class EligibilityActView(ActView):
    model = EligibilityApplication
    acts = ELIGIBILITY_ACTS


class ClaimActView(ActView):
    model = SubsidyClaim
    acts = CLAIM_ACTS


ALL_ACTS = [*ELIGIBILITY_ACTS, *CLAIM_ACTS]
