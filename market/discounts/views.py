"""The benefit pages: residents apply, hold their code, see offers and savings; merchants publish offers and
micro-profit services, serve at the counter, and claim subsidies.

Every view asks who is signed in (anonymous people are sent to sign in, the wrong role is refused with a 403)
and finds objects only among the person's own (`pages.own_*`), so anyone else's is a 404. The acts are the
services'; a refusal comes back as a DiscountError whose message is shown on the same page, with what was typed
kept and nothing recorded.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from market import clock_source
from market.accounts.decorators import merchant_required, resident_required
from market.accounts.rules import is_merchant, is_resident
from market.discounts import claims, codes, pages
from market.discounts.errors import DiscountError
from market.discounts.forms import (
    ClaimForm,
    CodeLookupForm,
    EligibilityApplicationForm,
    MicroProfitServiceForm,
    OfferForm,
    RedemptionForm,
    ReversalForm,
    SaleForm,
)
from market.discounts.models import (
    BenefitCard,
    EligibilityApplicationState,
    MicroProfitService,
    Offer,
    OneTimeCode,
    SaleFlag,
)
from market.discounts.services.benefit_codes import active_benefit_code, issue_benefit_code, issue_typed_code
from market.discounts.services.code_lookup import lookup_for_merchant
from market.discounts.services.eligibility import (
    apply_for_eligibility,
    eligibility_applications_for,
    withdraw_eligibility_application,
)
from market.discounts.services.micro_profit_services import (
    record_micro_profit_sale,
    reverse_micro_profit_sale,
    save_micro_profit_service,
)
from market.discounts.services.offers import save_offer
from market.discounts.services.redemption import redeem, reverse_redemption
from market.errors import AppError

COUNTER_OUTLET = "discounts_counter_outlet"
TYPED_CODE = "discounts_typed_code"


def _refuse(form, error: DiscountError, field=None):
    form.add_error(field, str(error.message))


def _ip_address(request):
    return request.META.get("REMOTE_ADDR") or None


# ---------------------------------------------------------------- residents


@login_required
def index(request):
    """The resident's benefits at a glance; merchants have their own."""
    if is_merchant.test(request.user):
        return redirect("discounts:merchant")
    if not is_resident.test(request.user):
        raise PermissionDenied
    user = request.user
    return render(
        request,
        "discounts/resident/index.html",
        {
            "eligibilities": pages.own_eligibilities(user),
            "applications": eligibility_applications_for(user).filter(resident=user),
            "overview": pages.resident_overview(user),
            "today": clock_source.today(),
        },
    )


@resident_required
@require_http_methods(["GET", "POST"])
def apply(request):
    form = EligibilityApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        proof = form.cleaned_data["proof"]
        try:
            application = apply_for_eligibility(
                request.user,
                form.cleaned_data["group"],
                real_name=form.cleaned_data["real_name"],
                id_number=form.cleaned_data["id_number"],
                proofs=[proof] if proof else [],
            )
        except AppError as error:
            _refuse(form, error)
        else:
            if application.state == EligibilityApplicationState.VERIFIED:
                messages.success(request, _("Your ID number shows you are eligible: your eligibility is verified."))
            else:
                messages.success(request, _("Your application has been sent. A reviewer will check your proof."))
            return redirect("discounts:application", pk=application.pk)
    return render(request, "discounts/resident/apply.html", {"form": form})


def _own_application(request, pk):
    return get_object_or_404(eligibility_applications_for(request.user).filter(resident=request.user), pk=pk)


@resident_required
def application(request, pk):
    application = _own_application(request, pk)
    return render(
        request,
        "discounts/resident/application.html",
        {"application": application, "proofs": application.proofs.all()},
    )


@resident_required
@require_POST
def withdraw(request, pk):
    application = _own_application(request, pk)
    try:
        withdraw_eligibility_application(application, request.user)
    except AppError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("discounts:application", pk=application.pk)


def _typed_code_shown(request):
    """The typed code the resident asked for, kept in their session (never in the database) while it is valid."""
    shown = request.session.get(TYPED_CODE)
    if not shown:
        return None
    typed = OneTimeCode.objects.filter(
        pk=shown["id"], used_at__isnull=True, expires_at__gt=clock_source.now(), benefit_code__resident=request.user
    ).first()
    if typed is None:
        del request.session[TYPED_CODE]
        return None
    return {"code": shown["code"], "valid_until": typed.expires_at}


