"""The application between submission and decision: the applicant submits, answers requests and may withdraw;
the reviewer assigns, accepts, asks for information, reviews, recommends, runs the public notice with its
objections, pauses the decision clock and records the decision's publication.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.events import send_after_commit
from market.guards import require, require_text
from market.licensing import clocks, documents, fees, signals
from market.licensing.calendar import add_working_days
from market.licensing.case_numbers import ensure_case_number
from market.licensing.errors import LicensingError
from market.licensing.models import (
    AWAITING_ACCEPTANCE,
    IN_DECISION_STAGE,
    Application,
    ApplicationState,
    ClockPause,
    EventAction,
    InformationRequest,
    Objection,
    PauseReason,
    Recommendation,
)
from market.licensing.services.common import (
    _close_notice,
    _lock,
    _move,
    _notice_has_ended,
    _record,
    _refuse_state,
    _sync,
)
from market.licensing.services.drafts import problems_before_submission

# ---------------------------------------------------------------- the applicant's acts


@transaction.atomic
def submit_application(application, actor) -> Application:
    locked = _lock(application)
    require(actor, "licensing.submit_application", locked)
    if locked.state != ApplicationState.DRAFT:
        _refuse_state(locked)
    problems = problems_before_submission(locked)
    if problems:
        raise LicensingError(_("The application is not complete yet."), problems)
    _move(locked, "submit")
    locked.submitted_at = locked.received_at = clock_source.now()
    # The fee of the schedule in force today is the application's from now on, whatever the schedule becomes.
    fees.fix_fee(locked, clock_source.today())
    # The case number is issued at receipt, and is the applicant's reference from now on.
    ensure_case_number(locked, clock_source.today().year)
    _record(
        locked,
        actor=actor,
        action=EventAction.SUBMITTED,
        from_state=ApplicationState.DRAFT,
        reason=locked.case_number,
    )
    return _sync(application, locked)


@transaction.atomic
def answer_information_request(application, actor, answer: str) -> Application:
    """The applicant supplies what was asked (licences uploaded are attached to the application before)."""
    locked = _lock(application)
    require(actor, "licensing.answer_information_request", locked)
    answer = require_text(answer, _("Say what you are supplying."))
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
    _record(locked, actor=actor, action=EventAction.INFORMATION_SUPPLIED, from_state=from_state, reason=answer)
    return _sync(application, locked)


@transaction.atomic
def withdraw_application(application, actor, reason: str = "") -> Application:
    locked = _lock(application)
    require(actor, "licensing.withdraw_application", locked)
    from_state = locked.state
    _move(locked, "withdraw")
    locked.clock_pauses.filter(ended_at__isnull=True).update(ended_at=clock_source.now())
    _record(locked, actor=actor, action=EventAction.WITHDRAWN, from_state=from_state, reason=reason.strip())
    return _sync(application, locked)


# ---------------------------------------------------------------- the reviewer's acts


@transaction.atomic
def assign_application(application, actor, assignee) -> Application:
    locked = _lock(application)
    require(actor, "licensing.assign_application", locked)
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
    require(actor, "licensing.accept_application", locked)
    from_state = locked.state
    _move(locked, "accept")
    locked.accepted_at = clock_source.now()
    _record(locked, actor=actor, action=EventAction.ACCEPTED, from_state=from_state)
    documents.issue_acceptance(locked, actor)
    return _sync(application, locked)


@transaction.atomic
def refuse_to_accept(application, actor, reasons: str) -> Application:
    """Art. 32: an application outside the bureau's remit, or for something that needs no licence, is not accepted;
    the written decision gives the reasons and the rights of review.
    """
    from market.licensing.services.decisions import rights_of_review_for

    locked = _lock(application)
    require(actor, "licensing.accept_application", locked)
    reasons = require_text(reasons, _("Give the reasons for not accepting the application."))
    from_state = locked.state
    _move(locked, "refuse_to_accept")
    locked.decided_at, locked.decided_by = clock_source.now(), actor
    locked.decision_reasons = reasons
    locked.remedies_statement = rights_of_review_for(locked)
    _record(
        locked,
        actor=actor,
        action=EventAction.NOT_ACCEPTED,
        from_state=from_state,
        reason=f"{reasons}\n\n{locked.remedies_statement}",
    )
    documents.issue_non_acceptance(locked, actor, reasons)
    return _sync(application, locked)


@transaction.atomic
def request_information(
    application, actor, missing_items: list[str], note: str = "", corrections: dict | None = None
) -> InformationRequest:
    """Ask for everything missing at once. Before acceptance this sends the application back (补正); during
    review or the public notice it pauses the decision clock until the applicant answers.

    `corrections` names what the applicant may edit in the portal until they answer: the merchant's fields
    ("fields"), outlets ("outlets", by id) and licence scans to replace ("licences", by id).
    """
    from market.licensing.corrections import clean_corrections

    locked = _lock(application)
    require(actor, "licensing.request_information", locked)
    items = [str(item).strip() for item in missing_items if str(item).strip()]
    corrections = clean_corrections(locked, corrections or {})
    items = [*items, *(item for item in corrections_as_items(locked, corrections) if item not in items)]
    if not items:
        raise LicensingError(_("List every missing item."))
    if locked.information_requests.filter(answered_at__isnull=True).exists():
        raise LicensingError(_("A request for information is already open: add to it rather than send another."))
    today = clock_source.today()
    if locked.state in AWAITING_ACCEPTANCE:
        if clocks.acceptance_clock(locked, today).overdue:
            raise LicensingError(
                _("The 5 working days to ask for material have passed: the application counts as accepted.")
            )
        stage = InformationRequest.Stage.ACCEPTANCE
    elif locked.state in (ApplicationState.ACCEPTED, ApplicationState.UNDER_REVIEW, ApplicationState.PUBLIC_NOTICE):
        stage = InformationRequest.Stage.REVIEW
    else:
        _refuse_state(locked)
    now = clock_source.now()
    request = InformationRequest.objects.create(
        application=locked,
        stage=stage,
        missing_items=items,
        corrections=corrections,
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
    documents.issue_correction_notice(locked, request, actor)
    application.refresh_from_db()
    return request


def corrections_as_items(application, corrections: dict) -> list[str]:
    from market.licensing.corrections import describe_corrections

    return describe_corrections(application, corrections)


@transaction.atomic
def start_review(application, actor) -> Application:
    locked = _lock(application)
    require(actor, "licensing.accept_application", locked)
    _move(locked, "start_review")
    if locked.assignee_id is None:
        locked.assignee = actor
    _record(locked, actor=actor, action=EventAction.REVIEW_STARTED, from_state=ApplicationState.ACCEPTED)
    return _sync(application, locked)


def _recommend(application, actor, recommendation, note, action) -> Application:
    locked = _lock(application)
    require(actor, "licensing.recommend_on_application", locked)
    if locked.state != ApplicationState.UNDER_REVIEW:
        _refuse_state(locked)
    if locked.information_requests.filter(answered_at__isnull=True).exists():
        raise LicensingError(_("Wait for the applicant to answer the open request for information."))
    locked.recommendation = recommendation
    locked.recommendation_note = note
    locked.recommended_by = actor
    locked.recommended_at = clock_source.now()
    _record(locked, actor=actor, action=action, from_state=locked.state, reason=note, visible_to_applicant=False)
    return locked


@transaction.atomic
def recommend_approval(application, actor, note: str = "") -> Application:
    """The reviewer's recommendation; where the category has a public notice period, the notice opens now."""
    locked = _recommend(application, actor, Recommendation.APPROVE, note.strip(), EventAction.RECOMMENDED_APPROVAL)
    if locked.public_notice_working_days() > 0:
        _open_notice(locked, actor)
    return _sync(application, locked)


