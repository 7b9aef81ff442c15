"""The acts on reviews and complaints, one function each, for the public pages, the merchant's pages and the
staff admin.

Every act checks who may do it (rules.py) and refuses with a `FeedbackError` (or `NotPermitted`) carrying a
translated message before anything is written. Every change writes an audit event. An act that can change what
a merchant's average counts locks the merchant's row, then counts its published ratings again (ratings.py) and
announces the change after the commit (signals.ratings_changed).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.accounts.rules import works_for_merchant
from market.errors import NotPermitted
from market.events import send_after_commit
from market.feedback import ratings, screening, signals
from market.feedback.errors import FeedbackError
from market.feedback.models import (
    BlockedWord,
    Complaint,
    ComplaintAction,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintEvidence,
    ComplaintOutcome,
    ComplaintState,
    MerchantReply,
    ReportReason,
    ReportResolution,
    Review,
    ReviewAction,
    ReviewEvent,
    ReviewReport,
    ReviewRevision,
    ReviewState,
    ToldHow,
)
from market.guards import move, require, require_text
from market.licensing.calendar import add_working_days
from market.registry.models import ListingStatus, Organization
from market.uploads import check_upload

# The bureau answers a complaint within this many working days of receiving it.
HANDLING_WORKING_DAYS = 15
# What a reviewer may give a merchant to respond, in working days.
DEFAULT_MERCHANT_RESPONSE_WORKING_DAYS = 5
MAXIMUM_MERCHANT_RESPONSE_WORKING_DAYS = 20
MAXIMUM_EVIDENCE_FILES = 5
MAXIMUM_COMPLAINT_CHARACTERS = 3000
MINIMUM_COMPLAINT_CHARACTERS = 10


# ---------------------------------------------------------------- helpers


def _lock_merchant(organization_id: int) -> None:
    """Serialise the changes to one merchant's reviews, so that each recount sees the others' reviews."""
    list(Organization.objects.select_for_update().filter(pk=organization_id).values_list("pk", flat=True))


def _lock_review(review) -> Review:
    return Review.objects.select_for_update().select_related("organization", "location").get(pk=review.pk)


def _lock_complaint(complaint) -> Complaint:
    return Complaint.objects.select_for_update().select_related("organization").get(pk=complaint.pk)


def _text(value, *, missing, maximum, too_long) -> str:
    text = require_text(value, missing, error=FeedbackError)
    if len(text) > maximum:
        raise FeedbackError(too_long % {"maximum": maximum})
    return text


def _review_event(review, actor, action, from_state, reason="") -> ReviewEvent:
    return ReviewEvent.objects.create(
        review=review,
        actor=actor,
        at=clock_source.now(),
        action=action,
        from_state=from_state,
        to_state=review.state,
        reason=reason,
    )


def _complaint_event(complaint, actor, action, from_state, reason="") -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint,
        actor=actor,
        at=clock_source.now(),
        action=action,
        from_state=from_state,
        to_state=complaint.state,
        reason=reason,
    )


def _recount(review, *, also_location_ids=()) -> None:
    ratings.recount(review.organization_id, [review.location_id, *also_location_ids])
    send_after_commit(signals.ratings_changed, Review, organization_ids=[review.organization_id])


def _refresh(instance, locked):
    """Give the caller's copy the state the locked copy was saved with."""
    instance.refresh_from_db()
    return locked


# ---------------------------------------------------------------- reviews


def _rating(value) -> int:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise FeedbackError(_("Choose a rating from 1 to 5 stars."))
    return rating


def _review_text(value) -> str:
    return _text(
        value,
        missing=_("Write a few words about your visit."),
        maximum=screening.MAXIMUM_CHARACTERS,
        too_long=_("Keep your review within %(maximum)d characters."),
    )


