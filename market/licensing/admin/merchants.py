"""The register as bureau staff see it in the Wagtail admin: the merchants with their listing status, each
merchant's page, and the listing changes an approver makes there (suspend, reinstate, revoke) with a reason.

The listing changes are licensing acts (services/decisions.py), which check who may and record them; the log
actions keep their "registry." names because the audit log stores them.
"""

import django_filters
from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from market.admin_viewsets import InspectAndActViewSet
from market.licensing.services.decisions import reinstate_listing, revoke_listing, suspend_listing
from market.licensing.words import list_of
from market.places.models import District
from market.registry.models import Category, ListingStatus, Organization
from market.staff_acts import StaffAct, StaffActs

S = ListingStatus
# Wagtail hook: functions (request, organization) -> HTML panel shown on the staff merchant page, where approvers
# decide on a suspension.
MERCHANT_RECORD_PANELS = "licensing_merchant_record_panels"


class ListingChangeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), help_text=_("The merchant sees this reason."), widget=forms.Textarea(attrs={"rows": 3})
    )


LISTING_ACTS = StaffActs(
    [
        StaffAct(
            name="suspend",
            log_action="registry.suspend",
            label=_("Suspend the listing"),
            permission="licensing.change_listing_status",
            form_class=ListingChangeForm,
            offered_when=lambda organization, user: organization.listing_status == S.ACTIVE,
            perform=lambda organization, user, data: suspend_listing(organization, user, data["reason"]),
            success=_("The listing is suspended; it has left the public register."),
        ),
        StaffAct(
            name="reinstate",
            log_action="registry.reinstate",
            label=_("Reinstate the listing"),
            permission="licensing.change_listing_status",
            form_class=ListingChangeForm,
            offered_when=lambda organization, user: organization.listing_status == S.SUSPENDED,
            perform=lambda organization, user, data: reinstate_listing(organization, user, data["reason"]),
            success=_("The listing is active again."),
            style="button",
        ),
        StaffAct(
            name="revoke",
            log_action="registry.revoke",
            label=_("Revoke the listing"),
            permission="licensing.change_listing_status",
            form_class=ListingChangeForm,
            offered_when=lambda organization, user: organization.listing_status in (S.ACTIVE, S.SUSPENDED),
            perform=lambda organization, user, data: revoke_listing(organization, user, data["reason"]),
            success=_("The listing is revoked."),
            style="button no",
        ),
    ]
)


class MerchantFilterSet(WagtailFilterSet):
    listing_status = django_filters.ChoiceFilter(
        label=_("Listing status"), choices=ListingStatus.choices, widget=forms.RadioSelect
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), field_name="categories", queryset=Category.objects.all(), distinct=True
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"), field_name="locations__district", queryset=District.objects.all(), distinct=True
    )

    class Meta:
        model = Organization
        fields = []


class MerchantIndexView(IndexView):
    page_title = _("Merchants")

    def get_base_queryset(self):
        return Organization.objects.prefetch_related("categories", "locations__district")

    @cached_property
    def columns(self):
        return [
            TitleColumn("name", label=_("Merchant"), accessor=str, get_url=self.get_inspect_url, sort_key="name"),
            Column("unified_social_credit_code", label=_("Unified social credit code")),
            StatusTagColumn(
                "listing_status",
                label=_("Listing status"),
                accessor="get_listing_status_display",
                sort_key="listing_status",
                primary=lambda organization: organization.listing_status == S.ACTIVE,
            ),
            Column(
                "categories",
                label=_("Categories"),
                accessor=lambda organization: list_of(organization.categories.all()),
            ),
            Column(
                "districts",
                label=_("Districts"),
                accessor=lambda organization: list_of(
                    sorted({str(location.district) for location in organization.locations.all()})
                ),
            ),
            DateColumn("listed_at", label=_("Listed"), sort_key="listed_at"),
        ]


class MerchantDetailView(InspectView):
    template_name = "licensing/admin/merchant_detail.html"
    page_title = _("Merchant")
    act_url_name = None
    application_url_name = "review_queue:inspect"

    def get_fields(self):
        return []  # the template lays the merchant out itself

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        context.update(
            organization=organization,
            outlets=organization.locations.select_related("district", "subdistrict"),
            licences=organization.licences.select_related("licence_type"),
            applications=[
                (application, reverse(self.application_url_name, args=[application.pk]))
                for application in organization.applications.exclude(state="draft")
            ],
            listing_events=organization.listing_events.select_related("actor").order_by("-at", "-pk"),
            # What other apps add to the merchant's record (complaints), without licensing importing them.
            record_panels=[panel(self.request, organization) for panel in hooks.get_hooks(MERCHANT_RECORD_PANELS)],
            acts=LISTING_ACTS.offered(organization, self.request.user, self.act_url_name),
        )
        return context


class MerchantViewSet(InspectAndActViewSet):
    """The register as staff see it; merchants edit their own profile in the portal."""

    acts = LISTING_ACTS
    model = Organization
    name = "merchants"
    icon = "group"
    menu_label = _("Merchants")
    menu_order = 155
    index_view_class = MerchantIndexView
    inspect_view_class = MerchantDetailView
    filterset_class = MerchantFilterSet
    search_fields = ["name", "name_en", "alternate_name", "unified_social_credit_code"]
    ordering = "name"
