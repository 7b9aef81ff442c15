"""The register as bureau staff see it in the Wagtail admin: the merchants with their listing status, each
merchant's page, and the listing changes an approver makes there (suspend, reinstate, revoke) with a reason.

The listing changes are licensing acts (services/decisions.py), which check who may and record them; the log
actions keep their "registry." names because the audit log stores them.
"""

import django_filters
from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from market.admin_viewsets import InspectAndActViewSet
from market.licensing.admin.actions import StaffAction
from market.licensing.errors import LicensingError
from market.licensing.services.decisions import reinstate_listing, revoke_listing, suspend_listing
from market.places.models import District
from market.registry.models import Category, ListingStatus, Organization

S = ListingStatus


class ListingChangeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), help_text=_("The merchant sees this reason."), widget=forms.Textarea(attrs={"rows": 3})
    )


LISTING_ACTS = [
    StaffAction(
        name="suspend",
        label=_("Suspend the listing"),
        permission="licensing.change_listing_status",
        form_class=ListingChangeForm,
        offered_in=lambda organization, user: organization.listing_status == S.ACTIVE,
        perform=lambda organization, user, data: suspend_listing(organization, user, data["reason"]),
        success=_("The listing is suspended; it has left the public register."),
    ),
    StaffAction(
        name="reinstate",
        label=_("Reinstate the listing"),
        permission="licensing.change_listing_status",
        form_class=ListingChangeForm,
        offered_in=lambda organization, user: organization.listing_status == S.SUSPENDED,
        perform=lambda organization, user, data: reinstate_listing(organization, user, data["reason"]),
        success=_("The listing is active again."),
        style="button",
    ),
    StaffAction(
        name="revoke",
        label=_("Revoke the listing"),
        permission="licensing.change_listing_status",
        form_class=ListingChangeForm,
        offered_in=lambda organization, user: organization.listing_status in (S.ACTIVE, S.SUSPENDED),
        perform=lambda organization, user, data: revoke_listing(organization, user, data["reason"]),
        success=_("The listing is revoked."),
        style="button no",
    ),
]
LISTING_ACTS_BY_NAME = {action.name: action for action in LISTING_ACTS}


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
                accessor=lambda organization: ", ".join(str(item) for item in organization.categories.all()),
            ),
            Column(
                "districts",
                label=_("Districts"),
                accessor=lambda organization: ", ".join(
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
            acts=[
                (
                    action.name,
                    action.label,
                    action.style,
                    action.form(),
                    reverse(self.act_url_name, args=[organization.pk, action.name]),
                )
                for action in LISTING_ACTS
                if action.is_offered(organization, self.request.user)
            ],
        )
        return context


class ListingActView(PermissionCheckedMixin, View):
    """POST a suspension, reinstatement or revocation; the licensing service checks who may and records it."""

    model = Organization
    permission_required = "view"
    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk, act):
        organization = get_object_or_404(Organization, pk=pk)
        action = LISTING_ACTS_BY_NAME.get(act)
        if action is None:
            return redirect(reverse(self.inspect_url_name, args=[pk]))
        form = action.form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the reason; the merchant will see it."))
        else:
            try:
                action.perform(organization, request.user, form.cleaned_data)
            except LicensingError as error:
                messages.error(request, error.message)
            else:
                log(instance=organization, action=f"registry.{act}", user=request.user)
                messages.success(request, action.success)
        return redirect(reverse(self.inspect_url_name, args=[pk]))


class MerchantViewSet(InspectAndActViewSet):
    """The register as staff see it; merchants edit their own profile in the portal."""

    act_view_class = ListingActView
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
