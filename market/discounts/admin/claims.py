"""The list of subsidy claims and each claim's page: its records, the reconciliation and the acts. Reviewers
check claims, approvers (not the same person) approve them and record the payment."""

import django_filters
from django import forms
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from market.admin_viewsets import InspectAndActViewSet
from market.discounts.admin.acts import CLAIM_ACTS
from market.discounts.claims import held_sales, reconcile
from market.discounts.models import SubsidyClaim, SubsidyClaimState
from market.staff_acts import StaffActs

# Wagtail hook: functions () -> StaffAct iterable, acts an app above discounts offers on a claim's page beside the
# claim's own (commerce: pay an approved claim by Stripe transfer). Each act checks its own permission and state.
CLAIM_ACTS_HOOK = "discounts_subsidy_claim_acts"


def claim_acts() -> StaffActs:
    """The claim's own acts, then those contributed through CLAIM_ACTS_HOOK."""
    return StaffActs([*CLAIM_ACTS, *(act for hook in hooks.get_hooks(CLAIM_ACTS_HOOK) for act in hook())])


class ClaimFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=SubsidyClaimState.choices, widget=forms.RadioSelect)

    class Meta:
        model = SubsidyClaim
        fields = []


class ClaimIndexView(IndexView):
    page_title = _("Subsidy claims")

    def get_base_queryset(self):
        return SubsidyClaim.objects.select_related("organization")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "organization",
                label=_("Merchant"),
                accessor="organization",
                get_url=self.get_inspect_url,
                sort_key="organization__name",
            ),
            Column(
                "period",
                label=_("Period"),
                accessor=lambda claim: f"{claim.period_start:%Y-%m-%d} – {claim.period_end:%Y-%m-%d}",
                sort_key="period_start",
            ),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda claim: claim.state == SubsidyClaimState.SUBMITTED,
            ),
            Column("total_subsidy", label=_("Subsidy claimed"), sort_key="total_subsidy"),
            Column("paid_amount", label=_("Amount paid"), sort_key="paid_amount"),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        ]


class ClaimDetailView(InspectView):
    template_name = "discounts/admin/claim_detail.html"
    page_title = _("Subsidy claim")
    act_url_name = None
    acts = CLAIM_ACTS

    def get_object(self, queryset=None):
        return get_object_or_404(
            SubsidyClaim.objects.select_related("organization", "submitted_by", "checked_by", "decided_by", "paid_by"),
            pk=self.pk,
        )

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        context.update(
            claim=claim,
            lines=claim.lines.select_related("sale__service__service_type", "sale__location", "sale__staff"),
            reconciliation=reconcile(claim),
            acts=self.acts.offered(claim, self.request.user, self.act_url_name),
            checked_by_you=claim.checked_by_id == self.request.user.pk,
            held=held_sales(claim.organization, claim.period_start, claim.period_end).count(),
        )
        return context


class SubsidyClaimViewSet(InspectAndActViewSet):
    """Listing and the approver's page only: every decision is an act of claims.py."""

    acts = CLAIM_ACTS
    model = SubsidyClaim
    name = "subsidy_claims"
    url_prefix = "discounts/claims"
    icon = "clipboard-list"
    menu_label = _("Subsidy claims")
    menu_order = 175
    index_view_class = ClaimIndexView
    inspect_view_class = ClaimDetailView
    filterset_class = ClaimFilterSet
    ordering = "-submitted_at"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.acts = claim_acts()

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(acts=self.acts, **kwargs)
