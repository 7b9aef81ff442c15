"""The acts of the licensing workflow, one function each, for the merchant portal, the staff admin and the
jobs.

Every act checks who may do it (rules.py), locks the application row for the length of its transaction so that
two people acting at once produce one outcome, records an `ApplicationEvent`, and tells listeners after the
commit. Refusals raise `LicensingError` (or `NotPermitted`) with a translated message.

`actor` is the user acting; None means the law or a scheduled job, which only the lifecycle acts accept.
"""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed
from wagtail.log_actions import log as log_action

from market import clock_source
from market.events import send_after_commit
from market.licensing import clocks, signals
from market.licensing import rules as rules_predicates
from market.licensing.calendar import add_working_days
from market.licensing.errors import LicensingError, NotPermitted
from market.licensing.language import language_of
from market.licensing.models import (
    AWAITING_ACCEPTANCE,
    IN_DECISION_STAGE,
    UNDECIDED,
    Application,
    ApplicationEvent,
    ApplicationKind,
    ApplicationState,
    ClockPause,
    EventAction,
    InformationRequest,
    Licence,
    LicenceType,
    ListingAction,
    ListingEvent,
    Objection,
    PauseReason,
    Recommendation,
)
from market.registry import services as registry
from market.registry.models import (
    Category,
    ListingStatus,
    Location,
    LocationPhoto,
    Organization,
    Schedule,
    ScheduleException,
)
from market.registry.signals import merchant_changed

CHANGEABLE_FIELDS = {"name", "name_en", "category_codes"}
# Art. 50: a renewal asked for at least this many days before expiry is granted if left undecided.
RENEWAL_NOTICE_DAYS = 30
STATE_LABELS = dict(ApplicationState.choices)


def rights_of_review() -> str:
    """Art. 38: a rejection tells the applicant how to challenge it."""
    return str(
        _(
            "If you disagree with this decision, you may apply for administrative reconsideration "
            "within 60 days of receiving it, or bring an administrative lawsuit before a people's court "
            "within 6 months."
        )
    )


# ---------------------------------------------------------------- helpers


def _require(actor, permission, target=None):
    if actor is None or not actor.has_perm(permission, target):
        raise NotPermitted()


def _require_text(value, message) -> str:
    text = (value or "").strip()
    if not text:
        raise LicensingError(message)
    return text


def _lock(application) -> Application:
    """The application row, locked until the transaction ends; the caller's copy may be stale."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=application.pk)
    )


def _refuse_state(application):
    raise LicensingError(
        _("This cannot be done while the application is “%(state)s”.")
        % {"state": STATE_LABELS[application.state]}
    )


def _move(application, transition_name):
    transition = getattr(application, transition_name)
    if not can_proceed(transition):
        _refuse_state(application)
    transition()


def _record(
    application, *, actor, action, from_state, reason="", visible_to_applicant=True
) -> ApplicationEvent:
    """Save the application, write its audit event and announce a state change after the commit."""
    application.save()
    event = ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        at=clock_source.now(),
        action=action,
        from_state=from_state,
        to_state=application.state,
        reason=reason,
        visible_to_applicant=visible_to_applicant,
    )
    if from_state != application.state:
        send_after_commit(
            signals.application_state_changed,
            Application,
            application=application,
            from_state=from_state,
            to_state=application.state,
            action=action,
            actor=actor,
        )
    return event


def _sync(original, locked):
    """Let the caller's object reflect what was saved."""
    original.refresh_from_db()
    return locked


def _record_listing(organization, *, actor, action, from_status, reason, application=None):
    ListingEvent.objects.create(
        organization=organization,
        application=application,
        actor=actor,
        at=clock_source.now(),
        action=action,
        from_status=from_status,
        to_status=organization.listing_status,
        reason=reason,
    )


# ---------------------------------------------------------------- the applicant's acts