def _code_context(request):
    code = active_benefit_code(request.user)
    if code is None:
        return {"code": None}
    now = clock_source.now()
    return {
        "code": code,
        "seconds_left": codes.seconds_left(now),
        "step_seconds": codes.STEP_SECONDS,
        "typed_code": _typed_code_shown(request),
        "card": BenefitCard.objects.filter(resident=request.user, revoked_at__isnull=True).first(),
    }


@never_cache
@resident_required
@require_http_methods(["GET", "POST"])
def benefit_code(request):
    """The resident's code: a QR code that changes every 30 seconds (a small script swaps the image in place;
    without scripts the page reloads itself), and on request a one-time code to type. The first code is issued
    here, on request, once they are eligible."""
    error = None
    if request.method == "POST":
        if request.POST.get("action") == "typed":
            try:
                typed, value = issue_typed_code(request.user)
            except AppError as refusal:
                error = refusal.message
            else:
                request.session[TYPED_CODE] = {"id": typed.pk, "code": codes.grouped(value)}
                return redirect("discounts:code")
        elif active_benefit_code(request.user) is not None:
            return redirect("discounts:reissue")
        else:
            try:
                issue_benefit_code(request.user)
            except AppError as refusal:
                error = refusal.message
            else:
                messages.success(
                    request, _("Your benefit code is ready. Show it at the counter of a listed merchant.")
                )
                return redirect("discounts:code")
    context = _code_context(request)
    context["error"] = error
    context["eligible"] = pages.resident_overview(request.user)["eligibilities"] > 0
    return render(request, "discounts/resident/code.html", context)


@never_cache
@resident_required
def qr_image(request):
    """The QR code of this moment, as an SVG image of its own (so that the page can show a new one in place)."""
    code = active_benefit_code(request.user)
    if code is None:
        raise Http404
    return HttpResponse(codes.qr_svg_document(code), content_type="image/svg+xml")


@resident_required
@require_http_methods(["GET", "POST"])
def reissue(request):
    """A new code after a confirmation; the old one stops working at once (a lost or photographed phone)."""
    if active_benefit_code(request.user) is None:
        return redirect("discounts:code")
    error = None
    if request.method == "POST":
        try:
            issue_benefit_code(request.user)
        except AppError as refusal:
            error = refusal.message
        else:
            request.session.pop(TYPED_CODE, None)
            messages.success(request, _("Your new code is ready. The old one no longer works."))
            return redirect("discounts:code")
    return render(request, "discounts/resident/reissue.html", {"error": error})


@resident_required
def offers(request):
    return render(
        request,
        "discounts/resident/offers.html",
        {"groups": pages.offers_by_group(request.user)},
    )


