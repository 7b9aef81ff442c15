"""The merchant's marketplace pages in the portal: its bookable services, its online payment (Stripe Connect), and
the orders to its shop with the steps it takes on them (accept, complete, decline).

Like the rest of the portal, every view finds objects only among the signed-in merchant's own, so another
merchant's service or order is a 404; the acts are the services' and a refusal comes back as a message.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from market.accounts.decorators import merchant_required
from market.commerce.forms import OPEN, BookableServiceForm, DeclineForm, OrderFilterForm
from market.commerce.models import BookableService, Order, PaymentAccount
from market.commerce.services import catalogue, orders, payment_accounts
from market.commerce.stripe_gateway import is_configured
from market.errors import AppError
from market.registry.models import ListingStatus, Organization

OPEN_STATES = [Order.S.PLACED, Order.S.ACCEPTED, Order.S.AWAITING_PAYMENT]


def _own_listed(request, organization_pk) -> Organization:
    """The merchant's own listed business; anything else is a 404."""
    return get_object_or_404(Organization, pk=organization_pk, owner=request.user, listing_status=ListingStatus.ACTIVE)


def _own_service(request, organization, pk) -> BookableService:
    return get_object_or_404(BookableService, pk=pk, organization=organization)


def _own_order(request, number) -> Order:
    return get_object_or_404(
        Order.objects.select_related("organization", "location", "service", "offer"),
        number=number,
        organization__owner=request.user,
    )


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def payment_status(organization) -> dict:
    """Which of the online-payment states the page shows: off (no Stripe key), none, missing details, ready."""
    if not is_configured():
        return {"state": "off", "account": None}
    account = PaymentAccount.objects.filter(organization=organization).first()
    if account is None:
        return {"state": "none", "account": None}
    if not account.ready:
        return {
            "state": "missing",
            "account": account,
            "requirements": [item.strip() for item in account.requirements_due.split(",") if item.strip()],
        }
    return {"state": "ready", "account": account}


# ---------------------------------------------------------------- bookable services


@merchant_required
def services(request, organization_pk):
    organization = _own_listed(request, organization_pk)
    return render(
        request,
        "commerce/portal/services.html",
        {
            "organization": organization,
            "services": organization.bookable_services.select_related(
                "category", "micro_profit_service__service_type"
            ).prefetch_related("locations"),
            "payment": payment_status(organization),
        },
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def edit_service(request, organization_pk, pk=None):
    organization = _own_listed(request, organization_pk)
    service = _own_service(request, organization, pk) if pk is not None else None
    form = BookableServiceForm(request.POST or None, instance=service, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.save_bookable_service(
                form.save(commit=False), request.user, locations=form.cleaned_data["locations"]
            )
        except (AppError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", error))
        else:
            messages.success(request, _("Saved. Residents can book the service on your page now."))
            return redirect("commerce_portal:services", organization_pk=organization.pk)
    return render(
        request,
        "commerce/portal/service_form.html",
        {"organization": organization, "service": service, "form": form},
    )


@merchant_required
@require_POST
def withdraw_service(request, organization_pk, pk):
    organization = _own_listed(request, organization_pk)
    service = _own_service(request, organization, pk)
    try:
        catalogue.withdraw_bookable_service(service, request.user)
    except AppError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(service)s is withdrawn: it can no longer be booked. Open orders stay to be served or declined.")
            % {"service": service.display_name},
        )
    return redirect("commerce_portal:services", organization_pk=organization.pk)


# ---------------------------------------------------------------- online payment (Stripe Connect)


@merchant_required
def online_payment(request, organization_pk):
    organization = _own_listed(request, organization_pk)
    return render(
        request,
        "commerce/portal/online_payment.html",
        {"organization": organization, "payment": payment_status(organization)},
    )


def _to_stripe(request, organization):
    page = request.build_absolute_uri(reverse("commerce_portal:online_payment", args=[organization.pk]))
    refresh = request.build_absolute_uri(reverse("commerce_portal:online_payment_refresh", args=[organization.pk]))
    try:
        url = payment_accounts.onboarding_link(organization, request.user, return_url=page, refresh_url=refresh)
    except AppError as error:
        messages.error(request, error.message)
        return redirect("commerce_portal:online_payment", organization_pk=organization.pk)
    return _see_other(url)


@merchant_required
@require_POST
def connect(request, organization_pk):
    """To Stripe's onboarding for the merchant's connected account (made on the first click)."""
    return _to_stripe(request, _own_listed(request, organization_pk))


@merchant_required
@require_http_methods(["GET"])
def connect_refresh(request, organization_pk):
    """Stripe sends the merchant here when its link expired: a new link, and back to Stripe."""
    return _to_stripe(request, _own_listed(request, organization_pk))


# ---------------------------------------------------------------- orders


@merchant_required
def order_list(request):
    form = OrderFilterForm(request.GET or None)
    found = (
        Order.objects.filter(organization__owner=request.user)
        .select_related("organization", "location", "service")
        .annotate(
            open_first=Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("open_first", "scheduled_for", "-created_at")
    )
    state = form.cleaned_data["state"] if form.is_valid() else ""
    if state == OPEN:
        found = found.filter(state__in=OPEN_STATES)
    elif state:
        found = found.filter(state=state)
    counts = Order.objects.filter(organization__owner=request.user).aggregate(
        waiting=Count("pk", filter=Q(state=Order.S.PLACED)), accepted=Count("pk", filter=Q(state=Order.S.ACCEPTED))
    )
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "commerce/portal/orders.html",
        {"form": form, "page_obj": page, "orders": page.object_list, "counts": counts},
    )


def _order_page(request, order, decline_form=None, status=200):
    return render(
        request,
        "commerce/portal/order.html",
        {
            "order": order,
            "events": order.events.select_related("actor"),
            "payments": order.payments.select_related("refund"),
            "decline_form": decline_form or DeclineForm(),
            "may_accept": order.state == Order.S.PLACED,
            "may_complete": order.state == Order.S.ACCEPTED and order.appointment_started,
            "may_decline": order.state in (Order.S.PLACED, Order.S.ACCEPTED),
        },
        status=status,
    )


@merchant_required
def order_detail(request, number):
    return _order_page(request, _own_order(request, number))


@merchant_required
@require_POST
def order_act(request, number, act):
    order = _own_order(request, number)
    if act not in ("accept", "complete", "decline"):
        raise Http404
    decline_form = DeclineForm(request.POST) if act == "decline" else None
    if decline_form is not None and not decline_form.is_valid():
        messages.error(request, _("Tell the resident why you decline the order."))
        return _order_page(request, order, decline_form, status=400)
    try:
        if act == "accept":
            orders.accept_order(order, request.user)
            messages.success(request, _("Accepted. The resident is told you will serve the order."))
        elif act == "complete":
            orders.complete_order(order, request.user)
            messages.success(request, _("Completed. Thank you."))
        else:
            declined = orders.decline_order(order, request.user, decline_form.cleaned_data["reason"])
            if declined.payments.filter(refund__isnull=False).exists():
                messages.success(request, _("Declined. What the resident paid online is being refunded in full."))
            else:
                messages.success(request, _("Declined. The resident is told your reason."))
    except AppError as error:
        messages.error(request, error.message)
    return redirect("commerce_portal:order", number=order.number)