@transaction.atomic
def start_new_application(applicant, organization: Organization, categories=()) -> Application:
    """A merchant's first application: their (unsaved) organization is recorded, unlisted, with a draft.

    An organization that fails its model validation (e.g. its credit code) raises Django's ValidationError,
    for the portal's form to show beside the fields.
    """
    _require(applicant, "licensing.start_application")
    organization.owner = applicant
    organization.listing_status = ListingStatus.UNLISTED
    # Stored as printed on the licence, so that a code typed in lower case cannot be registered twice.
    organization.unified_social_credit_code = organization.unified_social_credit_code.strip().upper()
    organization.full_clean(exclude=["categories"])
    organization.save()
    organization.categories.set(categories)
    application = Application.objects.create(
        kind=ApplicationKind.NEW, applicant=applicant, organization=organization
    )
    _record(application, actor=applicant, action=EventAction.CREATED, from_state=ApplicationState.DRAFT)
    return application


@transaction.atomic
def start_change_application(applicant, organization: Organization, proposed_changes: dict) -> Application:
    """A change to what only the bureau may change: the legal names (name, name_en) and the categories
    (category_codes).
    """
    _require(applicant, "licensing.start_application")
    if organization.owner_id != applicant.pk:
        raise NotPermitted()
    unknown = set(proposed_changes) - CHANGEABLE_FIELDS
    if not proposed_changes or unknown:
        raise LicensingError(_("Propose a change to the legal names or the categories."))
    codes = proposed_changes.get("category_codes")
    if codes is not None and Category.objects.filter(code__in=codes).count() != len(set(codes)):
        raise LicensingError(_("One of the proposed categories does not exist."))
    application = Application.objects.create(
        kind=ApplicationKind.CHANGE,
        applicant=applicant,
        organization=organization,
        proposed_changes=proposed_changes,
    )
    _record(application, actor=applicant, action=EventAction.CREATED, from_state=ApplicationState.DRAFT)
    return application


@transaction.atomic
def start_renewal(applicant, licence: Licence) -> Application:
    """Renew the listing on a renewed licence. The listing stays active while the renewal is decided, and a
    renewal submitted 30 days or more before the old licence expires counts as granted if undecided then.
    """
    _require(applicant, "licensing.start_application")
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


@transaction.atomic
def submit_application(application, actor) -> Application:
    locked = _lock(application)
    _require(actor, "licensing.submit_application", locked)
    if locked.state != ApplicationState.DRAFT:
        _refuse_state(locked)
    problems = problems_before_submission(locked)
    if problems:
        raise LicensingError(_("The application is not complete yet."), problems)
    _move(locked, "submit")
    locked.submitted_at = locked.received_at = clock_source.now()
    _record(locked, actor=actor, action=EventAction.SUBMITTED, from_state=ApplicationState.DRAFT)
    return _sync(application, locked)


@transaction.atomic
def answer_information_request(application, actor, answer: str) -> Application:
    """The applicant supplies what was asked (licences uploaded are attached to the application before)."""
    locked = _lock(application)
    _require(actor, "licensing.answer_information_request", locked)
    answer = _require_text(answer, _("Say what you are supplying."))
    request = locked.information_requests.filter(answered_at__isnull=True).first()
    if request is None:
        raise LicensingError(_("There is no open request for information on this application."))
    now = clock_source.now()
    request.answer, request.answered_by, request.answered_at = answer, actor, now
    request.save(update_fields=["answer", "answered_by", "answered_at"])
    from_state = locked.state
    if request.stage == InformationRequest.Stage.ACCEPTANCE:
        _move(locked, "resubmit")
        # Art. 32: the acceptance clock starts again from the complete material.
        locked.received_at = now
    else:
        ClockPause.objects.filter(information_request=request, ended_at__isnull=True).update(ended_at=now)
    _record(
        locked, actor=actor, action=EventAction.INFORMATION_SUPPLIED, from_state=from_state, reason=answer
    )
    return _sync(application, locked)


@transaction.atomic
def withdraw_application(application, actor, reason: str = "") -> Application:
    locked = _lock(application)
    _require(actor, "licensing.withdraw_application", locked)
    from_state = locked.state
    _move(locked, "withdraw")
    locked.clock_pauses.filter(ended_at__isnull=True).update(ended_at=clock_source.now())
    _record(locked, actor=actor, action=EventAction.WITHDRAWN, from_state=from_state, reason=reason.strip())
    return _sync(application, locked)