def screen_review_text(text: str, *, author, excluding=None) -> list[str]:
    """The automatic checks' flags on a review's words (another's identical words, or the author's own
    elsewhere, count as repeated text)."""

    def duplicates(digest, length) -> bool:
        others = Review.objects.live().filter(fingerprint=digest)
        if excluding is not None:
            others = others.exclude(pk=excluding.pk)
        if length < screening.DUPLICATE_MINIMUM_CHARACTERS:
            others = others.filter(author=author)
        return others.exists()

    blocked = BlockedWord.objects.values_list("word", flat=True)
    return screening.screen(text, blocked_words=list(blocked), duplicates=duplicates)


def review_refusal(author, location) -> str | None:
    """Why this person may not review this outlet now, in words, or None: for pages to say before the form."""
    try:
        _check_may_review(author, location)
    except (FeedbackError, NotPermitted) as refusal:
        return str(refusal)
    return None


def _check_may_review(author, location) -> None:
    if location.organization.listing_status != ListingStatus.ACTIVE:
        raise FeedbackError(_("This outlet's merchant is not on the public register now, so it cannot be rated."))
    if author is not None and works_for_merchant(author, location.organization):
        raise FeedbackError(_("You cannot rate or review your own business."))
    require(
        author,
        "feedback.write_review",
        location,
        message=_("Ratings and reviews are written by residents: sign in with a resident account."),
    )


def own_review(author, location) -> Review | None:
    """The resident's review of the outlet, unless they deleted it."""
    if author is None or not author.is_authenticated:
        return None
    return Review.objects.live().filter(author=author, location=location).first()


@transaction.atomic
def submit_review(author, location, rating, text) -> Review:
    """A resident rates and reviews an outlet: published at once if the automatic checks pass, else held."""
    _check_may_review(author, location)
    rating = _rating(rating)
    text = _review_text(text)
    _lock_merchant(location.organization_id)
    already = _("You have already reviewed this outlet. Edit your review instead of writing a second one.")
    if own_review(author, location) is not None:
        raise FeedbackError(already)
    flags = screen_review_text(text, author=author)
    now = clock_source.now()
    state = ReviewState.PENDING if flags else ReviewState.PUBLISHED
    try:
        with transaction.atomic():
            review = Review.objects.create(
                location=location,
                organization=location.organization,
                author=author,
                rating=rating,
                text=text,
                fingerprint=screening.fingerprint(text),
                state=state,
                screening_flags=flags,
                created_at=now,
                updated_at=now,
                published_at=now if state == ReviewState.PUBLISHED else None,
            )
    except IntegrityError as error:  # the same resident's second review, posted at the same moment
        raise FeedbackError(already) from error
    ReviewRevision.objects.create(review=review, number=1, rating=rating, text=text, written_at=now)
    _review_event(review, author, ReviewAction.SUBMITTED, "", reason=", ".join(screening.describe(flags)))
    if state == ReviewState.PUBLISHED:
        _recount(review)
    return review


@transaction.atomic
def edit_review(review, author, rating, text) -> Review:
    """The author changes their review; the new version is checked again. A review a moderator turned down goes
    back to a moderator whatever the checks say. Every version is kept."""
    require(author, "feedback.change_review", review, message=_("Only the review's author can change it."))
    rating = _rating(rating)
    text = _review_text(text)
    _lock_merchant(review.organization_id)
    locked = _lock_review(review)
    if locked.state == ReviewState.WITHDRAWN:
        raise FeedbackError(_("This review was deleted. Write a new one instead."))
    if (locked.rating, locked.text) == (rating, text):
        raise FeedbackError(_("Nothing has changed in your review."))
    flags = screen_review_text(text, author=author, excluding=locked)
    was = locked.state
    moderator_decided = was in (ReviewState.REJECTED, ReviewState.REMOVED)
    now = clock_source.now()
    if flags or moderator_decided:
        locked.hold()
    else:
        locked.publish()
        locked.published_at = locked.published_at if was == ReviewState.PUBLISHED else now
    locked.rating, locked.text = rating, text
    locked.fingerprint = screening.fingerprint(text)
    locked.screening_flags = flags
    locked.updated_at = now
    locked.save()
    number = locked.revisions.count() + 1
    ReviewRevision.objects.create(review=locked, number=number, rating=rating, text=text, written_at=now)
    reasons = screening.describe(flags)
    if moderator_decided:
        reasons.append(str(_("Edited after a moderator's decision")))
    _review_event(locked, author, ReviewAction.EDITED, was, reason=", ".join(reasons))
    _recount(locked)
    return _refresh(review, locked)


