"""The portal's pages for what comes after submission: the written documents, corrections (补正) of exactly what
the bureau named, and a listed merchant's change application for its outlets and names.

Like views.py, every view finds objects only among the signed-in merchant's own, so anything else is a 404; the
acts are the services'.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from market.accounts.decorators import merchant_required
from market.accounts.rules import is_bureau_staff
from market.errors import AppError
from market.licensing import changes as change_rules
from market.licensing import corrections
from market.licensing.forms import CloseOutletsForm, CorrectionForm, MoveOutletForm, NewOutletForm, OutletForm
from market.licensing.models import Application, OfficialDocument
from market.licensing.services.drafts import propose_change
from market.licensing.views import _open_request_or_status, _show_refusal, own_application, own_listed_organization
from market.private_storage import private_file_response

# ---------------------------------------------------------------- written documents


def document_file(request, pk, document_pk):
    """A written document, to its applicant (the merchant) and to bureau staff; to anyone else it does not exist."""
    document = get_object_or_404(
        OfficialDocument.objects.select_related("application__organization"), pk=document_pk, application_id=pk
    )
    application = document.application
    user = request.user
    may_see = is_bureau_staff.test(user) or (
        user.is_authenticated and user.pk in (application.applicant_id, application.organization.owner_id)
    )
    if not may_see:
        raise Http404
    # Documents are stored as "<uuid>.pdf" (models.document_file_path).
    return private_file_response(
        document.file.open("rb"), document.file.name, f"{document.kind}-{application.pk}-v{document.version}"
    )


# ---------------------------------------------------------------- corrections


@merchant_required
@require_http_methods(["GET", "POST"])
def correct(request, pk):
    """The merchant's details the bureau named, and links to the outlets it named."""
    application = own_application(request, pk)
    open_request = _open_request_or_status(request, application)
    if open_request is None:
        return redirect("licensing:application", pk=application.pk)
    named = open_request.corrections or {}
    fields = named.get("fields", [])
    form = CorrectionForm(request.POST or None, instance=application.organization, named=fields) if fields else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            corrections.correct_organization(
                application,
                request.user,
                form.changes(),
                categories=form.cleaned_data.get("categories") if "categories" in fields else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except AppError as error:
            _show_refusal(request, error, form)
        else:
            messages.success(request, _("Corrected. Answer the request when everything asked for is done."))
            return redirect("licensing:correct", pk=application.pk)
    organization = application.organization
    return render(
        request,
        "licensing/portal/correct.html",
        {
            "application": application,
            "open_request": open_request,
            "form": form,
            "outlets": organization.locations.filter(pk__in=named.get("outlets", [])).select_related(
                "district", "subdistrict", "community"
            ),
            "licences": organization.licences.current().filter(pk__in=named.get("licences", [])),
        },
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def correct_outlet(request, pk, location_pk):
    application = own_application(request, pk)
    open_request = _open_request_or_status(request, application)
    if open_request is None:
        return redirect("licensing:application", pk=application.pk)
    if location_pk not in (open_request.corrections or {}).get("outlets", []):
        raise Http404
    location = get_object_or_404(application.organization.locations, pk=location_pk)
    if request.method == "POST" and "choose_area" in request.POST:
        form = OutletForm(instance=location, initial=request.POST.dict())
    else:
        form = OutletForm(request.POST or None, instance=location)
        if request.method == "POST" and form.is_valid():
            try:
                corrections.correct_outlet(application, request.user, form.save(commit=False), form.weekly_hours())
            except ValidationError as error:
                form.add_error(None, error)
            except AppError as error:
                _show_refusal(request, error, form)
            else:
                messages.success(request, _("Outlet corrected. Answer the request when everything asked for is done."))
                return redirect("licensing:correct", pk=application.pk)
    return render(
        request,
        "licensing/portal/correct_outlet.html",
        {"application": application, "open_request": open_request, "form": form, "location": location},
    )


# ---------------------------------------------------------------- change applications of a listed merchant


def draft_change(organization):
    return Application.objects.filter(kind="change", organization=organization, state="draft").first()


def _propose(request, organization, form, changes):
    try:
        application = propose_change(request.user, organization, changes)
    except ValidationError as error:
        form.add_error(None, error)
    except AppError as error:
        _show_refusal(request, error, form)
    else:
        messages.success(request, _("Added to your change application. Add more, or check it and submit it."))
        return redirect("licensing:step_review", pk=application.pk)
    return None


@merchant_required
@require_http_methods(["GET", "POST"])
def change_new_outlet(request, organization_pk):
    organization = own_listed_organization(request, organization_pk)
    if request.method == "POST" and "choose_area" in request.POST:
        form = NewOutletForm(initial=request.POST.dict())
    else:
        form = NewOutletForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            location = form.save(commit=False)
            location.organization = organization
            data = change_rules.outlet_data(location)
            if (done := _propose(request, organization, form, {"new_outlets": [data]})) is not None:
                return done
    return render(
        request,
        "licensing/portal/change_outlet.html",
        {
            "organization": organization,
            "form": form,
            "heading": _("Open a new outlet"),
            "draft": draft_change(organization),
        },
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def change_move_outlet(request, organization_pk, location_pk):
    organization = own_listed_organization(request, organization_pk)
    location = get_object_or_404(organization.locations, pk=location_pk)
    if request.method == "POST" and "choose_area" in request.POST:
        form = MoveOutletForm(instance=location, initial=request.POST.dict())
    else:
        form = MoveOutletForm(request.POST or None, instance=location)
        if request.method == "POST" and form.is_valid():
            moved = form.save(commit=False)
            data = change_rules.outlet_data(moved, change_rules.ADDRESS_FIELDS)
            location.refresh_from_db()
            if (done := _propose(request, organization, form, {"moved_outlets": {str(location.pk): data}})) is not None:
                return done
    return render(
        request,
        "licensing/portal/change_outlet.html",
        {
            "organization": organization,
            "form": form,
            "heading": _("Move “%(outlet)s” to a new address") % {"outlet": location.name},
            "draft": draft_change(organization),
        },
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def change_close_outlets(request, organization_pk):
    organization = own_listed_organization(request, organization_pk)
    form = CloseOutletsForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        closed = [int(pk) for pk in form.cleaned_data["outlets"]]
        if (done := _propose(request, organization, form, {"closed_outlets": closed})) is not None:
            return done
    return render(
        request,
        "licensing/portal/change_close.html",
        {"organization": organization, "form": form, "draft": draft_change(organization)},
    )
