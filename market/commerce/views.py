"""The resident's side of the marketplace: the services on a merchant's page, booking one, the order page with its
payment and cancellation, the pages Stripe sends the resident back to, their orders, and the receipts.

Every act is a service's (market.commerce.services); a refusal is shown as its translated message. The return
pages only read the order: the signed webhook is what marks it paid. Orders and receipts are opened by number and
shown only to those `commerce.view_order` allows (the resident, the merchant, the bureau); anyone else gets a 404,
so that an order's existence is not told.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from market import clock_source
from market.accounts.rules import is_resident
from market.commerce.booking_forms import BookingForm, new_idempotency_key
from market.commerce.models import BookableService, Order, OrderAction, PaymentMethod, PaymentState
from market.commerce.services import checkout, orders, receipts
from market.commerce.services.payment_accounts import why_no_online_payment
from market.commerce.services.pricing import priced, pricing_facts, quote
from market.errors import AppError

ORDERS_PER_PAGE = 20


def _home_crumb():
    return {"url": reverse("wagtail_serve", args=[""]), "title": _("Home")}


def _orders_crumb():
    return {"url": reverse("commerce:orders"), "title": _("My orders")}


def _visible_order(request, number) -> Order:
    """The order, if the person may see it (a 404 for anyone else, signed in or not)."""
    order = get_object_or_404(
        Order.objects.select_related("organization", "location", "service", "offer", "group"), number=number
    )
    if not request.user.has_perm("commerce.view_order", order):
        raise Http404
    return order


# ---------------------------------------------------------------- the merchant page (a register hook)


def merchant_section(request, organization) -> str:
    """The services a merchant sells on Linli, for its public page: price and unit, the capped price of a
    micro-profit service, and for a signed-in resident what they would pay and the offers they get here."""
    services = list(
        BookableService.objects.on_sale()
        .filter(organization=organization)
        .select_related("micro_profit_service__service_type")
        .prefetch_related("locations")
    )
    if not services:
        return ""
    user = request.user
    resident = user if is_resident.test(user) else None
    # The resident's price of every service from one reading of their eligibility, offers and uses.
    facts = pricing_facts(resident, organization, clock_source.now()) if resident is not None else None
    rows = []
    for service in services:
        outlets = list(service.locations.all())
        row = {"service": service, "outlets": outlets, "quote": None}
        if facts is not None and outlets:
            row["quote"] = priced(service, outlets[0], 1, facts)
        rows.append(row)
    return render_to_string(
        "commerce/includes/merchant_services.html",
        {
            "organization": organization,
            "rows": rows,
            "resident": resident,
            "offers": facts.offers if facts is not None else [],
            "no_online_payment": why_no_online_payment(organization),
        },
        request,
    )


# ---------------------------------------------------------------- booking


def _quote_for(service, form, resident):
    """The price of what the form says (its first outlet and one unit until the resident chooses)."""
    location, quantity = None, 1
    if form.is_bound:
        form.is_valid()  # what was typed well counts, even beside a field in error
        location, quantity = form.cleaned_data.get("location"), form.cleaned_data.get("quantity") or 1
    location = location or form.fields["location"].queryset.first()
    if location is None:
        return None
    return quote(service, location, quantity, resident)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def book(request, pk):
    service = get_object_or_404(
        BookableService.objects.on_sale().select_related("organization", "micro_profit_service__service_type"), pk=pk
    )
    context = {
        "service": service,
        "organization": service.organization,
        "no_online_payment": why_no_online_payment(service.organization),
        "breadcrumbs": [
            _home_crumb(),
            {"url": reverse("registry:merchant_detail", args=[service.organization_id]), "title": service.organization},
        ],
    }
    if not is_resident.test(request.user):
        return render(request, "commerce/not_resident.html", context, status=403)
    if request.method == "POST":
        preview = "preview" in request.POST
        form = BookingForm(request.POST, service=service, preview=preview)
        if form.is_valid() and not preview:
            data = form.cleaned_data
            try:
                order = orders.place_order(
                    request.user,
                    service,
                    data["location"],
                    quantity=data["quantity"],
                    scheduled_for=data.get("scheduled_for"),
                    address=data.get("address", ""),
                    phone=data["phone"],
                    notes=data["notes"],
                    idempotency_key=data["idempotency_key"],
                    accept_no_free_cancellation=data.get("accept_no_free_cancellation", False),
                )
            except AppError as error:
                field = getattr(error, "field", None)
                form.add_error(field if field in form.fields else None, str(error))
            else:
                if order.payment_method == PaymentMethod.ONLINE:
                    messages.success(request, _("Your order is booked. Pay online to send it to the merchant."))
                else:
                    messages.success(request, _("Your order is booked and sent to the merchant. Pay at the counter."))
                return redirect("commerce:order", order.number)
    else:
        form = BookingForm(
            service=service,
            initial={"idempotency_key": new_idempotency_key(), "phone": getattr(request.user, "phone", "")},
        )
    context.update(form=form, quote=_quote_for(service, form, request.user))
    return render(request, "commerce/book.html", context)


# ---------------------------------------------------------------- the order


def _order_context(request, order) -> dict:
    payment = order.payments.order_by("-attempt").first()
    deadline = orders.cancellation_deadline(order)
    return {
        "order": order,
        "events": order.events.order_by("at", "pk"),
        "payment": payment,
        "may_pay": (
            order.payment_method == PaymentMethod.ONLINE
            and order.state in (Order.S.AWAITING_PAYMENT, Order.S.ABANDONED)
            and request.user.has_perm("commerce.pay_order", order)
        ),
        "may_cancel": request.user.has_perm("commerce.cancel_order", order) and orders.may_cancel(order),
        "cancellation_deadline": deadline,
        "booked_inside_window": deadline is not None and order.created_at > deadline,
        "no_online_payment": (
            why_no_online_payment(order.organization)
            if order.state in (Order.S.AWAITING_PAYMENT, Order.S.ABANDONED)
            else None
        ),
        "payment_receipt": receipts.payment_receipt(order),
        "refund_receipt": receipts.refund_receipt(order),
        "declined_reason": (
            order.events.filter(action=OrderAction.DECLINED).values_list("reason", flat=True).last()
            if order.state == Order.S.DECLINED
            else ""
        ),
    }


@login_required
@require_safe
def order_detail(request, number):
    order = _visible_order(request, number)
    context = _order_context(request, order)
    context["breadcrumbs"] = [_home_crumb(), _orders_crumb()] if order.resident_id == request.user.pk else []
    return render(request, "commerce/order.html", context)


@login_required
@require_POST
def pay(request, number):
    """To Stripe's payment page (303: the browser follows with a GET). The resident comes back to `paid` or
    `payment_cancelled`, which only read what the webhook has recorded."""
    order = _visible_order(request, number)
    success_url = request.build_absolute_uri(reverse("commerce:paid", args=[order.number]))
    cancel_url = request.build_absolute_uri(reverse("commerce:payment_cancelled", args=[order.number]))
    try:
        payment = checkout.start_checkout(
            order,
            request.user,
            success_url=f"{success_url}?session_id={{CHECKOUT_SESSION_ID}}",
            cancel_url=cancel_url,
        )
    except AppError as error:
        messages.error(request, str(error))
        return redirect("commerce:order", order.number)
    response = HttpResponseRedirect(payment.checkout_url)
    response.status_code = 303
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, number):
    """Cancel from the order page's form; a GET (a bookmark, a reload) goes back to the order page."""
    order = _visible_order(request, number)
    if request.method != "POST":
        return redirect("commerce:order", order.number)
    try:
        cancelled = orders.cancel_order(order, request.user, request.POST.get("reason", ""))
    except AppError as error:
        messages.error(request, str(error))
    else:
        if cancelled.payments.filter(refund__isnull=False).exists():
            messages.success(request, _("Your order is cancelled. What you paid online is refunded in full."))
        else:
            messages.success(request, _("Your order is cancelled."))
    return redirect("commerce:order", order.number)


