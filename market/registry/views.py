"""The public register: only listed merchants; anything else is not found, whatever its status was a moment ago."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail import hooks

from market import clock_source
from market.places.models import District
from market.registry import merchant_cache, public
from market.registry.forms import OPEN_NOW, MerchantFilterForm
from market.registry.models import Category

MERCHANTS_PER_PAGE = 20
# Wagtail hooks through which apps above the register add to its public merchant page without the register
# importing them: functions (request, organization) -> HTML, shown under the name and after the outlets.
MERCHANT_PAGE_SUMMARY = "registry_merchant_page_summary"
MERCHANT_PAGE_SECTIONS = "registry_merchant_page_sections"


def _moment():
    """The licensing clock: real time in production, a fixed moment in tests and the browser walk-through."""
    return clock_source.now()


@require_safe
def merchant_list(request, category_code=None, district_code=None):
    categories = list(Category.objects.all())
    districts = list(District.objects.all())
    data = request.GET.copy()
    # A category or district in the address is the filter's starting point; the form may add to it.
    for field, code, known in (("category", category_code, categories), ("district", district_code, districts)):
        if code is not None:
            if not any(item.code == code for item in known):
                raise Http404
            data.setdefault(field, code)
    form = MerchantFilterForm(data, categories=categories, districts=districts)
    form.is_valid()
    chosen = form.cleaned_data

    moment = _moment()
    category = next((item for item in categories if item.code == chosen.get("category")), None)
    district = next((item for item in districts if item.code == chosen.get("district")), None)

    def build():
        merchants = public.listed_merchant_cards(moment)
        if category:
            merchants = public.in_categories(merchants, public.with_descendants(category, categories))
        if district:
            merchants = public.in_district(merchants, district)
        if chosen.get("open") == OPEN_NOW:
            merchants = public.open_at(merchants, moment)
        page = Paginator(merchants, MERCHANTS_PER_PAGE).get_page(request.GET.get("page"))
        results = [
            {
                "organization": organization,
                "is_open": public.any_outlet_open(organization, moment),
                "districts": public.districts_of(organization),
            }
            for organization in page
        ]
        context = {"page_obj": page, "results": results}
        html = render_to_string("registry/includes/merchant_results.html", context, request)
        return html, public.register_open_state_holds_until(moment)

    # The cards say which merchants are open now: the page holds until the next opening or closing time.
    day = timezone.localdate(moment).isoformat()
    results_html = merchant_cache.cached_list(
        "merchants", build, moment=moment, request=request, key=f"{day}:{request.get_full_path()}"
    )
    return render(
        request,
        "registry/merchant_list.html",
        {
            "form": form,
            "category": category,
            "district": district,
            "results_html": results_html,
            "moment": timezone.localtime(moment),
        },
    )


def _outlet_cards(request, organization, moment) -> dict:
    """The outlets' cards and schema.org data, the same for every visitor: from the merchant's cache until it
    changes or an outlet opens or closes."""
    day = timezone.localdate(moment)

    def build():
        locations = public.outlets_on(organization, day)
        page_url = request.build_absolute_uri(reverse("registry:merchant_detail", args=[organization.pk]))
        outlets = public.outlets_of(organization, moment, page_url, locations)
        cards = {
            "json_ld": [outlet.json_ld for outlet in outlets],
            "html": render_to_string("registry/includes/merchant_outlets.html", {"outlets": outlets}),
        }
        return cards, public.open_state_holds_until(locations, moment)

    return merchant_cache.cached(organization.pk, "outlets", build, moment=moment, request=request, key=day.isoformat())


@require_safe
def merchant_detail(request, pk):
    moment = _moment()
    organization = public.merchant_page(pk)
    today = timezone.localdate(moment)
    # The licences are licensing's; the reverse relation reads them without importing it.
    licences = (
        organization.licences.in_force(today)
        .select_related("licence_type")
        .order_by("licence_type__code", "-valid_from")
    )
    outlets = _outlet_cards(request, organization, moment)
    return render(
        request,
        "registry/merchant_detail.html",
        {
            "organization": organization,
            "categories": list(organization.categories.all()),
            "licences": licences,
            "outlets_html": outlets["html"],
            "outlets_json_ld": outlets["json_ld"],
            "summaries": [summary(request, organization) for summary in hooks.get_hooks(MERCHANT_PAGE_SUMMARY)],
            "sections": [section(request, organization) for section in hooks.get_hooks(MERCHANT_PAGE_SECTIONS)],
            "moment": timezone.localtime(moment),
            "breadcrumbs": [
                {"url": reverse("wagtail_serve", args=[""]), "title": _("Home")},
                {"url": reverse("registry:merchant_list"), "title": _("Merchants")},
            ],
        },
    )