@resident_required
def savings(request):
    chart = pages.savings_chart(request.user, request.user)
    redemptions = Paginator(pages.own_redemptions_as_resident(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "discounts/resident/savings.html",
        {"chart": chart, "redemptions": redemptions, "page_obj": redemptions},
    )


@resident_required
def saving(request, pk):
    redemption = get_object_or_404(pages.own_redemptions_as_resident(request.user), pk=pk)
    return render(request, "discounts/resident/saving.html", {"redemption": redemption})


# ---------------------------------------------------------------- merchants: offers and services


@merchant_required
def merchant(request):
    user = request.user
    return render(
        request,
        "discounts/merchant/index.html",
        {
            "organizations": pages.listed_organizations(user),
            "overview": pages.merchant_overview(user),
        },
    )


@merchant_required
def offer_list(request):
    return render(
        request,
        "discounts/merchant/offers.html",
        {"offers": pages.own_offers(request.user), "listed": pages.listed_organizations(request.user).exists()},
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, pk=None):
    offer = get_object_or_404(pages.own_offers(request.user), pk=pk) if pk else Offer()
    if offer.pk is None and not pages.listed_organizations(request.user).exists():
        return render(request, "discounts/merchant/not_listed.html", status=403)
    form = OfferForm(request.user, request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            save_offer(
                form.save(commit=False),
                request.user,
                locations=form.cleaned_data["locations"],
                groups=form.cleaned_data["groups"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except AppError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The offer has been saved."))
            return redirect("discounts:offers_manage")
    return render(request, "discounts/merchant/offer_form.html", {"form": form, "offer": offer})


@merchant_required
def service_list(request):
    return render(
        request,
        "discounts/merchant/services.html",
        {
            "services": pages.own_micro_profit_services(request.user),
            "listed": pages.listed_organizations(request.user).exists(),
        },
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk=None):
    service = get_object_or_404(pages.own_micro_profit_services(request.user), pk=pk) if pk else MicroProfitService()
    if service.pk is None and not pages.listed_organizations(request.user).exists():
        return render(request, "discounts/merchant/not_listed.html", status=403)
    form = MicroProfitServiceForm(request.user, request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            save_micro_profit_service(
                form.save(commit=False), request.user, locations=form.cleaned_data["locations"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        except AppError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The micro-profit service has been saved."))
            return redirect("discounts:services")
    return render(request, "discounts/merchant/service_form.html", {"form": form, "service": service})


# ---------------------------------------------------------------- merchants: the counter


def _lookup(request, code, outlet):
    return lookup_for_merchant(
        code, outlet.organization, staff=request.user, ip_address=_ip_address(request), location=outlet
    )


def _redemption_form(request, lookup, outlet):
    return RedemptionForm(
        request.user,
        offer_ids=[offer.offer_id for offer in lookup.offers],
        initial={"code": lookup.counter_pass, "outlet": outlet},
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def counter(request):
    """Two steps on one page: the code and the outlet, then which of the offers it may use and the bill."""
    if not pages.own_outlets(request.user).exists():
        return render(request, "discounts/merchant/not_listed.html", status=403)
    action = request.POST.get("action")
    lookup_form = CodeLookupForm(
        request.user,
        request.POST if action == "lookup" else None,
        initial={"outlet": request.session.get(COUNTER_OUTLET)},
    )
    context = {"lookup_form": lookup_form}
    if action == "lookup" and lookup_form.is_valid():
        code, outlet = lookup_form.cleaned_data["code"], lookup_form.cleaned_data["outlet"]
        request.session[COUNTER_OUTLET] = outlet.pk
        try:
            lookup = _lookup(request, code, outlet)
        except AppError as error:
            _refuse(lookup_form, error, "code")
        else:
            context.update(
                lookup=lookup,
                outlet=outlet,
                redemption_form=_redemption_form(request, lookup, outlet),
            )
    elif action == "redeem":
        return _redeem(request, context)
    return render(request, "discounts/merchant/counter.html", context)


def _redeem(request, context):
    form = RedemptionForm(request.user, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            redemption = redeem(
                code=data["code"],
                offer=data["offer"],
                location=data["outlet"],
                amount_before=data["amount_before"],
                staff=request.user,
                idempotency_key=data["idempotency_key"],
                ip_address=_ip_address(request),
            )
        except AppError as error:
            form.add_error(None, str(error.message))
        else:
            return redirect("discounts:receipt", pk=redemption.pk)
    outlet = form.cleaned_data.get("outlet")
    code = request.POST.get("code", "")
    if outlet is None:
        return render(request, "discounts/merchant/counter.html", context)
    try:
        lookup = _lookup(request, code, outlet)
    except AppError as error:
        # The code no longer works (used or revoked meanwhile, its check ran out, or entry paused): back to the
        # first step, with nothing of the code kept.
        context["lookup_form"] = CodeLookupForm(request.user, initial={"outlet": outlet})
        context["counter_error"] = error.message
        return render(request, "discounts/merchant/counter.html", context)
    # The offers the code may still use now, with the amount typed kept.
    form.fields["offer"].queryset = form.fields["offer"].queryset.filter(
        pk__in=[offer.offer_id for offer in lookup.offers]
    )
    context.update(lookup=lookup, outlet=outlet, redemption_form=form)
    return render(request, "discounts/merchant/counter.html", context)


def _receipt(request, record, *, reverse, template: str, name: str, reversed_message, extra=None):
    """A counter record's receipt, with the form that corrects it by a reversing record."""
    form = ReversalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reverse(record, request.user, form.cleaned_data["reason"], form.cleaned_data["idempotency_key"])
        except AppError as error:
            _refuse(form, error)
        else:
            messages.success(request, reversed_message)
            return redirect(request.path)
    return render(request, template, {name: record, "form": form, **(extra or {})})


@merchant_required
@require_http_methods(["GET", "POST"])
def receipt(request, pk):
    return _receipt(
        request,
        get_object_or_404(pages.own_redemptions(request.user), pk=pk),
        reverse=reverse_redemption,
        template="discounts/merchant/receipt.html",
        name="redemption",
        reversed_message=_("The redemption has been reversed by a correcting record."),
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def sale(request):
    """Record a micro-profit service sold at the counter, for the subsidy claim."""
    if not pages.own_outlets(request.user).exists():
        return render(request, "discounts/merchant/not_listed.html", status=403)
    form = SaleForm(request.user, request.POST or None, initial={"outlet": request.session.get(COUNTER_OUTLET)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = record_micro_profit_sale(
                service=data["service"],
                location=data["outlet"],
                quantity=data["quantity"],
                code=data["code"],
                staff=request.user,
                idempotency_key=data["idempotency_key"],
                ip_address=_ip_address(request),
            )
        except AppError as error:
            _refuse(form, error)
        else:
            request.session[COUNTER_OUTLET] = data["outlet"].pk
            return redirect("discounts:sale_receipt", pk=recorded.pk)
    return render(request, "discounts/merchant/sale.html", {"form": form})


@merchant_required
@require_http_methods(["GET", "POST"])
def sale_receipt(request, pk):
    sale = get_object_or_404(pages.own_sales(request.user), pk=pk)
    original = sale.reverses or sale
    return _receipt(
        request,
        sale,
        reverse=reverse_micro_profit_sale,
        template="discounts/merchant/sale_receipt.html",
        name="sale",
        reversed_message=_("The sale has been reversed by a correcting record."),
        extra={
            "flag": SaleFlag.objects.filter(sale=original).first(),
            "holder": codes.merchant_handle(sale.benefit_code, sale.organization) if sale.benefit_code else "",
        },
    )


@merchant_required
def redemptions(request):
    records = Paginator(pages.own_redemptions(request.user), 50).get_page(request.GET.get("page"))
    sales = pages.own_sales(request.user)[:50]
    return render(
        request,
        "discounts/merchant/redemptions.html",
        {
            "summaries": pages.redemption_summaries(request.user, request.user),
            "redemptions": records,
            "page_obj": records,
            "sales": sales,
        },
    )


# ---------------------------------------------------------------- merchants: subsidy claims


@merchant_required
@require_http_methods(["GET", "POST"])
def claim_list(request):
    """Choose a period, see the unclaimed sales it would claim and their total, then submit."""
    today = clock_source.today()
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    form = ClaimForm(
        request.user,
        request.POST or None,
        initial={"period_start": last_month_end.replace(day=1), "period_end": last_month_end},
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "submit":
            try:
                claim = claims.submit_claim(
                    data["organization"], request.user, data["period_start"], data["period_end"]
                )
            except AppError as error:
                _refuse(form, error)
            else:
                messages.success(request, _("Your claim has been sent to the bureau."))
                return redirect("discounts:claim", pk=claim.pk)
        else:
            period = (data["organization"], data["period_start"], data["period_end"])
            sales = list(
                claims.unclaimed_sales(*period).select_related("service", "location").order_by("sold_at", "pk")
            )
            held = list(
                claims.held_sales(*period)
                .select_related("service", "location", "flag", "reverses__flag")
                .order_by("sold_at", "pk")
            )
            preview = {
                "sales": sales,
                "total": pages.money(sum(sale.subsidy_amount for sale in sales)),
                "held": held,
                "held_total": pages.money(sum(sale.subsidy_amount for sale in held)),
            }
    return render(
        request,
        "discounts/merchant/claims.html",
        {"form": form, "preview": preview, "claims": pages.own_claims(request.user)},
    )


@merchant_required
def claim(request, pk):
    claim = get_object_or_404(pages.own_claims(request.user), pk=pk)
    lines = claim.lines.select_related("sale", "sale__service", "sale__location").order_by("sale__sold_at", "pk")
    return render(
        request,
        "discounts/merchant/claim.html",
        {"claim": claim, "lines": lines, "reconciliation": claims.reconcile(claim)},
    )
