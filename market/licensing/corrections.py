"""Corrections (补正): a request for information names what must change — the merchant's fields, outlets and
licence scans — and while it is open the applicant edits exactly those in the portal.

A replacement scan supersedes the licence it replaces: the old one stays in the audit trail, no longer current.
A correction that changes what a running public notice shows is announced (`public_notice_data_changed`) so that
the notice shows the current data.
"""

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.errors import NotPermitted
from market.events import send_after_commit
from market.guards import require
from market.licensing import signals
from market.licensing.errors import LicensingError
from market.licensing.models import Application, ApplicationState, EventAction, Licence
from market.licensing.services.common import _lock, _record
from market.licensing.words import list_of
from market.registry.models import Location, Organization
from market.registry.profile import replace_weekly_hours

# The merchant's fields a reviewer may ask to correct, with the words the applicant reads.
CORRECTABLE_FIELDS = {
    "name": _("legal name (Chinese)"),
    "name_en": _("legal name (English)"),
    "alternate_name": _("trade name"),
    "unified_social_credit_code": _("unified social credit code"),
    "legal_representative": _("legal representative"),
    "email": _("email"),
    "phone": _("phone"),
    "website": _("website"),
    "categories": _("categories"),
}
# What a public notice shows: a correction of these during the notice updates it.
NOTICE_FIELDS = {"name", "name_en", "alternate_name", "unified_social_credit_code", "categories"}


def empty() -> dict:
    return {"fields": [], "outlets": [], "licences": []}


def clean_corrections(application, corrections: dict) -> dict:
    """Only known fields, the merchant's own outlets and the application's current licences."""
    organization = application.organization
    fields = [field for field in corrections.get("fields", []) if field in CORRECTABLE_FIELDS]
    outlet_ids = {int(pk) for pk in corrections.get("outlets", [])}
    outlets = sorted(organization.locations.filter(pk__in=outlet_ids).values_list("pk", flat=True))
    licence_ids = {int(pk) for pk in corrections.get("licences", [])}
    licences = sorted(
        Licence.objects.current().filter(organization=organization, pk__in=licence_ids).values_list("pk", flat=True)
    )
    if len(outlets) != len(outlet_ids) or len(licences) != len(licence_ids):
        raise LicensingError(_("An outlet or licence named for correction is not the applicant's."))
    return {"fields": fields, "outlets": outlets, "licences": licences}


def describe_corrections(application, corrections: dict) -> list[str]:
    """Each named item in words, as the request's list of what to supply (一次性告知)."""
    items = [
        gettext("Correct the %(field)s.") % {"field": CORRECTABLE_FIELDS[field]}
        for field in corrections.get("fields", [])
    ]
    for location in Location.objects.filter(pk__in=corrections.get("outlets", [])).select_related("district"):
        items.append(gettext("Correct the outlet “%(outlet)s” (its address and details).") % {"outlet": location.name})
    for licence in Licence.objects.filter(pk__in=corrections.get("licences", [])).select_related("licence_type"):
        items.append(gettext("Upload a replacement scan of %(licence)s.") % {"licence": licence})
    return items


def open_request(application):
    return application.information_requests.filter(answered_at__isnull=True).order_by("-requested_at").first()


def _lock_for_correction(application, actor, kind: str, item) -> tuple[Application, object]:
    locked = _lock(application)
    require(actor, "licensing.answer_information_request", locked)
    request = open_request(locked)
    if request is None:
        raise LicensingError(_("There is no open request for information on this application."))
    named = (request.corrections or {}).get(kind, [])
    if item not in named:
        raise LicensingError(_("The bureau has not asked for this to be corrected."))
    return locked, request


def _announce_notice_change(locked):
    if locked.state == ApplicationState.PUBLIC_NOTICE and locked.notice_closed_at is None:
        send_after_commit(signals.public_notice_data_changed, Application, application=locked)


def _record_correction(locked, actor, lines):
    _record(locked, actor=actor, action=EventAction.CORRECTED, from_state=locked.state, reason="\n".join(lines))


