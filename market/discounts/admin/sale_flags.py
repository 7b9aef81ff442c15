"""The reviewers' queue of micro-profit sales held for their volume, and each flagged sale's page: the sale, the
outlet's recent days, and the acts that clear or reject it."""

import datetime

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Sum, Value, When
from django.db.models.functions import TruncDate
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from market.admin_viewsets import InspectAndActViewSet
from market.discounts.admin.acts import SALE_FLAG_ACTS
from market.discounts.models import MicroProfitSale, SaleFlag, SaleFlagState
from market.discounts.services.sale_flags import HISTORY_DAYS

OPEN_FIRST = Case(When(state=SaleFlagState.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())


class SaleFlagFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=SaleFlagState.choices, widget=forms.RadioSelect)

    class Meta:
        model = SaleFlag
        fields = []


class SaleFlagIndexView(IndexView):
    page_title = _("Flagged micro-profit sales")

    def get_base_queryset(self):
        return SaleFlag.objects.select_related("sale__organization", "sale__location", "sale__service")

    def order_queryset(self, queryset):
        if self.ordering == "flagged_at" and not self.is_explicitly_ordered:
            return queryset.alias(waiting=OPEN_FIRST).order_by("waiting", "flagged_at")
        return super().order_queryset(queryset)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "sale",
                label=_("Outlet"),
                accessor=lambda flag: f"{flag.sale.organization} · {flag.sale.location}",
                get_url=self.get_inspect_url,
                sort_key="sale__location__name",
            ),
            Column("service", label=_("Service"), accessor=lambda flag: flag.sale.service),
            Column("quantity", label=_("Quantity"), accessor=lambda flag: flag.sale.quantity),
            Column("reason", label=_("Why"), accessor="get_reason_display"),
            Column("units_that_day", label=_("Units that day"), accessor=lambda flag: flag.units_that_day or "—"),
            Column("usual", label=_("Usual day"), accessor=lambda flag: flag.usual_daily_units or "—"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda flag: flag.state == SaleFlagState.OPEN,
            ),
            DateColumn("flagged_at", label=_("Flagged"), sort_key="flagged_at"),
        ]


class SaleFlagDetailView(InspectView):
    template_name = "discounts/admin/sale_flag_detail.html"
    page_title = _("Flagged sale")
    act_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            SaleFlag.objects.select_related(
                "sale__organization", "sale__location", "sale__service__service_type", "sale__staff", "reviewed_by"
            ),
            pk=self.pk,
        )

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        flag = self.object
        sale = flag.sale
        day = timezone.localdate(sale.sold_at)
        history = (
            MicroProfitSale.objects.filter(
                location=sale.location,
                service__service_type=sale.service.service_type,
                sold_at__date__gte=day - datetime.timedelta(days=HISTORY_DAYS),
                sold_at__date__lte=day,
            )
            .annotate(day=TruncDate("sold_at"))
            .order_by("-day")
            .values("day")
            .annotate(units=Sum("quantity"))
        )
        context.update(
            flag=flag,
            sale=sale,
            history=history,
            acts=SALE_FLAG_ACTS.offered(flag, self.request.user, self.act_url_name),
        )
        return context


class SaleFlagViewSet(InspectAndActViewSet):
    """Listing and the reviewer's page only: clearing and rejecting are acts of services/sale_flags.py."""

    acts = SALE_FLAG_ACTS
    model = SaleFlag
    name = "sale_flags"
    url_prefix = "discounts/flagged-sales"
    icon = "warning"
    menu_label = _("Flagged sales")
    menu_order = 176
    index_view_class = SaleFlagIndexView
    inspect_view_class = SaleFlagDetailView
    filterset_class = SaleFlagFilterSet
    ordering = "flagged_at"