@transaction.atomic
def withdraw_review(review, author) -> Review:
    """The author deletes their review: it leaves the pages and the averages; its history stays for the bureau."""
    require(author, "feedback.change_review", review, message=_("Only the review's author can delete it."))
    _lock_merchant(review.organization_id)
    locked = _lock_review(review)
    was = locked.state
    move(locked, "withdraw", _("This review has already been deleted."), error=FeedbackError)
    locked.updated_at = clock_source.now()
    locked.save()
    _review_event(locked, author, ReviewAction.WITHDRAWN, was)
    _recount(locked)
    return _refresh(review, locked)


@transaction.atomic
def approve_review(review, moderator, note="") -> Review:
    """A moderator publishes a review the automatic checks held back."""
    require(moderator, "feedback.moderate_review", review)
    _lock_merchant(review.organization_id)
    locked = _lock_review(review)
    if locked.state != ReviewState.PENDING:
        raise FeedbackError(_("This review is not waiting for a moderator."))
    locked.publish()
    locked.published_at = clock_source.now()
    locked.moderation_reason = ""
    locked.save()
    _review_event(locked, moderator, ReviewAction.APPROVED, ReviewState.PENDING, reason=(note or "").strip())
    _recount(locked)
    return _refresh(review, locked)


@transaction.atomic
def reject_review(review, moderator, reason) -> Review:
    """A moderator keeps a held review off the pages; the author is told why and may edit it."""
    require(moderator, "feedback.moderate_review", review)
    reason = require_text(reason, _("Tell the author why the review is not published."), error=FeedbackError)
    locked = _lock_review(review)
    move(locked, "reject", _("This review is not waiting for a moderator."), error=FeedbackError)
    locked.moderation_reason = reason
    locked.save()
    _review_event(locked, moderator, ReviewAction.REJECTED, ReviewState.PENDING, reason=reason)
    send_after_commit(signals.review_taken_down, Review, review=locked, reason=reason)
    return _refresh(review, locked)


def _resolve_reports(review, moderator, resolution) -> int:
    return review.reports.filter(resolved_at__isnull=True).update(
        resolved_at=clock_source.now(), resolved_by=moderator, resolution=resolution
    )


@transaction.atomic
def keep_reported_review(review, moderator, note="") -> Review:
    """A moderator read the reports and keeps the review published."""
    require(moderator, "feedback.moderate_review", review)
    locked = _lock_review(review)
    if locked.state != ReviewState.PUBLISHED or not _resolve_reports(locked, moderator, ReportResolution.KEPT):
        raise FeedbackError(_("This review has no report waiting for a decision."))
    _review_event(locked, moderator, ReviewAction.REPORTS_DISMISSED, locked.state, reason=(note or "").strip())
    return _refresh(review, locked)


@transaction.atomic
def remove_review(review, moderator, reason) -> Review:
    """A moderator takes a published review down (after a report, usually); the author is told why."""
    require(moderator, "feedback.moderate_review", review)
    reason = require_text(reason, _("Tell the author why the review is removed."), error=FeedbackError)
    _lock_merchant(review.organization_id)
    locked = _lock_review(review)
    move(locked, "remove", _("Only a published review can be removed."), error=FeedbackError)
    locked.moderation_reason = reason
    locked.save()
    _resolve_reports(locked, moderator, ReportResolution.REMOVED)
    _review_event(locked, moderator, ReviewAction.REMOVED, ReviewState.PUBLISHED, reason=reason)
    _recount(locked)
    send_after_commit(signals.review_taken_down, Review, review=locked, reason=reason)
    return _refresh(review, locked)