# ---------------------------------------------------------------- the applicant's drafts (the portal's steps)


def _lock_draft(application, actor) -> Application:
    locked = _lock(application)
    _require(actor, "licensing.submit_application", locked)
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


def _replace_weekly_hours(location, weekly_hours):
    """`weekly_hours`: (weekday, opens_at, closes_at) for each day the outlet opens."""
    location.schedules.all().delete()
    for weekday, opens_at, closes_at in weekly_hours:
        schedule = Schedule(location=location, byday=weekday, opens_at=opens_at, closes_at=closes_at)
        schedule.full_clean()
        schedule.save()


@transaction.atomic
def save_draft_outlet(application, actor, location: Location, weekly_hours) -> Location:
    locked = _lock_new_draft(application, actor)
    if location.pk and Location.objects.get(pk=location.pk).organization_id != locked.organization_id:
        raise NotPermitted()
    location.organization = locked.organization
    location.full_clean()
    location.save()
    _replace_weekly_hours(location, weekly_hours)
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
    _require(actor, "licensing.submit_application", locked)
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


# ---------------------------------------------------------------- the listed merchant's public profile
# What residents read about a listed merchant changes at once, without review; every change is logged in
# Wagtail's audit log (ModelLogEntry, action "wagtail.edit"), which staff see under Reports > Site history.

PROFILE_FIELDS = ("description", "phone", "email", "website")
PROFILE_STATUSES = (ListingStatus.ACTIVE, ListingStatus.SUSPENDED)
may_edit_profile = rules_predicates.is_merchant & rules_predicates.owns_organization


def _require_profile_editor(actor, organization):
    if actor is None or not may_edit_profile.test(actor, organization):
        raise NotPermitted()
    if organization.listing_status not in PROFILE_STATUSES:
        raise LicensingError(_("Only a listed merchant has a public profile to edit."))


def _log_profile_change(instance, actor, what: dict):
    log_action(instance, "wagtail.edit", user=actor, data=what, content_changed=True, timestamp=clock_source.now())


@transaction.atomic
def edit_public_profile(actor, organization: Organization, changes: dict) -> Organization:
    """Description and contacts: live at once. Legal names and categories go through a change application."""
    if not set(changes) <= set(PROFILE_FIELDS):
        raise LicensingError(_("The legal name and categories change through a change application."))
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
    _replace_weekly_hours(location, weekly_hours)
    location.schedule_exceptions.all().delete()
    for details in exceptions:
        exception = ScheduleException(location=location, **details)
        exception.full_clean()
        exception.save()
    after = _hours_summary(location)
    if after != before:
        _log_profile_change(location, actor, {"before": before, "after": after})
        send_after_commit(merchant_changed, Organization, organization_ids=[organization.pk])
    return location


@transaction.atomic
def add_outlet_photo(actor, location: Location, image, alt_text: str) -> LocationPhoto:
    organization = Organization.objects.select_for_update().get(pk=location.organization_id)
    _require_profile_editor(actor, organization)
    photo = LocationPhoto(location=location, image=image, alt_text=(alt_text or "").strip())
    photo.full_clean()
    photo.save()
    _log_profile_change(location, actor, {"photo_added": photo.image.name, "alt_text": photo.alt_text})
    send_after_commit(merchant_changed, Organization, organization_ids=[organization.pk])
    return photo


@transaction.atomic
def remove_outlet_photo(actor, photo: LocationPhoto) -> None:
    organization = Organization.objects.select_for_update().get(pk=photo.location.organization_id)
    _require_profile_editor(actor, organization)
    stored = photo.image
    _log_profile_change(photo.location, actor, {"photo_removed": stored.name, "alt_text": photo.alt_text})
    photo.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
    send_after_commit(merchant_changed, Organization, organization_ids=[organization.pk])


# ---------------------------------------------------------------- the reviewer's acts


@transaction.atomic
def assign_application(application, actor, assignee) -> Application:
    locked = _lock(application)
    _require(actor, "licensing.assign_application", locked)
    if not assignee.has_perm("licensing.accept_application", locked):
        raise LicensingError(_("Applications can only be assigned to a reviewer."))
    locked.assignee = assignee
    _record(
        locked,
        actor=actor,
        action=EventAction.ASSIGNED,
        from_state=locked.state,
        reason=str(assignee),
        visible_to_applicant=False,
    )
    return _sync(application, locked)


