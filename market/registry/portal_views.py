"""The listed merchant's own pages in the merchant portal: the public profile, each outlet's opening hours and
photos. What is saved here is public at once.

Every view asks who is signed in (anonymous people are sent to sign in, other roles are refused) and then
finds objects only among the merchant's own, so another merchant's organisation, outlet or photo is a 404. The
acts themselves are in profile.py; a refusal comes back as an AppError with a message to show.
"""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from market.accounts.decorators import merchant_required
from market.errors import AppError
from market.registry import profile
from market.registry.forms import ExceptionFormSet, HoursForm, PhotoForm, ProfileForm
from market.registry.models import Location, LocationPhoto, Organization


def _listed(request, organization_pk) -> Organization:
    """The merchant's own organization, if it has a public profile; else 404."""
    organization = get_object_or_404(Organization, pk=organization_pk, owner=request.user)
    if organization.listing_status not in profile.PROFILE_STATUSES:
        raise Http404
    return organization


def own_location(request, organization_pk, pk) -> Location:
    return get_object_or_404(
        Location.objects.select_related("organization"),
        pk=pk,
        organization__pk=organization_pk,
        organization__owner=request.user,
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def edit_profile(request, organization_pk):
    organization = _listed(request, organization_pk)
    form = ProfileForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            profile.edit_public_profile(
                request.user, organization, {field: form.cleaned_data[field] for field in ProfileForm.Meta.fields}
            )
        except (AppError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", error))
        else:
            messages.success(request, _("Saved. Your public profile shows the change now."))
            return redirect("registry_portal:profile", organization_pk=organization.pk)
    return render(
        request,
        "registry/portal/profile.html",
        {
            "organization": organization,
            "form": form,
            "outlets": organization.locations.prefetch_related("schedules", "photos"),
        },
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def edit_outlet_hours(request, organization_pk, location_pk):
    organization = _listed(request, organization_pk)
    location = own_location(request, organization.pk, location_pk)
    form = HoursForm(request.POST or None, location=location)
    formset = ExceptionFormSet(
        request.POST or None,
        prefix="exceptions",
        initial=[
            {key: getattr(item, key) for key in ("date", "closed", "opens_at", "closes_at", "notes")}
            for item in location.schedule_exceptions.all()
        ],
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            profile.set_outlet_hours(
                request.user,
                location,
                phone=form.cleaned_data["phone"],
                weekly_hours=form.weekly_hours(),
                exceptions=formset.exceptions(),
            )
        except (AppError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", error))
        else:
            messages.success(request, _("Saved. The opening hours are public now."))
            return redirect("registry_portal:profile", organization_pk=organization.pk)
    return render(
        request,
        "registry/portal/outlet_hours.html",
        {"organization": organization, "location": location, "form": form, "formset": formset},
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def outlet_photos(request, organization_pk, location_pk):
    organization = _listed(request, organization_pk)
    location = own_location(request, organization.pk, location_pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile.add_outlet_photo(request.user, location, form.cleaned_data["image"], form.cleaned_data["alt_text"])
        except (AppError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", error))
        else:
            messages.success(request, _("Photo added. It is public now."))
            return redirect("registry_portal:outlet_photos", organization_pk=organization.pk, location_pk=location.pk)
    return render(
        request,
        "registry/portal/outlet_photos.html",
        {"organization": organization, "location": location, "form": form, "photos": location.photos.all()},
    )


@merchant_required
@require_POST
def remove_photo(request, organization_pk, location_pk, photo_pk):
    organization = _listed(request, organization_pk)
    location = own_location(request, organization.pk, location_pk)
    photo = get_object_or_404(LocationPhoto, pk=photo_pk, location=location)
    try:
        profile.remove_outlet_photo(request.user, photo)
    except AppError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Photo removed."))
    return redirect("registry_portal:outlet_photos", organization_pk=organization.pk, location_pk=location.pk)
