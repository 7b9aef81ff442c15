"""The marketplace in the Wagtail admin, under one menu group, "Bookings and payments": the orders with their
history, payments and the refund act; the ledger read-only; and the reconciliation of local records with Stripe."""

import datetime
import json

import django_filters
import stripe
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from market import clock_source
from market.admin_viewsets import InspectAndActViewSet
from market.commerce.admin.acts import ORDER_ACTS
from market.commerce.admin.permissions import may_view_ledger
from market.commerce.models import (
    Order,
    OrderState,
    Payment,
    PaymentAccount,
    PaymentMethod,
    Refund,
    SubsidyTransfer,
    WebhookEvent,
)
from market.commerce.services import reconciliation
from market.commerce.stripe_gateway import is_configured
from market.registry.models import Organization
from market.staff_acts import StaffActs

READ_ONLY = StaffActs([])


# ---------------------------------------------------------------- orders


class OrderFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=OrderState.choices)
    payment_method = django_filters.ChoiceFilter(label=_("Payment"), choices=PaymentMethod.choices)
    organization = django_filters.ModelChoiceFilter(
        label=_("Merchant"), queryset=Organization.objects.filter(orders__isnull=False).distinct()
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Placed"), widget=DateRangePickerWidget)

    class Meta:
        model = Order
        fields = []


class OrderIndexView(IndexView):
    page_title = _("Orders")

    def get_base_queryset(self):
        return Order.objects.select_related("organization", "service")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "number", label=pgettext_lazy("shop order", "Order"), get_url=self.get_inspect_url, sort_key="number"
            ),
            Column("organization", label=_("Merchant"), sort_key="organization__name"),
            Column("service", label=_("Service"), accessor=lambda order: f"{order.service} × {order.quantity}"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda order: order.is_open,
            ),
            Column("payment_method", label=_("Payment"), accessor="get_payment_method_display"),
            Column("total", label=_("Total (yuan)"), sort_key="total"),
            DateColumn("created_at", label=_("Placed"), sort_key="created_at"),
        ]


class OrderDetailView(InspectView):
    template_name = "commerce/admin/order_detail.html"
    page_title = pgettext_lazy("shop order", "Order")
    act_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            Order.objects.select_related("organization", "location", "service", "offer", "group", "resident"),
            pk=self.pk,
        )

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context.update(
            order=order,
            events=order.events.select_related("actor"),
            payments=order.payments.prefetch_related("transactions").select_related("refund__requested_by"),
            acts=ORDER_ACTS.offered(order, self.request.user, self.act_url_name),
        )
        return context


class OrderViewSet(InspectAndActViewSet):
    acts = ORDER_ACTS
    model = Order
    name = "commerce_orders"
    url_prefix = "commerce/orders"
    icon = "list-ul"
    menu_label = _("Orders")
    index_view_class = OrderIndexView
    inspect_view_class = OrderDetailView
    filterset_class = OrderFilterSet
    ordering = "-created_at"


# ---------------------------------------------------------------- the ledger, read-only


class LedgerViewSet(InspectAndActViewSet):
    acts = READ_ONLY
    ordering = "-pk"


class PaymentViewSet(LedgerViewSet):
    model = Payment
    name = "commerce_payments"
    url_prefix = "commerce/payments"
    icon = "pick"
    menu_label = _("Payments")
    list_display = ["__str__", "state", "amount", "amount_paid", "amount_refunded", "created_at"]
    list_filter = ["state"]
    inspect_view_fields = [
        "order",
        "attempt",
        "state",
        "amount",
        "amount_paid",
        "amount_refunded",
        "destination_account",
        "checkout_session_id",
        "payment_intent_id",
        "idempotency_key",
        "created_at",
        "updated_at",
    ]


class RefundViewSet(LedgerViewSet):
    model = Refund
    name = "commerce_refunds"
    url_prefix = "commerce/refunds"
    icon = "undo"
    menu_label = _("Refunds")
    list_display = ["__str__", "reason", "state", "amount", "created_at"]
    list_filter = ["state", "reason"]
    inspect_view_fields = [
        "payment",
        "amount",
        "reason",
        "note",
        "requested_by",
        "state",
        "failure",
        "stripe_refund_id",
        "idempotency_key",
        "created_at",
        "updated_at",
    ]


class WebhookEventInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        if field_name == "payload":
            return format_html(
                "<pre>{}</pre>", json.dumps(self.object.payload, indent=2, ensure_ascii=False, sort_keys=True)
            )
        return super().get_field_display_value(field_name, field)


class WebhookEventViewSet(LedgerViewSet):
    model = WebhookEvent
    name = "commerce_stripe_events"
    url_prefix = "commerce/stripe-events"
    icon = "resubmit"
    menu_label = _("Stripe events")
    inspect_view_class = WebhookEventInspectView
    list_display = ["event_id", "type", "outcome", "received_at"]
    list_filter = ["outcome", "type"]
    inspect_view_fields = [
        "event_id",
        "type",
        "outcome",
        "waits_for",
        "created",
        "received_at",
        "processed_at",
        "payload",
    ]


class PaymentAccountViewSet(LedgerViewSet):
    model = PaymentAccount
    name = "commerce_payment_accounts"
    url_prefix = "commerce/payment-accounts"
    icon = "user"
    menu_label = _("Payment accounts")
    list_display = ["organization", "stripe_account_id", "details_submitted", "charges_enabled", "payouts_enabled"]
    list_filter = ["charges_enabled", "payouts_enabled"]
    inspect_view_fields = [
        "organization",
        "stripe_account_id",
        "details_submitted",
        "charges_enabled",
        "payouts_enabled",
        "requirements_due",
        "updated_by_event_at",
        "created_at",
    ]


class SubsidyTransferViewSet(LedgerViewSet):
    model = SubsidyTransfer
    name = "commerce_subsidy_transfers"
    url_prefix = "commerce/subsidy-transfers"
    icon = "arrow-right-full"
    menu_label = _("Subsidy transfers")
    list_display = ["__str__", "state", "amount", "stripe_transfer_id", "created_at"]
    list_filter = ["state"]
    inspect_view_fields = [
        "claim",
        "payment_account",
        "amount",
        "state",
        "failure",
        "stripe_transfer_id",
        "idempotency_key",
        "requested_by",
        "created_at",
        "updated_at",
    ]


# ---------------------------------------------------------------- reconciliation

# How far back the payments, refunds and transfers are compared with Stripe's.
RECONCILE_DAYS = 31


class ReconciliationView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "commerce/admin/reconciliation.html"
    page_title = _("Reconciliation")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not may_view_ledger(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        since = clock_source.now() - datetime.timedelta(days=RECONCILE_DAYS)
        stripe_found, stripe_error = None, None
        if is_configured():
            try:
                stripe_found = reconciliation.stripe_mismatches(since)
            except stripe.StripeError as error:
                stripe_error = str(error.user_message or error)
        context.update(
            local=reconciliation.local_mismatches(),
            stripe_found=stripe_found,
            stripe_error=stripe_error,
            stripe_on=is_configured(),
            days=RECONCILE_DAYS,
        )
        return context


class LedgerMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_ledger(request.user)


class ReconciliationViewSet(ViewSet):
    name = "commerce_reconciliation"
    url_prefix = "commerce/reconciliation"
    icon = "tasks"
    menu_label = _("Reconciliation")

    def get_urlpatterns(self):
        return [path("", ReconciliationView.as_view(), name="index")]

    @cached_property
    def menu_item_class(self):
        return LedgerMenuItem

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("index"))


class BookingsAndPaymentsGroup(ViewSetGroup):
    menu_label = _("Bookings and payments")
    menu_icon = "pick"
    menu_order = 180
    items = (
        OrderViewSet,
        PaymentViewSet,
        RefundViewSet,
        WebhookEventViewSet,
        PaymentAccountViewSet,
        SubsidyTransferViewSet,
        ReconciliationViewSet,
    )