@transaction.atomic
def accept_application(application, actor) -> Application:
    locked = _lock(application)
    _require(actor, "licensing.accept_application", locked)
    from_state = locked.state
    _move(locked, "accept")
    locked.accepted_at = clock_source.now()
    _record(locked, actor=actor, action=EventAction.ACCEPTED, from_state=from_state)
    return _sync(application, locked)


@transaction.atomic
def request_information(application, actor, missing_items: list[str], note: str = "") -> InformationRequest:
    """Ask for everything missing at once. Before acceptance this sends the application back (补正); during
    review it pauses the decision clock until the applicant answers.
    """
    locked = _lock(application)
    _require(actor, "licensing.request_information", locked)
    items = [str(item).strip() for item in missing_items if str(item).strip()]
    if not items:
        raise LicensingError(_("List every missing item."))
    if locked.information_requests.filter(answered_at__isnull=True).exists():
        raise LicensingError(
            _("A request for information is already open: add to it rather than send another.")
        )
    today = clock_source.today()
    if locked.state in AWAITING_ACCEPTANCE:
        if clocks.acceptance_clock(locked, today).overdue:
            raise LicensingError(
                _("The 5 working days to ask for material have passed: the application counts as accepted.")
            )
        stage = InformationRequest.Stage.ACCEPTANCE
    elif locked.state in (ApplicationState.ACCEPTED, ApplicationState.UNDER_REVIEW):
        stage = InformationRequest.Stage.REVIEW
    else:
        _refuse_state(locked)
    now = clock_source.now()
    request = InformationRequest.objects.create(
        application=locked,
        stage=stage,
        missing_items=items,
        note=note.strip(),
        requested_by=actor,
        requested_at=now,
    )
    from_state = locked.state
    if stage == InformationRequest.Stage.ACCEPTANCE:
        _move(locked, "ask_for_supplement")
    else:
        ClockPause.objects.create(
            application=locked,
            reason=PauseReason.WAITING_FOR_APPLICANT,
            information_request=request,
            started_at=now,
            applicant_told_in_writing=True,
            written_notice="\n".join(items),
            started_by=actor,
        )
    _record(
        locked,
        actor=actor,
        action=EventAction.INFORMATION_REQUESTED,
        from_state=from_state,
        reason="\n".join([*items, note.strip()]).strip(),
    )
    if stage == InformationRequest.Stage.REVIEW:
        send_after_commit(
            signals.decision_clock_changed,
            Application,
            application=locked,
            action=EventAction.INFORMATION_REQUESTED,
            actor=actor,
        )
    application.refresh_from_db()
    return request


@transaction.atomic
def start_review(application, actor) -> Application:
    locked = _lock(application)
    _require(actor, "licensing.accept_application", locked)
    _move(locked, "start_review")
    if locked.assignee_id is None:
        locked.assignee = actor
    _record(locked, actor=actor, action=EventAction.REVIEW_STARTED, from_state=ApplicationState.ACCEPTED)
    return _sync(application, locked)


def _recommend(application, actor, recommendation, note, action) -> Application:
    locked = _lock(application)
    _require(actor, "licensing.recommend_on_application", locked)
    if locked.state != ApplicationState.UNDER_REVIEW:
        _refuse_state(locked)
    if locked.information_requests.filter(answered_at__isnull=True).exists():
        raise LicensingError(_("Wait for the applicant to answer the open request for information."))
    locked.recommendation = recommendation
    locked.recommendation_note = note
    locked.recommended_by = actor
    locked.recommended_at = clock_source.now()
    _record(
        locked, actor=actor, action=action, from_state=locked.state, reason=note, visible_to_applicant=False
    )
    return locked


@transaction.atomic
def recommend_approval(application, actor, note: str = "") -> Application:
    """The reviewer's recommendation; where the category has a public notice period, the notice opens now."""
    locked = _recommend(
        application, actor, Recommendation.APPROVE, note.strip(), EventAction.RECOMMENDED_APPROVAL
    )
    if locked.public_notice_working_days() > 0:
        _open_notice(locked, actor)
    return _sync(application, locked)


