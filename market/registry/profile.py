"""The listed merchant's public profile: the description and contacts, and each outlet's phone, opening hours and
photos. The merchant changes them itself, without review, and they are public at once; every change is logged
in Wagtail's audit log (ModelLogEntry, action "wagtail.edit"), which staff see under Reports > Site history.

The legal names and categories are not here: they change through a licensing change application.
"""

import rules
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log as log_action

from market import clock_source
from market.errors import AppError, NotPermitted
from market.events import send_after_commit
from market.registry.models import ListingStatus, Location, LocationPhoto, Organization, Schedule, ScheduleException
from market.registry.signals import merchant_changed

PROFILE_FIELDS = ("description", "phone", "email", "website")
# A merchant on the register, even suspended, keeps a profile; an unlisted, expired or revoked one has none.
PROFILE_STATUSES = (ListingStatus.ACTIVE, ListingStatus.SUSPENDED)


class ProfileError(AppError):
    """A profile change that is refused."""


def replace_weekly_hours(location, weekly_hours):
    """`weekly_hours`: (weekday, opens_at, closes_at) for each day the outlet opens. Used by the profile and by
    the outlets of a licensing draft.
    """
    location.schedules.all().delete()
    for weekday, opens_at, closes_at in weekly_hours:
        schedule = Schedule(location=location, byday=weekday, opens_at=opens_at, closes_at=closes_at)
        schedule.full_clean()
        schedule.save()


def _require_profile_editor(actor, organization):
    # rules.has_perm, unlike user.has_perm, lets no superuser through: only the merchant edits its profile.
    if actor is None or not rules.has_perm("registry.edit_public_profile", actor, organization):
        raise NotPermitted()
    if organization.listing_status not in PROFILE_STATUSES:
        raise ProfileError(_("Only a listed merchant has a public profile to edit."))


def _log_profile_change(instance, actor, what: dict):
    log_action(instance, "wagtail.edit", user=actor, data=what, content_changed=True, timestamp=clock_source.now())


@transaction.atomic
def edit_public_profile(actor, organization: Organization, changes: dict) -> Organization:
    """Description and contacts: live at once. Legal names and categories go through a change application."""
    if not set(changes) <= set(PROFILE_FIELDS):
        raise ProfileError(_("The legal name and categories change through a change application."))
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    _require_profile_editor(actor, locked)
    changed = {field: value for field, value in changes.items() if getattr(locked, field) != value}
    if not changed:
        return locked
    before = {field: getattr(locked, field) for field in changed}
    for field, value in changed.items():
        setattr(locked, field, value)
    locked.full_clean(exclude=["categories"])
    locked.save()
    _log_profile_change(locked, actor, {"before": before, "after": changed})
    send_after_commit(merchant_changed, Organization, organization_ids=[locked.pk])
    return locked


def _hours_summary(location) -> dict:
    return {
        "phone": location.phone,
        "weekly": [str(schedule) for schedule in location.schedules.all()],
        "exceptions": [
            f"{item.date:%Y-%m-%d} "
            + ("closed" if item.closed else f"{item.opens_at:%H:%M}-{item.closes_at:%H:%M}")
            for item in location.schedule_exceptions.all()
        ],
    }


@transaction.atomic
def set_outlet_hours(actor, location: Location, *, phone: str, weekly_hours, exceptions) -> Location:
    """An outlet's phone, weekly hours and dated exceptions, replaced as a whole and live at once.

    `exceptions`: dicts with date, closed, opens_at, closes_at, notes.
    """
    organization = Organization.objects.select_for_update().get(pk=location.organization_id)
    _require_profile_editor(actor, organization)
    before = _hours_summary(location)
    location.phone = phone
    location.full_clean()
    location.save(update_fields=["phone"])
    replace_weekly_hours(location, weekly_hours)
    location.schedule_exceptions.all().delete()
    for details in exceptions:
        exception = ScheduleException(location=location, **details)
        exception.full_clean()
        exception.save()
    after = _hours_summary(location)
    if after != before:
        _log_profile_change(location, actor, {"before": before, "after": after})
        send_after_commit(merchant_changed, Organization, organization_ids=[location.organization_id])
    return location


@transaction.atomic
def add_outlet_photo(actor, location: Location, image, alt_text: str) -> LocationPhoto:
    organization = Organization.objects.select_for_update().get(pk=location.organization_id)
    _require_profile_editor(actor, organization)
    photo = LocationPhoto(location=location, image=image, alt_text=(alt_text or "").strip())
    photo.full_clean()
    photo.save()
    _log_profile_change(location, actor, {"photo_added": photo.image.name, "alt_text": photo.alt_text})
    send_after_commit(merchant_changed, Organization, organization_ids=[location.organization_id])
    return photo


@transaction.atomic
def remove_outlet_photo(actor, photo: LocationPhoto) -> None:
    organization = Organization.objects.select_for_update().get(pk=photo.location.organization_id)
    _require_profile_editor(actor, organization)
    stored = photo.image
    _log_profile_change(photo.location, actor, {"photo_removed": stored.name, "alt_text": photo.alt_text})
    photo.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
    send_after_commit(merchant_changed, Organization, organization_ids=[photo.location.organization_id])