@transaction.atomic
def report_review(review, reporter, reason, note="") -> ReviewReport:
    """Anyone reports a published review; it stays up until a moderator decides. `reporter` is None for a visitor."""
    if reporter is not None and not reporter.is_authenticated:
        reporter = None
    if reporter is not None:
        require(reporter, "feedback.report_review", review, message=_("You cannot report your own review."))
    if reason not in ReportReason.values:
        raise FeedbackError(_("Choose what is wrong with the review."))
    locked = _lock_review(review)
    if locked.state != ReviewState.PUBLISHED:
        raise FeedbackError(_("This review is not published, so there is nothing to report."))
    if reporter is not None and locked.reports.filter(reporter=reporter, resolved_at__isnull=True).exists():
        raise FeedbackError(_("You have already reported this review. A moderator will look at it."))
    note = (note or "").strip()[:1000]
    report = ReviewReport.objects.create(
        review=locked, reporter=reporter, reason=reason, note=note, reported_at=clock_source.now()
    )
    _review_event(locked, reporter, ReviewAction.REPORTED, locked.state, reason=ReportReason(reason).label)
    return report


@transaction.atomic
def reply_to_review(review, merchant_user, text) -> MerchantReply:
    """The merchant answers a published review of its outlet, once and in public."""
    require(
        merchant_user,
        "feedback.reply_to_review",
        review,
        message=_("Only the merchant whose outlet was reviewed can reply."),
    )
    text = _text(
        text,
        missing=_("Write your reply."),
        maximum=screening.MAXIMUM_CHARACTERS,
        too_long=_("Keep your reply within %(maximum)d characters."),
    )
    locked = _lock_review(review)
    if locked.state != ReviewState.PUBLISHED:
        raise FeedbackError(_("You can reply to a published review only."))
    if MerchantReply.objects.filter(review=locked).exists():
        raise FeedbackError(_("You have already replied to this review. A merchant replies once to each review."))
    if screening.LINK.search(screening.normalise(text)):
        raise FeedbackError(_("Replies cannot contain links. Give your phone number or address in words instead."))
    if screening.blocked_words_in(text, BlockedWord.objects.values_list("word", flat=True)):
        raise FeedbackError(_("Your reply contains words that are not allowed on Linli. Please rephrase it."))
    try:
        with transaction.atomic():
            reply = MerchantReply.objects.create(
                review=locked, author=merchant_user, text=text, created_at=clock_source.now()
            )
    except IntegrityError as error:
        raise FeedbackError(
            _("You have already replied to this review. A merchant replies once to each review.")
        ) from error
    _review_event(locked, merchant_user, ReviewAction.REPLIED, locked.state)
    send_after_commit(signals.review_replied, Review, review=locked, reply=reply)
    return reply


# ---------------------------------------------------------------- complaints


def complaint_due_on(received_on) -> object:
    """The date by which the bureau answers: HANDLING_WORKING_DAYS working days after receipt."""
    return add_working_days(received_on, HANDLING_WORKING_DAYS)


def _check_evidence(evidence) -> list:
    files = [upload for upload in evidence or [] if upload]
    if len(files) > MAXIMUM_EVIDENCE_FILES:
        raise FeedbackError(
            _("Attach at most %(count)d files; choose the ones that show the problem best.")
            % {"count": MAXIMUM_EVIDENCE_FILES}
        )
    for upload in files:
        try:
            check_upload(upload)
        except ValidationError as error:
            raise FeedbackError(error.messages[0]) from error
    return files