@transaction.atomic
def recommend_rejection(application, actor, note: str) -> Application:
    note = _require_text(note, _("Give the reasons for recommending rejection."))
    locked = _recommend(application, actor, Recommendation.REJECT, note, EventAction.RECOMMENDED_REJECTION)
    return _sync(application, locked)


def _open_notice(locked, actor):
    days = locked.public_notice_working_days()
    if days == 0:
        raise LicensingError(_("This category approves without a public notice."))
    if locked.recommendation != Recommendation.APPROVE:
        raise LicensingError(_("A public notice follows a recommendation to approve."))
    _move(locked, "open_notice")
    today = clock_source.today()
    locked.notice_starts_on = today
    locked.notice_ends_on = add_working_days(today, days)
    _record(
        locked,
        actor=actor,
        action=EventAction.NOTICE_OPENED,
        from_state=ApplicationState.UNDER_REVIEW,
        reason=str(_("Until %(date)s") % {"date": locked.notice_ends_on}),
    )
    send_after_commit(signals.public_notice_opened, Application, application=locked)


@transaction.atomic
def open_public_notice(application, actor) -> Application:
    locked = _lock(application)
    _require(actor, "licensing.run_public_notice", locked)
    _open_notice(locked, actor)
    return _sync(application, locked)


def _notice_has_ended(application, today) -> bool:
    return application.notice_ends_on is not None and today > application.notice_ends_on


def _close_notice(locked, actor):
    locked.notice_closed_at = clock_source.now()
    _record(locked, actor=actor, action=EventAction.NOTICE_CLOSED, from_state=locked.state)
    send_after_commit(signals.public_notice_closed, Application, application=locked)


@transaction.atomic
def close_public_notice(application, actor=None) -> Application:
    """Close a notice whose period has run (the day after its last day). A job closes them with actor None."""
    locked = _lock(application)
    if actor is not None:
        _require(actor, "licensing.run_public_notice", locked)
    if locked.state != ApplicationState.PUBLIC_NOTICE or locked.notice_closed_at is not None:
        _refuse_state(locked)
    if not _notice_has_ended(locked, clock_source.today()):
        raise LicensingError(_("The public notice runs until %(date)s.") % {"date": locked.notice_ends_on})
    _close_notice(locked, actor)
    return _sync(application, locked)


@transaction.atomic
def record_objection(application, objector, text: str) -> Objection:
    locked = _lock(application)
    _require(objector, "licensing.object_to_public_notice", locked)
    text = _require_text(text, _("Write your objection."))
    if locked.state != ApplicationState.PUBLIC_NOTICE or _notice_has_ended(locked, clock_source.today()):
        raise LicensingError(_("This application is not on public notice."))
    objection = Objection.objects.create(
        application=locked, objector=objector, text=text, submitted_at=clock_source.now()
    )
    _record(locked, actor=objector, action=EventAction.OBJECTION_RECORDED, from_state=locked.state)
    return objection


@transaction.atomic
def answer_objection(objection, actor, answer: str) -> Objection:
    locked = _lock(objection.application)
    _require(actor, "licensing.answer_objection", locked)
    answer = _require_text(answer, _("Write the answer to the objection."))
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.answered_at is not None:
        raise LicensingError(_("This objection has already been answered."))
    objection.answer, objection.answered_by, objection.answered_at = answer, actor, clock_source.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    _record(
        locked, actor=actor, action=EventAction.OBJECTION_ANSWERED, from_state=locked.state, reason=answer
    )
    send_after_commit(signals.objection_answered, Application, objection=objection)
    return objection


