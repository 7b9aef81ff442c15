"""The applicant's drafts: starting a new, change or renewal application, and the portal's steps that fill it in
until it is submitted. Each step locks the application and checks that it is the applicant's and still a draft
(a licence may also be attached in answer to a request for information).
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.errors import NotPermitted
from market.guards import require
from market.licensing.changes import CHANGE_KEYS, OUTLET_KEYS
from market.licensing.errors import LicensingError
from market.licensing.models import Application, ApplicationKind, ApplicationState, EventAction, Licence, LicenceType
from market.licensing.services.common import _lock, _record, _refuse_state
from market.registry.models import Category, ListingStatus, Location, Organization
from market.registry.profile import replace_weekly_hours

CHANGEABLE_FIELDS = CHANGE_KEYS


# ---------------------------------------------------------------- starting an application


@transaction.atomic
def start_new_application(applicant, organization: Organization, categories=()) -> Application:
    """A merchant's first application: their (unsaved) organization is recorded, unlisted, with a draft.

    An organization that fails its model validation (e.g. its credit code) raises Django's ValidationError,
    for the portal's form to show beside the fields.
    """
    require(applicant, "licensing.start_application")
    organization.owner = applicant
    organization.listing_status = ListingStatus.UNLISTED
    # Stored as printed on the licence, so that a code typed in lower case cannot be registered twice.
    organization.unified_social_credit_code = organization.unified_social_credit_code.strip().upper()
    organization.full_clean(exclude=["categories"])
    organization.save()
    organization.categories.set(categories)
    application = Application.objects.create(kind=ApplicationKind.NEW, applicant=applicant, organization=organization)
    _record(application, actor=applicant, action=EventAction.CREATED, from_state=ApplicationState.DRAFT)
    return application


def _check_changes(organization, proposed_changes: dict) -> None:
    unknown = set(proposed_changes) - CHANGEABLE_FIELDS
    if not proposed_changes or unknown:
        raise LicensingError(
            _("Propose a change to the legal names, the trade name, the categories or the outlets.")
        )
    codes = proposed_changes.get("category_codes")
    if codes is not None and Category.objects.filter(code__in=codes).count() != len(set(codes)):
        raise LicensingError(_("One of the proposed categories does not exist."))
    own = set(organization.locations.values_list("pk", flat=True))
    named = {int(pk) for pk in proposed_changes.get("closed_outlets", [])}
    named |= {int(pk) for pk in proposed_changes.get("moved_outlets", {})}
    if not named <= own:
        raise NotPermitted()
    if own and set(int(pk) for pk in proposed_changes.get("closed_outlets", [])) >= own and not proposed_changes.get(
        "new_outlets"
    ):
        raise LicensingError(_("A listed merchant keeps at least one outlet: open another before closing the last."))


@transaction.atomic
def start_change_application(applicant, organization: Organization, proposed_changes: dict) -> Application:
    """A change to what only the bureau may change: the legal names (name, name_en), the trade name
    (alternate_name), the categories (category_codes) and the outlets (new_outlets, closed_outlets, moved_outlets:
    see changes.py). It runs on the same clocks as a new application, with the categories' change notice.
    """
    require(applicant, "licensing.start_application")
    if organization.owner_id != applicant.pk:
        raise NotPermitted()
    _check_changes(organization, proposed_changes)
    application = Application.objects.create(
        kind=ApplicationKind.CHANGE,
        applicant=applicant,
        organization=organization,
        proposed_changes=proposed_changes,
    )
    _record(application, actor=applicant, action=EventAction.CREATED, from_state=ApplicationState.DRAFT)
    return application


@transaction.atomic
def propose_change(applicant, organization: Organization, changes: dict) -> Application:
    """Add to the merchant's draft change application (started now if there is none): names and categories
    replace what was proposed, outlets add up."""
    draft = (
        Application.objects.select_for_update()
        .filter(kind=ApplicationKind.CHANGE, organization=organization, state=ApplicationState.DRAFT)
        .first()
    )
    if draft is None:
        return start_change_application(applicant, organization, changes)
    require(applicant, "licensing.submit_application", draft)
    merged = dict(draft.proposed_changes)
    for key, value in changes.items():
        if key == "new_outlets":
            merged[key] = [*merged.get(key, []), *value]
        elif key == "closed_outlets":
            merged[key] = sorted({*merged.get(key, []), *value})
        elif key == "moved_outlets":
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    for key in OUTLET_KEYS:
        if key in merged and not merged[key]:
            del merged[key]
    _check_changes(organization, merged)
    draft.proposed_changes = merged
    draft.save(update_fields=["proposed_changes"])
    return draft


@transaction.atomic
def start_renewal(applicant, licence: Licence) -> Application:
    """Renew the listing on a renewed licence. The listing stays active while the renewal is decided, and a
    renewal submitted 30 days or more before the old licence expires counts as granted if undecided then.
    """
    require(applicant, "licensing.start_application")
    if licence.organization.owner_id != applicant.pk:
        raise NotPermitted()
    if licence.valid_to is None:
        raise LicensingError(_("This licence has no end date and needs no renewal."))
    if licence.renewal_applications.undecided().exists():
        raise LicensingError(_("A renewal of this licence is already under way."))
    application = Application.objects.create(
        kind=ApplicationKind.RENEWAL,
        applicant=applicant,
        organization=licence.organization,
        renewed_licence=licence,
    )
    _record(application, actor=applicant, action=EventAction.CREATED, from_state=ApplicationState.DRAFT)
    return application


def problems_before_submission(application: Application, today=None) -> list[str]:
    """Everything the application still lacks, all at once, for the submit step to show."""
    today = today or clock_source.today()
    problems = []
    carried = list(application.licences.select_related("licence_type"))
    for licence in carried:
        if licence.valid_to is not None and licence.valid_to < today:
            problems.append(_("The licence %(licence)s has expired.") % {"licence": licence})
    if application.kind == ApplicationKind.NEW:
        organization = application.organization
        if not organization.categories.exists():
            problems.append(_("Choose at least one category of service."))
        required = LicenceType.objects.filter(required_for_categories__organizations=organization).distinct()
        carried_types = {licence.licence_type_id for licence in carried}
        for licence_type in required:
            if licence_type.pk not in carried_types:
                problems.append(_("Upload your %(licence_type)s.") % {"licence_type": licence_type})
    elif application.kind == ApplicationKind.RENEWAL:
        old = application.renewed_licence
        if not any(
            licence.licence_type_id == old.licence_type_id
            and (licence.valid_to is None or licence.valid_to > old.valid_to)
            for licence in carried
        ):
            problems.append(
                _("Upload the renewed %(licence_type)s, valid beyond %(date)s.")
                % {"licence_type": old.licence_type, "date": old.valid_to}
            )
    return [str(problem) for problem in problems]


# ---------------------------------------------------------------- the portal's steps


def _lock_draft(application, actor) -> Application:
    locked = _lock(application)
    require(actor, "licensing.submit_application", locked)
    if locked.state != ApplicationState.DRAFT:
        _refuse_state(locked)
    return locked


def _lock_new_draft(application, actor) -> Application:
    locked = _lock_draft(application, actor)
    if locked.kind != ApplicationKind.NEW:
        raise LicensingError(_("A listed merchant changes its legal name and categories through a change application."))
    return locked


@transaction.atomic
def update_draft_organization(application, actor, organization: Organization) -> Organization:
    """The business details of a new application, which stay editable until it is submitted."""
    locked = _lock_new_draft(application, actor)
    if organization.pk != locked.organization_id:
        raise NotPermitted()
    organization.full_clean(exclude=["categories"])
    organization.save()
    return organization


@transaction.atomic
def set_draft_categories(application, actor, categories) -> None:
    locked = _lock_new_draft(application, actor)
    locked.organization.categories.set(categories)


@transaction.atomic
def save_draft_outlet(application, actor, location: Location, weekly_hours) -> Location:
    locked = _lock_new_draft(application, actor)
    if location.pk and Location.objects.get(pk=location.pk).organization_id != locked.organization_id:
        raise NotPermitted()
    location.organization = locked.organization
    location.full_clean()
    location.save()
    replace_weekly_hours(location, weekly_hours)
    return location


@transaction.atomic
def remove_draft_outlet(application, actor, location: Location) -> None:
    locked = _lock_new_draft(application, actor)
    if location.organization_id != locked.organization_id:
        raise NotPermitted()
    location.delete()


@transaction.atomic
def attach_licence(application, actor, licence: Licence) -> Licence:
    """A licence the application carries: added to a draft, or sent in answer to a request for information
    (a replacement scan). The file must have passed the portal's content checks.
    """
    locked = _lock(application)
    require(actor, "licensing.submit_application", locked)
    answering = locked.information_requests.filter(answered_at__isnull=True).exists()
    if locked.state != ApplicationState.DRAFT and not answering:
        _refuse_state(locked)
    licence.organization = locked.organization
    licence.application = locked
    licence.full_clean()
    licence.save()
    return licence


@transaction.atomic
def remove_draft_licence(application, actor, licence: Licence) -> None:
    locked = _lock_draft(application, actor)
    if licence.application_id != locked.pk:
        raise NotPermitted()
    stored = licence.file
    licence.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