@login_required
@require_safe
def paid(request, number):
    """Stripe's success return: the truth is what the webhook recorded, so this page may say it is still waiting."""
    order = _visible_order(request, number)
    payment = order.payments.order_by("-attempt").first()
    waiting = (
        order.state == Order.S.AWAITING_PAYMENT
        and payment is not None
        and payment.state
        in (
            PaymentState.OPEN,
            PaymentState.PROCESSING,
        )
    )
    return render(
        request,
        "commerce/paid.html",
        {"order": order, "payment": payment, "waiting": waiting, "breadcrumbs": [_home_crumb(), _orders_crumb()]},
    )


@login_required
@require_safe
def payment_cancelled(request, number):
    """Stripe's cancel return: nothing was paid through that page; the order can still be paid or cancelled."""
    order = _visible_order(request, number)
    context = _order_context(request, order)
    context["breadcrumbs"] = [_home_crumb(), _orders_crumb()]
    return render(request, "commerce/payment_cancelled.html", context)


@login_required
@require_safe
def my_orders(request):
    if not is_resident.test(request.user):
        return render(request, "commerce/not_resident.html", {}, status=403)
    page = Paginator(receipts.resident_orders(request.user), ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "commerce/my_orders.html",
        {"page_obj": page, "breadcrumbs": [_home_crumb(), {"url": reverse("accounts:home"), "title": _("My account")}]},
    )


# ---------------------------------------------------------------- receipts


@login_required
@require_safe
def payment_receipt(request, number):
    order = _visible_order(request, number)
    receipt = receipts.payment_receipt(order)
    if receipt is None:
        raise Http404
    return render(request, "commerce/receipt.html", {"order": order, "receipt": receipt, "kind": "payment"})


@login_required
@require_safe
def refund_receipt(request, number):
    order = _visible_order(request, number)
    receipt = receipts.refund_receipt(order)
    if receipt is None:
        raise Http404
    return render(request, "commerce/receipt.html", {"order": order, "receipt": receipt, "kind": "refund"})