@transaction.atomic
def pause_for_inspection(application, actor, reason: str, written_notice: str) -> ClockPause:
    """Art. 45: an inspection, hearing or expert review stops the decision clock; the applicant is told in
    writing (`written_notice` is what they were told).
    """
    locked = _lock(application)
    _require(actor, "licensing.pause_decision_clock", locked)
    if reason == PauseReason.WAITING_FOR_APPLICANT or reason not in PauseReason.values:
        raise LicensingError(_("Choose inspection, hearing or expert review."))
    written_notice = _require_text(written_notice, _("Write what the applicant is told about the pause."))
    if locked.state not in IN_DECISION_STAGE:
        _refuse_state(locked)
    if locked.clock_pauses.filter(ended_at__isnull=True, information_request__isnull=True).exists():
        raise LicensingError(_("The decision clock is already paused."))
    pause = ClockPause.objects.create(
        application=locked,
        reason=reason,
        started_at=clock_source.now(),
        applicant_told_in_writing=True,
        written_notice=written_notice,
        started_by=actor,
    )
    _record(
        locked,
        actor=actor,
        action=EventAction.CLOCK_PAUSED,
        from_state=locked.state,
        reason=f"{PauseReason(reason).label}: {written_notice}",
    )
    send_after_commit(
        signals.decision_clock_changed, Application, application=locked, action=EventAction.CLOCK_PAUSED, actor=actor
    )
    return pause


@transaction.atomic
def resume_decision_clock(application, actor) -> Application:
    locked = _lock(application)
    _require(actor, "licensing.pause_decision_clock", locked)
    pause = locked.clock_pauses.filter(ended_at__isnull=True, information_request__isnull=True).first()
    if pause is None:
        raise LicensingError(_("The decision clock is not paused."))
    pause.ended_at = clock_source.now()
    pause.save(update_fields=["ended_at"])
    _record(locked, actor=actor, action=EventAction.CLOCK_RESUMED, from_state=locked.state)
    return _sync(application, locked)


@transaction.atomic
def record_decision_publication(application, actor) -> Application:
    """Art. 44: the decision was published (双公示), which stops the publication clock."""
    locked = _lock(application)
    _require(actor, "licensing.record_decision_publication", locked)
    if locked.state != ApplicationState.APPROVED or locked.decision_published_at is not None:
        _refuse_state(locked)
    locked.decision_published_at = clock_source.now()
    _record(locked, actor=actor, action=EventAction.DECISION_PUBLISHED, from_state=locked.state)
    return _sync(application, locked)


# ---------------------------------------------------------------- the approver's acts


@transaction.atomic
def extend_decision_period(application, actor, reason: str) -> Application:
    """Art. 42: once, by 10 working days, within the 20, with a reason the applicant is told."""
    locked = _lock(application)
    _require(actor, "licensing.extend_decision_period", locked)
    reason = _require_text(reason, _("Give the reason for the extension; the applicant will see it."))
    if locked.state not in IN_DECISION_STAGE:
        _refuse_state(locked)
    if locked.extension_used:
        raise LicensingError(_("The decision period can be extended only once."))
    if clocks.decision_clock(locked, clock_source.today()).overdue:
        raise LicensingError(_("The decision period has already run out; it can no longer be extended."))
    locked.extended_at = clock_source.now()
    locked.extension_reason = reason
    _record(locked, actor=actor, action=EventAction.EXTENDED, from_state=locked.state, reason=reason)
    send_after_commit(
        signals.decision_clock_changed, Application, application=locked, action=EventAction.EXTENDED, actor=actor
    )
    return _sync(application, locked)


def _already_decided(locked):
    if locked.is_decided:
        raise LicensingError(_("This application has already been decided."))


def _approval_blockers(locked, today) -> list[str]:
    blockers = []
    if locked.recommendation != Recommendation.APPROVE:
        blockers.append(_("A reviewer has not recommended approval."))
    if locked.information_requests.filter(answered_at__isnull=True).exists():
        blockers.append(_("A request for information is still open."))
    if locked.public_notice_working_days() > 0:
        if locked.state != ApplicationState.PUBLIC_NOTICE:
            blockers.append(_("The application has not been on public notice."))
        elif not _notice_has_ended(locked, today):
            blockers.append(_("The public notice runs until %(date)s.") % {"date": locked.notice_ends_on})
    if locked.objections.filter(answered_at__isnull=True).exists():
        blockers.append(_("An objection has not been answered."))
    return [str(blocker) for blocker in blockers]