@transaction.atomic
def recommend_rejection(application, actor, note: str) -> Application:
    note = require_text(note, _("Give the reasons for recommending rejection."))
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
    require(actor, "licensing.run_public_notice", locked)
    _open_notice(locked, actor)
    return _sync(application, locked)


@transaction.atomic
def close_public_notice(application, actor=None) -> Application:
    """Close a notice whose period has run (the day after its last day). A job closes them with actor None."""
    locked = _lock(application)
    if actor is not None:
        require(actor, "licensing.run_public_notice", locked)
    if locked.state != ApplicationState.PUBLIC_NOTICE or locked.notice_closed_at is not None:
        _refuse_state(locked)
    if not _notice_has_ended(locked, clock_source.today()):
        raise LicensingError(_("The public notice runs until %(date)s.") % {"date": locked.notice_ends_on})
    _close_notice(locked, actor)
    return _sync(application, locked)


@transaction.atomic
def record_objection(application, objector, text: str) -> Objection:
    locked = _lock(application)
    require(objector, "licensing.object_to_public_notice", locked)
    text = require_text(text, _("Write your objection."))
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
    require(actor, "licensing.answer_objection", locked)
    answer = require_text(answer, _("Write the answer to the objection."))
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.answered_at is not None:
        raise LicensingError(_("This objection has already been answered."))
    objection.answer, objection.answered_by, objection.answered_at = answer, actor, clock_source.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    _record(locked, actor=actor, action=EventAction.OBJECTION_ANSWERED, from_state=locked.state, reason=answer)
    send_after_commit(signals.objection_answered, Application, objection=objection)
    return objection


@transaction.atomic
def pause_for_inspection(application, actor, reason: str, written_notice: str) -> ClockPause:
    """Art. 45: an inspection, hearing or expert review stops the decision clock; the applicant is told in
    writing (`written_notice` is what they were told).
    """
    locked = _lock(application)
    require(actor, "licensing.pause_decision_clock", locked)
    if reason == PauseReason.WAITING_FOR_APPLICANT or reason not in PauseReason.values:
        raise LicensingError(_("Choose inspection, hearing or expert review."))
    written_notice = require_text(written_notice, _("Write what the applicant is told about the pause."))
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
    require(actor, "licensing.pause_decision_clock", locked)
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
    require(actor, "licensing.record_decision_publication", locked)
    if locked.state != ApplicationState.APPROVED or locked.decision_published_at is not None:
        _refuse_state(locked)
    locked.decision_published_at = clock_source.now()
    _record(locked, actor=actor, action=EventAction.DECISION_PUBLISHED, from_state=locked.state)
    return _sync(application, locked)
