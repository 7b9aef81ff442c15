"""What a listed merchant's change application proposes, and how an approval writes it into the register.

`Application.proposed_changes` holds:
- "name", "name_en", "alternate_name" (the trade name), "category_codes";
- "new_outlets": outlets to open, each {name, address_1, district, subdistrict, community, latitude, longitude,
  phone} with the places' ids;
- "closed_outlets": ids of outlets to close;
- "moved_outlets": {outlet id: {address_1, district, subdistrict, community, latitude, longitude}}.

Hours, phones, photos and the description are not here: the merchant edits them directly (registry/profile.py).
"""

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from market.licensing.words import list_of
from market.places.models import Community, District, Subdistrict
from market.registry.models import Category, Location

NAME_FIELDS = ("name", "name_en", "alternate_name")
OUTLET_KEYS = ("new_outlets", "closed_outlets", "moved_outlets")
CHANGE_KEYS = {*NAME_FIELDS, "category_codes", *OUTLET_KEYS}
ADDRESS_FIELDS = ("address_1", "district", "subdistrict", "community", "latitude", "longitude")


def outlet_data(location: Location, fields=("name", *ADDRESS_FIELDS, "phone")) -> dict:
    """An outlet's fields as JSON can keep them: places by id, coordinates as text."""
    data = {}
    for field in fields:
        if field in ("district", "subdistrict", "community"):
            data[field] = getattr(location, f"{field}_id")
        elif field in ("latitude", "longitude"):
            value = getattr(location, field)
            data[field] = None if value is None else str(value)
        else:
            data[field] = getattr(location, field)
    return data


def _set_outlet_fields(location: Location, data: dict) -> Location:
    for field, value in data.items():
        if field in ("district", "subdistrict", "community"):
            setattr(location, f"{field}_id", value)
        elif field in ("latitude", "longitude"):
            setattr(location, field, Decimal(value) if value is not None else None)
        else:
            setattr(location, field, value)
    return location


def _address_text(data: dict) -> str:
    places = [
        model.objects.filter(pk=data.get(field)).first()
        for model, field in ((District, "district"), (Subdistrict, "subdistrict"), (Community, "community"))
    ]
    # Chinese addresses run from the larger place to the smaller without spaces; English needs them.
    separator = " " if (get_language() or "").startswith("en") else ""
    return separator.join([*(place.display_name for place in places if place is not None), data.get("address_1", "")])


def describe(organization, changes: dict) -> list[str]:
    """Each proposed change in words, for the applicant, the staff and the register's history."""
    lines = []
    labels = {"name": _("Legal name"), "name_en": _("Legal name (English)"), "alternate_name": _("Trade name")}
    for field in NAME_FIELDS:
        if field in changes:
            before, after = getattr(organization, field) or "—", changes[field] or "—"
            values = {"field": labels[field], "before": before, "after": after}
            lines.append(_("%(field)s: %(before)s → %(after)s") % values)
    if "category_codes" in changes:
        names = [str(category) for category in Category.objects.filter(code__in=changes["category_codes"])]
        lines.append(_("Categories: %(names)s") % {"names": list_of(names)})
    for data in changes.get("new_outlets", []):
        lines.append(_("New outlet: %(name)s, %(address)s") % {"name": data["name"], "address": _address_text(data)})
    outlets = {location.pk: location for location in organization.locations.all()}
    for pk in changes.get("closed_outlets", []):
        location = outlets.get(int(pk))
        if location is not None:
            lines.append(
                _("Outlet closed: %(name)s, %(address)s")
                % {"name": location.name, "address": _address_text(outlet_data(location))}
            )
    for pk, data in changes.get("moved_outlets", {}).items():
        location = outlets.get(int(pk))
        if location is not None:
            lines.append(
                _("Outlet moved: %(name)s, from %(before)s to %(after)s")
                % {
                    "name": location.name,
                    "before": _address_text(outlet_data(location)),
                    "after": _address_text(data),
                }
            )
    return lines


def apply(organization, changes: dict) -> list[str]:
    """Write an approved change into the register; returns what changed, in words, described before the change."""
    lines = describe(organization, changes)
    for field in NAME_FIELDS:
        if field in changes:
            setattr(organization, field, changes[field])
    organization.save()
    if "category_codes" in changes:
        organization.categories.set(Category.objects.filter(code__in=changes["category_codes"]))
    for data in changes.get("new_outlets", []):
        location = _set_outlet_fields(Location(organization=organization), data)
        location.full_clean()
        location.save()
    for pk, data in changes.get("moved_outlets", {}).items():
        location = organization.locations.filter(pk=int(pk)).first()
        if location is not None:
            _set_outlet_fields(location, data)
            location.full_clean()
            location.save()
    closed = [int(pk) for pk in changes.get("closed_outlets", [])]
    if closed:
        organization.locations.filter(pk__in=closed).delete()
    return lines
