"""The merchant portal: the step-by-step application, the status page and licences. The listed merchant's
public profile is edited on the register's pages (market/registry/portal_views.py).

Every view asks who is signed in (anonymous people are sent to sign in, other roles are refused) and then
finds objects only among the merchant's own, so another merchant's organisation, application or licence is a
404. The acts themselves are the services'; a refusal comes back as a LicensingError with a message to show.
"""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_fsm import can_proceed

from market import clock_source
from market.accounts.decorators import merchant_required
from market.accounts.rules import is_bureau_staff, is_merchant, works_for_merchant
from market.errors import AppError
from market.licensing import changes as change_rules
from market.licensing import clocks, fees
from market.licensing.corrections import open_request as open_information_request
from market.licensing.corrections import replace_licence, replaceable_licence
from market.licensing.errors import LicensingError
from market.licensing.forms import (
    AnswerForm,
    BusinessForm,
    CategoriesForm,
    ChangeForm,
    LicenceForm,
    OutletForm,
    ReplacementLicenceForm,
    WithdrawForm,
)
from market.licensing.models import Application, ApplicationKind, ApplicationState, Licence, LicenceType
from market.licensing.portal import next_step_for, objections_for_applicant, steps_for, timeline
from market.licensing.services.drafts import (
    attach_licence,
    problems_before_submission,
    propose_change,
    remove_draft_licence,
    remove_draft_outlet,
    save_draft_outlet,
    set_draft_categories,
    start_new_application,
    start_renewal,
    update_draft_organization,
)
from market.licensing.services.workflow import answer_information_request, submit_application, withdraw_application
from market.private_storage import private_file_response
from market.registry.models import ListingStatus, Location, Organization
from market.registry.profile import PROFILE_STATUSES

# A merchant renews on the register; an expired listing comes back with its renewal.
RENEWABLE_STATUSES = (*PROFILE_STATUSES, ListingStatus.EXPIRED)

# ---------------------------------------------------------------- who may come in, and what is theirs


def own_applications(user):
    return Application.objects.filter(Q(applicant=user) | Q(organization__owner=user)).select_related("organization")


def own_application(request, pk) -> Application:
    return get_object_or_404(own_applications(request.user), pk=pk)


def own_organization(request, pk) -> Organization:
    return get_object_or_404(Organization, pk=pk, owner=request.user)


def own_listed_organization(request, pk) -> Organization:
    """The merchant's own organization while it is on the register (it has a public profile); else a 404."""
    organization = own_organization(request, pk)
    if organization.listing_status not in PROFILE_STATUSES:
        raise Http404
    return organization


def _open_request_or_status(request, application):
    """The open request for information; where there is none, a message saying so (and None)."""
    open_request = open_information_request(application)
    if open_request is None:
        messages.info(request, _("There is no open request for information on this application."))
    return open_request


def _show_refusal(request, error: LicensingError, form=None):
    if form is not None:
        form.add_error(None, error.message)
        for problem in error.problems:
            form.add_error(None, problem)
    else:
        messages.error(request, error.message)
        for problem in error.problems:
            messages.error(request, problem)


def _draft_or_status(request, application):
    """Steps edit drafts only; anything else is seen on its status page."""
    if application.state != ApplicationState.DRAFT:
        messages.info(request, _("This application has been submitted and can no longer be edited."))
        return redirect("licensing:application", pk=application.pk)
    return None


def _after_save(request, application, current_step, form_action):
    """ "Save draft" stays on the step; "Save and continue" goes to the next one."""
    if form_action == "next":
        return redirect(_next_url(application, current_step))
    messages.success(request, _("Draft saved. You can come back to it at any time."))
    return redirect(reverse(f"licensing:step_{current_step}", args=[application.pk]))


def _next_url(application, current_step):
    names = [step.name for step in steps_for(application)]
    following = names[names.index(current_step) + 1]
    return reverse(f"licensing:step_{following}", args=[application.pk])


def _step_context(application, current_step, **extra):
    return {
        "application": application,
        "steps": steps_for(application, current_step),
        "current_step": current_step,
        **extra,
    }