@transaction.atomic
def file_complaint(
    *,
    organization,
    category,
    description,
    complainant=None,
    location=None,
    contact_name="",
    contact_phone="",
    contact_email="",
    evidence=(),
) -> Complaint:
    """A resident, or a visitor who leaves a phone number or an e-mail address, complains about a merchant."""
    if complainant is not None and not complainant.is_authenticated:
        complainant = None
    if organization.listed_at is None:
        raise FeedbackError(_("This business has never been listed on Linli; call the 12345 hotline about it."))
    if complainant is not None:
        require(complainant, "feedback.file_complaint", organization, _("You cannot complain about your own business."))
    if location is not None and location.organization_id != organization.pk:
        raise FeedbackError(_("Choose one of this merchant's outlets."))
    if category not in ComplaintCategory.values:
        raise FeedbackError(_("Choose what the complaint is about."))
    description = _text(
        description,
        missing=_("Describe what happened: when, where and what went wrong."),
        maximum=MAXIMUM_COMPLAINT_CHARACTERS,
        too_long=_("Keep the description within %(maximum)d characters."),
    )
    if len(description) < MINIMUM_COMPLAINT_CHARACTERS:
        raise FeedbackError(_("Describe what happened in a little more detail: when, where and what went wrong."))
    contact_phone, contact_email = (contact_phone or "").strip(), (contact_email or "").strip()
    if complainant is None and not (contact_phone or contact_email):
        raise FeedbackError(_("Give a phone number or an e-mail address so that the bureau can answer you."))
    files = _check_evidence(evidence)
    now = clock_source.now()
    language = getattr(complainant, "preferred_language", "") or get_language() or ""
    complaint = Complaint.objects.create(
        organization=organization,
        location=location,
        complainant=complainant,
        contact_name=(contact_name or "").strip(),
        contact_phone=contact_phone,
        contact_email=contact_email,
        language="en" if language.startswith("en") else "zh-hans",
        category=category,
        description=description,
        received_at=now,
        due_on=complaint_due_on(clock_source.today()),
    )
    for upload in files:
        ComplaintEvidence.objects.create(complaint=complaint, file=upload, uploaded_at=now)
    _complaint_event(complaint, complainant, ComplaintAction.FILED, "")
    send_after_commit(signals.complaint_filed, Complaint, complaint=complaint)
    return complaint


@transaction.atomic
def assign_complaint(complaint, actor, assignee, note="") -> Complaint:
    """A reviewer or approver gives the complaint to a reviewer, who handles it from then on."""
    require(actor, "feedback.assign_complaint", complaint)
    if assignee is None or not assignee.is_active or not assignee.has_perm("feedback.handle_complaint", complaint):
        raise FeedbackError(_("Choose a reviewer who may handle this complaint."))
    locked = _lock_complaint(complaint)
    if not locked.is_open:
        raise FeedbackError(_("This complaint has been answered already."))
    was = locked.state
    if was == ComplaintState.RECEIVED:
        locked.assign()
    elif locked.assignee_id == assignee.pk:
        raise FeedbackError(_("This complaint is already assigned to %(name)s.") % {"name": assignee})
    locked.assignee = assignee
    locked.assigned_at = clock_source.now()
    locked.save()
    reason = str(_("To %(name)s.") % {"name": assignee})
    _complaint_event(locked, actor, ComplaintAction.ASSIGNED, was, reason=f"{reason} {(note or '').strip()}".strip())
    return _refresh(complaint, locked)


@transaction.atomic
def ask_merchant_to_respond(complaint, reviewer, request, working_days=DEFAULT_MERCHANT_RESPONSE_WORKING_DAYS):
    """The bureau sends the merchant its summary of the complaint and a question, to answer within a number of
    working days. The merchant never sees the complaint itself, nor who made it."""
    require(reviewer, "feedback.handle_complaint", complaint)
    request = _text(
        request,
        missing=_("Write what the merchant is asked to explain; do not name the complainant."),
        maximum=MAXIMUM_COMPLAINT_CHARACTERS,
        too_long=_("Keep the request within %(maximum)d characters."),
    )
    try:
        working_days = int(working_days)
    except (TypeError, ValueError):
        working_days = 0
    if not 1 <= working_days <= MAXIMUM_MERCHANT_RESPONSE_WORKING_DAYS:
        raise FeedbackError(
            _("Give the merchant from 1 to %(maximum)d working days to respond.")
            % {"maximum": MAXIMUM_MERCHANT_RESPONSE_WORKING_DAYS}
        )
    locked = _lock_complaint(complaint)
    was = locked.state
    move(locked, "ask_merchant", _("Assign the complaint before asking the merchant."), error=FeedbackError)
    locked.merchant_request = request
    locked.merchant_asked_at = clock_source.now()
    locked.merchant_response_due_on = add_working_days(clock_source.today(), working_days)
    locked.merchant_response = ""
    locked.merchant_responded_at = None
    locked.merchant_responded_by = None
    locked.save()
    _complaint_event(locked, reviewer, ComplaintAction.MERCHANT_ASKED, was, reason=request)
    send_after_commit(signals.merchant_asked_to_respond, Complaint, complaint=locked)
    return _refresh(complaint, locked)