def _put_into_effect(locked, actor, at):
    """What an approval changes beyond the application: the listing, or the merchant's record."""
    organization = locked.organization
    from_status = organization.listing_status
    if locked.kind == ApplicationKind.CHANGE:
        changes = locked.proposed_changes
        for field in ("name", "name_en"):
            if field in changes:
                setattr(organization, field, changes[field])
        organization.save()
        if "category_codes" in changes:
            organization.categories.set(Category.objects.filter(code__in=changes["category_codes"]))
        return
    if from_status in (ListingStatus.UNLISTED, ListingStatus.EXPIRED):
        registry.list_organization(organization, at=at, actor=actor, reason=str(locked.get_kind_display()))
        _record_listing(
            organization,
            actor=actor,
            action=ListingAction.LISTED,
            from_status=from_status,
            reason=str(locked.get_kind_display()),
            application=locked,
        )


@transaction.atomic
def approve_application(application, actor, reasons: str = "") -> Application:
    locked = _lock(application)
    _require(actor, "licensing.decide_application", locked)
    _already_decided(locked)
    if locked.state not in (ApplicationState.UNDER_REVIEW, ApplicationState.PUBLIC_NOTICE):
        _refuse_state(locked)
    today = clock_source.today()
    blockers = _approval_blockers(locked, today)
    if blockers:
        raise LicensingError(_("The application cannot be approved yet."), blockers)
    if locked.state == ApplicationState.PUBLIC_NOTICE and locked.notice_closed_at is None:
        _close_notice(locked, actor)
    from_state = locked.state
    _move(locked, "approve")
    now = clock_source.now()
    locked.decided_at, locked.decided_by = now, actor
    locked.decision_reasons = reasons.strip()
    _put_into_effect(locked, actor, now)
    _record(locked, actor=actor, action=EventAction.APPROVED, from_state=from_state, reason=reasons.strip())
    return _sync(application, locked)


@transaction.atomic
def reject_application(application, actor, reasons: str) -> Application:
    """Art. 38: a rejection gives its reasons and the applicant's rights of review, in their language."""
    locked = _lock(application)
    _require(actor, "licensing.decide_application", locked)
    _already_decided(locked)
    reasons = _require_text(reasons, _("Give the reasons for the rejection."))
    from_state = locked.state
    _move(locked, "reject")
    locked.decided_at, locked.decided_by = clock_source.now(), actor
    locked.decision_reasons = reasons
    with translation.override(language_of(locked.applicant)):
        locked.remedies_statement = rights_of_review()
    locked.clock_pauses.filter(ended_at__isnull=True).update(ended_at=locked.decided_at)
    _record(
        locked,
        actor=actor,
        action=EventAction.REJECTED,
        from_state=from_state,
        reason=f"{reasons}\n\n{locked.remedies_statement}",
    )
    return _sync(application, locked)


def _change_listing(organization, actor, reason, *, change, action) -> Organization:
    _require(actor, "licensing.change_listing_status", organization)
    reason = _require_text(reason, _("Give the reason; the merchant will see it."))
    with transaction.atomic():
        from_status = Organization.objects.select_for_update().get(pk=organization.pk).listing_status
        try:
            changed = change(organization, at=clock_source.now(), actor=actor, reason=reason)
        except registry.ListingError as error:
            raise LicensingError(error.message) from error
        _record_listing(changed, actor=actor, action=action, from_status=from_status, reason=reason)
    return changed


def suspend_listing(organization, actor, reason: str) -> Organization:
    return _change_listing(
        organization, actor, reason, change=registry.suspend_listing, action=ListingAction.SUSPENDED
    )


def reinstate_listing(organization, actor, reason: str) -> Organization:
    return _change_listing(
        organization, actor, reason, change=registry.reinstate_listing, action=ListingAction.REINSTATED
    )


def revoke_listing(organization, actor, reason: str) -> Organization:
    return _change_listing(
        organization, actor, reason, change=registry.revoke_listing, action=ListingAction.REVOKED
    )


# ---------------------------------------------------------------- acts of the law, run by the lifecycle jobs