# ---------------------------------------------------------------- the portal's front page


@merchant_required
def index(request):
    today = clock_source.today()
    organizations = Organization.objects.filter(owner=request.user).prefetch_related("categories")
    licences = (
        Licence.objects.current()
        .filter(organization__owner=request.user)
        .select_related("licence_type", "organization", "application")
        .order_by("organization__name", "valid_to")
    )
    renewable = {
        licence.pk
        for licence in licences
        if licence.valid_to
        and licence.organization.listing_status in RENEWABLE_STATUSES
        and (licence.application is None or licence.application.state == ApplicationState.APPROVED)
    }
    return render(
        request,
        "licensing/portal/index.html",
        {
            "organizations": organizations,
            "applications": own_applications(request.user),
            "licences": licences,
            "renewable": renewable,
            "today": today,
            "profile_statuses": PROFILE_STATUSES,
        },
    )


# ---------------------------------------------------------------- the steps of an application


@merchant_required
@require_http_methods(["GET", "POST"])
def start_application(request):
    """Step 1 of a new application: nothing exists until the business details are saved the first time."""
    form = BusinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = start_new_application(request.user, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        except AppError as error:
            _show_refusal(request, error, form)
        else:
            return _after_save(request, application, "business", request.POST.get("action"))
    return render(
        request,
        "licensing/portal/step_business.html",
        {"form": form, "steps": steps_for(None, "business"), "current_step": "business"},
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def step_business(request, pk):
    application = own_application(request, pk)
    if (elsewhere := _draft_or_status(request, application)) is not None:
        return elsewhere
    if application.kind != ApplicationKind.NEW:
        raise Http404
    form = BusinessForm(request.POST or None, instance=application.organization)
    if request.method == "POST" and form.is_valid():
        try:
            update_draft_organization(application, request.user, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        except AppError as error:
            _show_refusal(request, error, form)
        else:
            return _after_save(request, application, "business", request.POST.get("action"))
    return render(request, "licensing/portal/step_business.html", _step_context(application, "business", form=form))


@merchant_required
@require_http_methods(["GET", "POST"])
def step_categories(request, pk):
    application = own_application(request, pk)
    if (elsewhere := _draft_or_status(request, application)) is not None:
        return elsewhere
    if application.kind != ApplicationKind.NEW:
        raise Http404
    form = CategoriesForm(request.POST or None, initial={"categories": list(application.organization.categories.all())})
    if request.method == "POST" and form.is_valid():
        try:
            set_draft_categories(application, request.user, form.cleaned_data["categories"])
        except AppError as error:
            _show_refusal(request, error, form)
        else:
            return _after_save(request, application, "categories", request.POST.get("action"))
    return render(request, "licensing/portal/step_categories.html", _step_context(application, "categories", form=form))


@merchant_required
@require_http_methods(["GET", "POST"])
def step_outlets(request, pk, location_pk=None):
    """The outlets of a new application: the list, and a form that adds one or edits the one chosen."""
    application = own_application(request, pk)
    if (elsewhere := _draft_or_status(request, application)) is not None:
        return elsewhere
    if application.kind != ApplicationKind.NEW:
        raise Http404
    outlets = application.organization.locations.select_related("district", "subdistrict", "community")
    location = get_object_or_404(outlets, pk=location_pk) if location_pk else Location()
    if request.method == "POST" and "choose_area" in request.POST:
        # No JavaScript: the form comes back with the sub-districts or communities of what was chosen.
        form = OutletForm(instance=location, initial=request.POST.dict())
    else:
        form = OutletForm(request.POST or None, instance=location)
        if request.method == "POST" and form.is_valid():
            try:
                save_draft_outlet(application, request.user, form.save(commit=False), form.weekly_hours())
            except ValidationError as error:
                form.add_error(None, error)
            except AppError as error:
                _show_refusal(request, error, form)
            else:
                messages.success(request, _("Outlet saved. Add another, or continue."))
                if request.POST.get("action") == "next":
                    return redirect(_next_url(application, "outlets"))
                return redirect("licensing:step_outlets", pk=application.pk)
    return render(
        request,
        "licensing/portal/step_outlets.html",
        _step_context(application, "outlets", form=form, outlets=outlets, editing=location if location.pk else None),
    )


@merchant_required
@require_POST
def remove_outlet(request, pk, location_pk):
    application = own_application(request, pk)
    location = get_object_or_404(application.organization.locations, pk=location_pk)
    try:
        remove_draft_outlet(application, request.user, location)
    except AppError as error:
        _show_refusal(request, error)
    else:
        messages.success(request, _("Outlet removed."))
    return redirect("licensing:step_outlets", pk=application.pk)


@merchant_required
@require_http_methods(["GET", "POST"])
def step_licences(request, pk):
    application = own_application(request, pk)
    if (elsewhere := _draft_or_status(request, application)) is not None:
        return elsewhere
    form = LicenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attach_licence(application, request.user, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        except AppError as error:
            _show_refusal(request, error, form)
        else:
            messages.success(request, _("Licence added."))
            if request.POST.get("action") == "next":
                return redirect(_next_url(application, "licences"))
            return redirect("licensing:step_licences", pk=application.pk)
    return render(
        request,
        "licensing/portal/step_licences.html",
        _step_context(
            application,
            "licences",
            form=form,
            licences=application.licences.select_related("licence_type"),
            required_types=_required_licence_types(application),
        ),
    )


def _required_licence_types(application):
    if application.kind == ApplicationKind.RENEWAL:
        return [application.renewed_licence.licence_type]
    return list(LicenceType.objects.filter(required_for_categories__organizations=application.organization).distinct())


@merchant_required
@require_POST
def remove_licence(request, pk, licence_pk):
    application = own_application(request, pk)
    licence = get_object_or_404(application.licences, pk=licence_pk)
    try:
        remove_draft_licence(application, request.user, licence)
    except AppError as error:
        _show_refusal(request, error)
    else:
        messages.success(request, _("Licence removed."))
    return redirect("licensing:step_licences", pk=application.pk)


@merchant_required
@require_http_methods(["GET", "POST"])
def step_review(request, pk):
    """The last step: everything still missing at once, then the submission."""
    application = own_application(request, pk)
    if (elsewhere := _draft_or_status(request, application)) is not None:
        return elsewhere
    if request.method == "POST":
        try:
            submit_application(application, request.user)
        except AppError as error:
            _show_refusal(request, error)
        else:
            messages.success(
                request, _("Your application has been submitted. The bureau must respond within 5 working days.")
            )
            return redirect("licensing:application", pk=application.pk)
    organization = application.organization
    return render(
        request,
        "licensing/portal/step_review.html",
        _step_context(
            application,
            "review",
            problems=problems_before_submission(application),
            organization=organization,
            outlets=organization.locations.prefetch_related("schedules").select_related("district", "subdistrict"),
            licences=application.licences.current().select_related("licence_type"),
            proposed_changes=change_rules.describe(organization, application.proposed_changes),
            fee=fees.fee_of(application),
        ),
    )


# ---------------------------------------------------------------- after submission


@merchant_required
def application_status(request, pk):
    application = own_application(request, pk)
    open_request = open_information_request(application)
    return render(
        request,
        "licensing/portal/status.html",
        {
            "application": application,
            "timeline": timeline(application),
            "objections": objections_for_applicant(application),
            "clock": clocks.clock_for(application, clock_source.today()),
            "next_step": next_step_for(application, open_request),
            "open_request": open_request,
            "may_withdraw": can_proceed(application.withdraw),
            "licences": application.licences.current().select_related("licence_type"),
            "steps": steps_for(application) if application.state == ApplicationState.DRAFT else [],
            "documents": application.documents.all(),
            "has_corrections": open_request is not None and any((open_request.corrections or {}).values()),
            "notice_days": application.public_notice_working_days(),
            "notice_stops_clock": application.notice_stops_decision_clock(),
            "proposed_changes": change_rules.describe(application.organization, application.proposed_changes),
            "fee": fees.fee_of(application),
        },
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def answer_request(request, pk):
    """All the items asked for at once, one answer, and optionally a replacement licence."""
    application = own_application(request, pk)
    open_request = _open_request_or_status(request, application)
    if open_request is None:
        return redirect("licensing:application", pk=application.pk)
    form = AnswerForm(request.POST or None)
    licence_form = ReplacementLicenceForm(request.POST or None, request.FILES or None, application=application)
    if request.method == "POST":
        answer_valid = form.is_valid()
        licence_valid = not licence_form.is_filled_in() or licence_form.is_valid()
        if answer_valid and licence_valid:
            try:
                _answer(request, application, form, licence_form)
            except ValidationError as error:
                form.add_error(None, error)
            except AppError as error:
                _show_refusal(request, error, form)
            else:
                messages.success(request, _("Thank you. Your answer has been sent to the bureau."))
                return redirect("licensing:application", pk=application.pk)
    return render(
        request,
        "licensing/portal/answer.html",
        {
            "application": application,
            "open_request": open_request,
            "form": form,
            "licence_form": licence_form,
            "has_corrections": any((open_request.corrections or {}).values()),
        },
    )


def _answer(request, application, form, licence_form):
    """The replacement licence and the answer succeed or fail together. A replacement supersedes the licence it
    replaces; a licence of a type the application does not carry yet is added."""
    with transaction.atomic():
        if licence_form.is_filled_in():
            replacement = licence_form.save(commit=False)
            replaced = licence_form.cleaned_data.get("replaces") or replaceable_licence(application, replacement)
            if replaced is not None:
                replace_licence(application, request.user, replaced, replacement)
            else:
                attach_licence(application, request.user, replacement)
        answer_information_request(application, request.user, form.cleaned_data["answer"])


@merchant_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    application = own_application(request, pk)
    if not can_proceed(application.withdraw):
        messages.error(request, _("This application can no longer be withdrawn."))
        return redirect("licensing:application", pk=application.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_application(application, request.user, form.cleaned_data["reason"])
        except AppError as error:
            _show_refusal(request, error, form)
        else:
            messages.success(request, _("Your application has been withdrawn."))
            return redirect("licensing:application", pk=application.pk)
    return render(request, "licensing/portal/withdraw.html", {"application": application, "form": form})


@merchant_required
@require_POST
def renew_licence(request, licence_pk):
    licence = get_object_or_404(
        Licence.objects.select_related("organization"), pk=licence_pk, organization__owner=request.user
    )
    if licence.organization.listing_status not in RENEWABLE_STATUSES:
        messages.error(request, _("Only a listed merchant renews a licence here; apply for a listing instead."))
        return redirect("licensing:index")
    try:
        application = start_renewal(request.user, licence)
    except AppError as error:
        _show_refusal(request, error)
        return redirect("licensing:index")
    messages.success(request, _("Renewal started: upload the renewed licence, then submit."))
    return redirect("licensing:step_licences", pk=application.pk)


@merchant_required
@require_http_methods(["GET", "POST"])
def request_change(request, organization_pk):
    organization = own_listed_organization(request, organization_pk)
    form = ChangeForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            application = propose_change(request.user, organization, form.proposed_changes())
        except AppError as error:
            _show_refusal(request, error, form)
        else:
            messages.success(request, _("Change application saved as a draft. Check it and submit it."))
            return redirect("licensing:step_review", pk=application.pk)
    return render(request, "licensing/portal/change.html", {"organization": organization, "form": form})


# ---------------------------------------------------------------- the private licence file


def licence_file(request, licence_pk):
    """The scan, to its merchant and to bureau staff only; anyone else learns nothing, not even that it exists."""
    licence = get_object_or_404(Licence.objects.select_related("organization", "licence_type"), pk=licence_pk)
    user = request.user
    may_see = is_bureau_staff.test(user) or (is_merchant & works_for_merchant).test(user, licence.organization)
    if not may_see:
        raise Http404
    name = f"{licence.licence_type.code}-{licence.pk}"
    return private_file_response(licence.file.open("rb"), licence.file.name, name)