@transaction.atomic
def respond_to_complaint(complaint, merchant_user, response) -> Complaint:
    """The merchant answers the bureau's request (late answers are still taken, and shown as late)."""
    require(
        merchant_user,
        "feedback.respond_to_complaint",
        complaint,
        message=_("Only the merchant the complaint is about can respond to it."),
    )
    response = _text(
        response,
        missing=_("Write your response to the bureau."),
        maximum=MAXIMUM_COMPLAINT_CHARACTERS,
        too_long=_("Keep your response within %(maximum)d characters."),
    )
    locked = _lock_complaint(complaint)
    move(
        locked,
        "record_merchant_response",
        _("The bureau is not waiting for a response from you on this complaint."),
        error=FeedbackError,
    )
    locked.merchant_response = response
    locked.merchant_responded_at = clock_source.now()
    locked.merchant_responded_by = merchant_user
    locked.save()
    _complaint_event(
        locked, merchant_user, ComplaintAction.MERCHANT_RESPONDED, ComplaintState.AWAITING_MERCHANT, reason=response
    )
    return _refresh(complaint, locked)


@transaction.atomic
def record_outcome(complaint, reviewer, outcome, reasons) -> Complaint:
    """The bureau's answer: upheld, partly upheld or not upheld, with reasons the complainant and the merchant
    both read. The complainant is told by e-mail and on their page; one who left only a phone number is called."""
    require(reviewer, "feedback.handle_complaint", complaint)
    if outcome not in ComplaintOutcome.values:
        raise FeedbackError(_("Choose the outcome: upheld, partly upheld or not upheld."))
    reasons = _text(
        reasons,
        missing=_("Give the reasons for the outcome."),
        maximum=MAXIMUM_COMPLAINT_CHARACTERS,
        too_long=_("Keep the reasons within %(maximum)d characters."),
    )
    locked = _lock_complaint(complaint)
    was = locked.state
    move(locked, "close", _("Assign the complaint before recording its outcome."), error=FeedbackError)
    now = clock_source.now()
    locked.outcome = outcome
    locked.outcome_reasons = reasons
    locked.decided_at = now
    locked.decided_by = reviewer
    if locked.complainant_id or locked.contact_email:
        locked.complainant_told_at = now
        locked.complainant_told_how = ToldHow.ONLINE
    locked.save()
    _complaint_event(
        locked,
        reviewer,
        ComplaintAction.OUTCOME_RECORDED,
        was,
        reason=f"{ComplaintOutcome(outcome).label}: {reasons}",
    )
    send_after_commit(signals.complaint_outcome_recorded, Complaint, complaint=locked)
    return _refresh(complaint, locked)


@transaction.atomic
def record_complainant_told_by_phone(complaint, staff, note="") -> Complaint:
    """For a visitor who left only a phone number: the reviewer records the call that gave them the answer."""
    require(staff, "feedback.handle_complaint", complaint)
    locked = _lock_complaint(complaint)
    if locked.state != ComplaintState.CLOSED:
        raise FeedbackError(_("Record the outcome before telling the complainant."))
    if locked.complainant_told_at is not None:
        raise FeedbackError(_("The complainant has been told already."))
    locked.complainant_told_at = clock_source.now()
    locked.complainant_told_how = ToldHow.PHONE
    locked.save()
    _complaint_event(locked, staff, ComplaintAction.COMPLAINANT_TOLD, locked.state, reason=(note or "").strip())
    return _refresh(complaint, locked)


def open_evidence(evidence, user):
    """The evidence file, to staff who may see it; anyone else is refused."""
    require(user, "feedback.view_complaint_evidence", evidence.complaint)
    return evidence.file.open("rb")
