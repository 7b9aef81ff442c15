"""Bureau staff's view of the register in the Wagtail admin: the merchants with their listing status, and the
category tree administrators keep.

Suspending, reinstating and revoking a listing are licensing acts, so the merchant page calls the licensing
services (the dependency runs one way: licensing never imports this module).
"""

import django_filters
from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from market.admin_viewsets import InspectAndActViewSet
from market.licensing import services as licensing
from market.licensing.admin.permissions import LicensingStaffPolicy
from market.licensing.errors import LicensingError
from market.places.models import District
from market.registry.models import Category, ListingStatus, Organization

S = ListingStatus


class ListingChangeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), help_text=_("The merchant sees this reason."), widget=forms.Textarea(attrs={"rows": 3})
    )


# name: (button label, service, the statuses it applies to, success message, button style)
LISTING_ACTS = {
    "suspend": (
        _("Suspend the listing"),
        licensing.suspend_listing,
        [S.ACTIVE],
        _("The listing is suspended; it has left the public register."),
        "button button-secondary",
    ),
    "reinstate": (
        _("Reinstate the listing"),
        licensing.reinstate_listing,
        [S.SUSPENDED],
        _("The listing is active again."),
        "button",
    ),
    "revoke": (
        _("Revoke the listing"),
        licensing.revoke_listing,
        [S.ACTIVE, S.SUSPENDED],
        _("The listing is revoked."),
        "button no",
    ),
}


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
    template_name = "registry/admin/merchant_detail.html"
    page_title = _("Merchant")
    act_url_name = None
    application_url_name = "review_queue:inspect"

    def get_fields(self):
        return []  # the template lays the merchant out itself

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        may_change = self.request.user.has_perm("licensing.change_listing_status", organization)
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
                    name,
                    label,
                    style,
                    ListingChangeForm(prefix=name),
                    reverse(self.act_url_name, args=[organization.pk, name]),
                )
                for name, (label, _service, applies_to, _message, style) in LISTING_ACTS.items()
                if may_change and organization.listing_status in applies_to
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
        if act not in LISTING_ACTS:
            return redirect(reverse(self.inspect_url_name, args=[pk]))
        _label, service, _applies_to, success, _style = LISTING_ACTS[act]
        form = ListingChangeForm(request.POST, prefix=act)
        if not form.is_valid():
            messages.error(request, _("Give the reason; the merchant will see it."))
        else:
            try:
                service(organization, request.user, form.cleaned_data["reason"])
            except LicensingError as error:
                messages.error(request, error.message)
            else:
                log(instance=organization, action=f"registry.{act}", user=request.user)
                messages.success(request, success)
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


class CategoryViewSet(SnippetViewSet):
    """Administrators keep the category tree (names in both languages, parent, order)."""

    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "name_en", "code", "parent", "sort_order"]
    search_fields = ["name", "name_en", "code"]
    ordering = "sort_order"
    form_fields = ["name", "name_en", "code", "parent", "description", "icon", "sort_order"]


register_permission_policy(Organization, LicensingStaffPolicy(Organization))
register_snippet(CategoryViewSet)


@hooks.register("register_admin_viewset")
def register_merchants():
    return MerchantViewSet()


@hooks.register("register_log_actions")
def register_listing_acts(actions):
    for name, (label, *_rest) in LISTING_ACTS.items():
        actions.register_action(f"registry.{name}", label, _("Listing: %(act)s") % {"act": label})