def deem_accepted_overdue_submissions(today=None) -> int:
    """Art. 32: material not acted on within 5 working days counts as accepted on the day it was received."""
    today = today or clock_source.today()
    accepted = 0
    for application in Application.objects.filter(state__in=AWAITING_ACCEPTANCE):
        with transaction.atomic():
            locked = _lock(application)
            if locked.state not in AWAITING_ACCEPTANCE or not clocks.acceptance_clock(locked, today).overdue:
                continue
            from_state = locked.state
            _move(locked, "accept")
            locked.accepted_at = locked.received_at
            locked.accepted_by_law = True
            _record(
                locked,
                actor=None,
                action=EventAction.ACCEPTED_BY_LAW,
                from_state=from_state,
                reason=str(_("Not acted on within 5 working days (Art. 32).")),
            )
            accepted += 1
    return accepted


def close_ended_public_notices(today=None) -> int:
    today = today or clock_source.today()
    closed = 0
    ended = Application.objects.filter(
        state=ApplicationState.PUBLIC_NOTICE, notice_closed_at__isnull=True, notice_ends_on__lt=today
    )
    for application in ended:
        with transaction.atomic():
            locked = _lock(application)
            if locked.state != ApplicationState.PUBLIC_NOTICE or locked.notice_closed_at is not None:
                continue
            _close_notice(locked, None)
            closed += 1
    return closed


def grant_undecided_renewals(today=None) -> int:
    """Art. 50: a renewal asked for in time (30 days before expiry) and undecided when the old licence expires
    counts as granted; the renewed licence it carries comes into force.
    """
    today = today or clock_source.today()
    granted = 0
    candidates = Application.objects.undecided().filter(
        kind=ApplicationKind.RENEWAL, renewed_licence__valid_to__lt=today
    )
    for application in candidates:
        with transaction.atomic():
            locked = _lock(application)
            if locked.state not in UNDECIDED:
                continue
            expiry = locked.renewed_licence.valid_to
            if (expiry - clocks.local_date(locked.submitted_at)).days < RENEWAL_NOTICE_DAYS:
                continue
            from_state = locked.state
            _move(locked, "grant_by_law")
            now = clock_source.now()
            locked.decided_at = now
            locked.clock_pauses.filter(ended_at__isnull=True).update(ended_at=now)
            _put_into_effect(locked, None, now)
            _record(
                locked,
                actor=None,
                action=EventAction.GRANTED_BY_LAW,
                from_state=from_state,
                reason=str(_("Not decided before the licence expired (Art. 50).")),
            )
            granted += 1
    return granted


def lapsed_licence_types(organization, today) -> list[LicenceType]:
    """Licence types the merchant's categories require and that no licence in force covers today."""
    required = LicenceType.objects.filter(required_for_categories__organizations=organization).distinct()
    in_force = set(
        Licence.objects.in_force(today)
        .filter(organization=organization)
        .values_list("licence_type", flat=True)
    )
    return [licence_type for licence_type in required if licence_type.pk not in in_force]


def expire_lapsed_listings(today=None) -> int:
    """A listing ends when a licence it requires lapses, unless a renewal of it is pending: a renewal keeps
    the listing active while it is decided (and `grant_undecided_renewals` first grants those asked for in
    time).
    """
    today = today or clock_source.today()
    expired = 0
    listed = Organization.objects.filter(listing_status__in=[ListingStatus.ACTIVE, ListingStatus.SUSPENDED])
    for organization in listed:
        lapsed = lapsed_licence_types(organization, today)
        if not lapsed:
            continue
        if (
            Application.objects.undecided()
            .filter(
                organization=organization,
                kind=ApplicationKind.RENEWAL,
                renewed_licence__licence_type__in=lapsed,
            )
            .exists()
        ):
            continue
        reason = str(
            _("Licence no longer in force: %(types)s") % {"types": ", ".join(str(item) for item in lapsed)}
        )
        with transaction.atomic():
            from_status = Organization.objects.select_for_update().get(pk=organization.pk).listing_status
            if from_status not in (ListingStatus.ACTIVE, ListingStatus.SUSPENDED):
                continue  # changed by someone else meanwhile
            registry.expire_listing(organization, at=clock_source.now(), reason=reason)
            _record_listing(
                organization, actor=None, action=ListingAction.EXPIRED, from_status=from_status, reason=reason
            )
            expired += 1
    return expired