@transaction.atomic
def correct_organization(application, actor, changes: dict, categories=None) -> Organization:
    """The merchant's fields named in the request, and its categories if named."""
    names = [*changes, *(["categories"] if categories is not None else [])]
    if not names:
        raise LicensingError(_("Nothing has changed."))
    locked = None
    for name in names:
        locked, _request = _lock_for_correction(application, actor, "fields", name)
    organization = Organization.objects.select_for_update().get(pk=locked.organization_id)
    lines = []
    for field, value in changes.items():
        before = getattr(organization, field)
        if before != value:
            lines.append(f"{CORRECTABLE_FIELDS[field]}: {before or '—'} → {value or '—'}")
            setattr(organization, field, value)
    organization.full_clean(exclude=["categories"])
    organization.save()
    if categories is not None:
        before = list_of(sorted(str(category) for category in organization.categories.all()))
        organization.categories.set(categories)
        after = list_of(sorted(str(category) for category in categories))
        if before != after:
            lines.append(f"{CORRECTABLE_FIELDS['categories']}: {before} → {after}")
    if lines:
        _record_correction(locked, actor, lines)
        if NOTICE_FIELDS & set(names):
            _announce_notice_change(locked)
    return organization


def _outlet_line(location) -> str:
    parts = [location.district.name, location.subdistrict.name]
    if location.community_id:
        parts.append(location.community.name)
    return f"{location.name}: {''.join(parts)}{location.address_1}"


@transaction.atomic
def correct_outlet(application, actor, location: Location, weekly_hours=None) -> Location:
    """An outlet named in the request, as the portal's form changed it (unsaved)."""
    locked, _request = _lock_for_correction(application, actor, "outlets", location.pk)
    stored = Location.objects.select_related("district", "subdistrict", "community").get(pk=location.pk)
    if stored.organization_id != locked.organization_id:
        raise NotPermitted()
    before = _outlet_line(stored)
    location.organization_id = locked.organization_id
    location.full_clean()
    location.save()
    if weekly_hours is not None:
        replace_weekly_hours(location, weekly_hours)
    location = Location.objects.select_related("district", "subdistrict", "community").get(pk=location.pk)
    after = _outlet_line(location)
    if after != before:
        _record_correction(locked, actor, [f"{before} → {after}"])
        _announce_notice_change(locked)
    return location


@transaction.atomic
def replace_licence(application, actor, replaced: Licence, replacement: Licence) -> Licence:
    """A new scan for a licence named in the request (or, with an answer, one of the same type on this
    application): the replacement is carried by the application and the old licence is superseded, kept for the
    audit trail but no longer current.
    """
    locked = _lock(application)
    require(actor, "licensing.answer_information_request", locked)
    request = open_request(locked)
    if request is None:
        raise LicensingError(_("There is no open request for information on this application."))
    replaced = Licence.objects.select_for_update().get(pk=replaced.pk)
    if replaced.organization_id != locked.organization_id:
        raise NotPermitted()
    if replaced.superseded_by_id is not None:
        raise LicensingError(_("This licence has already been replaced."))
    named = (request.corrections or {}).get("licences", [])
    if replaced.pk not in named and replaced.application_id != locked.pk:
        raise LicensingError(_("The bureau has not asked for this to be corrected."))
    replacement.organization = locked.organization
    replacement.application = locked
    replacement.full_clean()
    replacement.save()
    replaced.superseded_by = replacement
    replaced.superseded_at = clock_source.now()
    replaced.save(update_fields=["superseded_by", "superseded_at"])
    _record(
        locked,
        actor=actor,
        action=EventAction.LICENCE_SUPERSEDED,
        from_state=locked.state,
        reason=f"{replaced} → {replacement}",
    )
    return replacement


def replaceable_licence(application, replacement: Licence) -> Licence | None:
    """The current licence a new scan of the same type replaces: the one this application carries, else the
    merchant's one on record."""
    candidates = Licence.objects.current().filter(
        organization=application.organization, licence_type=replacement.licence_type
    )
    return candidates.filter(application=application).first() or candidates.filter(application__isnull=True).first()
