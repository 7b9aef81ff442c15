"""The acts of flexible work, one function each, for the merchant's and resident's pages, the staff admin and the
demo; and the queries the public pages read.

Every act checks who may do it (rules.py) and refuses with a `JobsError` carrying a translated message before
anything is written (or inside the transaction that then rolls back). Acts that count places lock the post row,
so that two hires at once cannot take the last place twice. Each change is announced after the commit
(signals.py), and the receivers send the emails.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts.models import Eligibility
from market.events import send_after_commit
from market.guards import move, require, require_text
from market.jobs import signals
from market.jobs.errors import JobsError
from market.jobs.models import (
    PENDING_STATES,
    PRIORITY_GROUP_CODES,
    DistrictMinimumWage,
    JobApplication,
    JobApplicationState,
    JobKind,
    JobPost,
    JobPostState,
    JobsSettings,
    PayUnit,
    hourly_equivalent,
    validate_cv_file,
)
from market.phone_numbers import is_phone_number
from market.registry.models import ListingStatus, Organization

# Labour Contract Law Art. 68: part-time work (非全日制用工) is on average at most 4 hours a day, 24 a week.
PART_TIME_HOURS_A_DAY = Decimal(4)
PART_TIME_HOURS_A_WEEK = Decimal(24)
HIRED = JobApplicationState.HIRED


def jobs_settings() -> JobsSettings:
    return JobsSettings.load()


def minimum_hourly_wage(district) -> tuple[Decimal, str]:
    """The minimum hourly wage for part-time work where the outlet is, and the notice it comes from."""
    own = DistrictMinimumWage.objects.filter(district=district).first() if district is not None else None
    if own is not None:
        return own.hourly_minimum, own.source
    city = jobs_settings()
    return city.minimum_hourly_wage, city.minimum_wage_source


def is_priority_resident(user, day: datetime.date | None = None) -> bool:
    """Verified as registered unemployed or laid-off today (an eligibility of the discount tracker)."""
    if user is None or not user.is_authenticated:
        return False
    day = day or clock_source.today()
    return (
        Eligibility.objects.valid_on(day).filter(resident=user, group__code__in=PRIORITY_GROUP_CODES).exists()
    )


def _local(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "Y-m-d H:i")


# ---------------------------------------------------------------- queries for the pages


def with_places_taken(posts: QuerySet) -> QuerySet:
    return posts.annotate(hires=Count("applications", filter=Q(applications__state=HIRED), distinct=True))


def public_posts(moment: datetime.datetime | None = None) -> QuerySet:
    """Posts on the jobs page, the feed and merchant pages: open, not past their end, of a listed merchant."""
    moment = moment or clock_source.now()
    posts = JobPost.objects.public(timezone.localdate(moment)).select_related(
        "organization", "location__district", "location__subdistrict", "category"
    )
    return with_places_taken(posts)


def open_to(user, posts: QuerySet, moment: datetime.datetime | None = None) -> QuerySet:
    """Of these public posts, those the user could apply to now: a place left, and past the priority window
    unless the user is a verified registered-unemployed resident."""
    moment = moment or clock_source.now()
    posts = posts.filter(hires__lt=F("places"))
    if not is_priority_resident(user, timezone.localdate(moment)):
        posts = posts.filter(priority_until__lte=moment)
    return posts


def own_posts(user) -> QuerySet:
    return with_places_taken(
        JobPost.objects.filter(organization__owner=user).select_related("organization", "location", "category")
    ).annotate(
        waiting=Count(
            "applications", filter=Q(applications__state=JobApplicationState.SUBMITTED), distinct=True
        )
    )


def listed_organizations_of(user) -> QuerySet:
    return Organization.objects.filter(owner=user, listing_status=ListingStatus.ACTIVE).order_by("name", "pk")


def own_applications(resident) -> QuerySet:
    return JobApplication.objects.filter(resident=resident).select_related(
        "post__organization", "post__location__district"
    )


def applications_to(post: JobPost, viewer) -> QuerySet:
    """The applicants of a post, for its merchant only: anyone else is refused."""
    require(viewer, "jobs.manage_post", post)
    return post.applications.select_related("resident").order_by("-priority_applicant", "applied_at", "pk")


# ---------------------------------------------------------------- posts


def _refuse_outside(value, low, high, message, field):
    if value is None or not (low <= value <= high):
        raise JobsError(message, field=field)


def check_terms(post: JobPost, *, today: datetime.date, new: bool, hires: int = 0) -> None:
    """Everything a post must say and respect, in the order a merchant fills the form."""
    organization = post.organization
    if organization.listing_status != ListingStatus.ACTIVE:
        raise JobsError(_("Your business must be listed on the public register before it can post jobs."))
    if post.location_id is None or post.location.organization_id != organization.pk:
        raise JobsError(_("Choose one of this business's own outlets."), field="location")
    require_text(post.title, _("Give the post a title."), JobsError)
    if post.category_id is None:
        raise JobsError(_("Choose the category of the work."), field="category")
    if post.kind not in JobKind.values:
        raise JobsError(_("Choose the kind of work."), field="kind")
    require_text(post.shifts, _("Say when the work is done: the hours or shifts."), JobsError)
    _refuse_outside(
        post.hours_per_day,
        Decimal("0.5"),
        Decimal(12),
        _("Give the hours of a working day, from half an hour to 12 hours."),
        "hours_per_day",
    )
    _refuse_outside(post.days_per_week, 1, 7, _("Give the days a week, from 1 to 7."), "days_per_week")
    if post.kind == JobKind.PART_TIME and (
        post.hours_per_day > PART_TIME_HOURS_A_DAY or post.hours_per_day * post.days_per_week > PART_TIME_HOURS_A_WEEK
    ):
        raise JobsError(
            _(
                "Part-time work is at most 4 hours a day and 24 hours a week (Labour Contract Law, Art. 68). "
                "Give fewer hours, or choose hourly or seasonal work."
            ),
            field="hours_per_day",
        )
    if post.pay_unit not in PayUnit.values or post.pay_amount is None or post.pay_amount <= 0:
        raise JobsError(_("Give the pay in yuan, per hour or per day."), field="pay_amount")
    _check_minimum_wage(post)
    if post.starts_on is None or post.ends_on is None:
        raise JobsError(_("Give the start and end dates."), field="starts_on")
    if post.ends_on < post.starts_on:
        raise JobsError(_("The end date is before the start date."), field="ends_on")
    if post.ends_on < today:
        raise JobsError(_("The end date has passed."), field="ends_on")
    if new and post.starts_on < today:
        raise JobsError(_("The start date has passed: give today or a later day."), field="starts_on")
    _refuse_outside(post.places, 1, 500, _("Give the number of places, from 1 to 500."), "places")
    if post.places < hires:
        raise JobsError(
            _("%(hires)d people are already hired for this post: the places cannot be fewer.") % {"hires": hires},
            field="places",
        )
    require_text(post.description, _("Say what the work involves."), JobsError)


def _check_minimum_wage(post: JobPost) -> None:
    """Art. 72 of the Labour Contract Law: pay for part-time work is never below the local minimum hourly wage."""
    minimum, source = minimum_hourly_wage(post.location.district)
    hourly = hourly_equivalent(post.pay_amount, post.pay_unit, post.hours_per_day)
    if hourly >= minimum:
        return
    if post.pay_unit == PayUnit.DAY:
        message = _(
            "¥%(pay)s a day for %(hours)s hours is ¥%(hourly)s an hour, below the minimum hourly wage of "
            "¥%(minimum)s in %(district)s. Raise the pay or give fewer hours."
        ) % {
            "pay": post.pay_amount,
            "hours": post.hours_per_day.normalize(),
            "hourly": hourly,
            "minimum": minimum,
            "district": post.location.district.display_name,
        }
    else:
        message = _(
            "¥%(hourly)s an hour is below the minimum hourly wage of ¥%(minimum)s in %(district)s. Raise the pay."
        ) % {"hourly": hourly, "minimum": minimum, "district": post.location.district.display_name}
    problems = [_("Source: %(source)s") % {"source": source}] if source else []
    raise JobsError(message, problems=problems, field="pay_amount")


@transaction.atomic
def publish_post(post: JobPost, actor) -> JobPost:
    """A merchant publishes a new post (built, unsaved, by the form). For the bureau's priority window only
    verified registered-unemployed residents can apply; then everyone."""
    require(actor, "jobs.publish_post", post.organization)
    today = clock_source.today()
    check_terms(post, today=today, new=True)
    now = clock_source.now()
    post.published_by = actor
    post.published_at = now
    post.priority_until = now + datetime.timedelta(hours=jobs_settings().priority_window_hours)
    post.save()
    send_after_commit(signals.post_changed, JobPost, post=post, actor=actor)
    return post


def _lock_post(post: JobPost) -> JobPost:
    return JobPost.objects.select_for_update().select_related("organization", "location__district").get(pk=post.pk)


def _hires(post: JobPost) -> int:
    return post.applications.filter(state=HIRED).count()


EDITABLE_FIELDS = [
    "location",
    "category",
    "title",
    "kind",
    "shifts",
    "hours_per_day",
    "days_per_week",
    "pay_amount",
    "pay_unit",
    "starts_on",
    "ends_on",
    "places",
    "description",
    "training_given",
]


@transaction.atomic
def update_post(post: JobPost, actor) -> JobPost:
    """The merchant corrects an open post (the form's changes are on `post`); the window and state stay."""
    stored = _lock_post(post)
    require(actor, "jobs.manage_post", stored)
    if stored.state != JobPostState.OPEN:
        raise JobsError(_("Only an open post can be changed."))
    for field in EDITABLE_FIELDS:
        setattr(stored, field, getattr(post, field))
    check_terms(stored, today=clock_source.today(), new=False, hires=_hires(stored))
    stored.save()
    post.refresh_from_db()
    send_after_commit(signals.post_changed, JobPost, post=stored, actor=actor)
    return stored


@transaction.atomic
def close_post(post: JobPost, actor) -> JobPost:
    """The merchant stops taking applications before the end date; those already sent can still be decided."""
    locked = _lock_post(post)
    require(actor, "jobs.manage_post", locked)
    move(locked, "close", _("This post is already closed."), JobsError)
    locked.closed_at = clock_source.now()
    locked.save()
    post.refresh_from_db()
    send_after_commit(signals.post_changed, JobPost, post=locked, actor=actor)
    return locked


@transaction.atomic
def take_down_post(post: JobPost, staff, reason: str) -> JobPost:
    """Bureau staff remove a post that breaks the rules. The merchant is told the reason; the applications still
    waiting end, and their residents are told."""
    locked = _lock_post(post)
    require(staff, "jobs.take_down_post", locked)
    reason = require_text(reason, _("Tell the merchant why the post is taken down."), JobsError)
    move(locked, "take_down", _("This post has already been taken down."), JobsError)
    now = clock_source.now()
    locked.taken_down_at = now
    locked.taken_down_by = staff
    locked.take_down_reason = reason
    locked.save()
    for application in locked.applications.select_for_update().filter(state__in=PENDING_STATES):
        _step(application, "end", None, _("This application has already been decided or withdrawn."))
    send_after_commit(signals.post_taken_down, JobPost, post=locked, actor=staff, reason=reason)
    post.refresh_from_db()
    return locked


# ---------------------------------------------------------------- applying


def refusal_to_apply(post: JobPost, user, moment: datetime.datetime | None = None) -> JobsError | None:
    """Why this user cannot apply to this post now, or None. The post page shows it instead of the button."""
    moment = moment or clock_source.now()
    today = timezone.localdate(moment)
    if post.state == JobPostState.TAKEN_DOWN:
        return JobsError(_("This post was taken down by the bureau and takes no applications."))
    if post.organization.listing_status != ListingStatus.ACTIVE:
        return JobsError(_("This merchant is not listed at the moment, so its posts take no applications."))
    if post.state == JobPostState.CLOSED:
        return JobsError(_("The merchant has closed this post: it takes no more applications."))
    if post.is_expired(today):
        return JobsError(
            _("This post ended on %(date)s and takes no more applications.")
            % {"date": formats.date_format(post.ends_on, "Y-m-d")}
        )
    if _hires(post) >= post.places:
        return JobsError(_("All places of this post are filled."))
    # Someone not signed in may be a verified resident: the page shows the window and asks them to sign in.
    signed_in = user is not None and user.is_authenticated
    if signed_in and post.in_priority_window(moment) and not is_priority_resident(user, today):
        return JobsError(
            _(
                "Until %(time)s this post is open only to residents verified as registered unemployed or "
                "laid-off. Everyone can apply from then."
            )
            % {"time": _local(post.priority_until)}
        )
    if signed_in and _live_application(post, user) is not None:
        return JobsError(_("You have already applied to this post."))
    return None


def _live_application(post, resident) -> JobApplication | None:
    return (
        JobApplication.objects.filter(post=post, resident=resident)
        .exclude(state__in=[JobApplicationState.WITHDRAWN, JobApplicationState.ENDED])
        .first()
    )


@transaction.atomic
def apply(post: JobPost, resident, *, full_name, phone, availability, experience="", cv=None) -> JobApplication:
    """A signed-in resident applies with a short profile and, if they like, a CV (kept in private storage)."""
    require(resident, "jobs.apply", message=_("Only residents can apply for jobs. Sign in with a resident account."))
    locked = _lock_post(post)
    refusal = refusal_to_apply(locked, resident)
    if refusal is not None:
        raise refusal
    full_name = require_text(full_name, _("Give your name."), JobsError)
    phone = require_text(phone, _("Give a mobile phone number the merchant can call."), JobsError)
    if not is_phone_number(phone):
        raise JobsError(_("Give a mobile phone number the merchant can call."), field="phone")
    availability = require_text(availability, _("Say when you can work."), JobsError)
    if cv:
        try:
            validate_cv_file(cv)
        except ValidationError as error:
            raise JobsError(error.messages[0], field="cv") from error
    try:
        with transaction.atomic():
            application = JobApplication.objects.create(
                post=locked,
                resident=resident,
                full_name=full_name,
                phone=phone,
                availability=availability,
                experience=(experience or "").strip(),
                cv=cv or "",
                priority_applicant=is_priority_resident(resident),
                applied_at=clock_source.now(),
            )
    except IntegrityError as error:  # a second tab sent the same application a moment earlier
        raise JobsError(_("You have already applied to this post.")) from error
    _announce(application, None, resident)
    return application


def _announce(application, from_state, actor) -> None:
    send_after_commit(
        signals.application_changed,
        JobApplication,
        application=application,
        from_state=from_state,
        to_state=application.state,
        actor=actor,
    )


def _lock_application(application) -> JobApplication:
    return JobApplication.objects.select_for_update().select_related("post__organization").get(pk=application.pk)


def _step(application: JobApplication, transition: str, actor, refusal, **fields) -> JobApplication:
    from_state = application.state
    move(application, transition, refusal, JobsError)
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()
    _announce(application, from_state, actor)
    return application


NOT_PENDING = _("This application has already been decided or withdrawn.")


@transaction.atomic
def invite(application: JobApplication, merchant, message: str = "") -> JobApplication:
    """The merchant invites the applicant to talk (the message says when and where)."""
    locked = _lock_application(application)
    require(merchant, "jobs.decide_application", locked)
    _step(
        locked,
        "invite",
        merchant,
        _("Only an application that is waiting can be invited."),
        invited_at=clock_source.now(),
        merchant_message=(message or "").strip(),
    )
    application.refresh_from_db()
    return locked


@transaction.atomic
def decline(application: JobApplication, merchant, message: str = "") -> JobApplication:
    locked = _lock_application(application)
    require(merchant, "jobs.decide_application", locked)
    _step(
        locked,
        "decline",
        merchant,
        NOT_PENDING,
        declined_at=clock_source.now(),
        merchant_message=(message or "").strip(),
    )
    application.refresh_from_db()
    return locked


@transaction.atomic
def record_hire(application: JobApplication, merchant) -> JobApplication:
    """The merchant records that it hired the applicant: one of the post's places is taken."""
    locked = _lock_application(application)
    require(merchant, "jobs.decide_application", locked)
    post = _lock_post(locked.post)
    if locked.is_pending and _hires(post) >= post.places:
        raise JobsError(
            _("All %(places)d places of this post are filled. Raise the number of places first if you hire more.")
            % {"places": post.places}
        )
    _step(locked, "hire", merchant, NOT_PENDING, hired_at=clock_source.now())
    application.refresh_from_db()
    return locked


@transaction.atomic
def withdraw(application: JobApplication, resident) -> JobApplication:
    locked = _lock_application(application)
    require(resident, "jobs.withdraw_application", locked)
    _step(
        locked,
        "withdraw",
        resident,
        _("This application can no longer be withdrawn: it has been hired, declined or withdrawn already."),
        withdrawn_at=clock_source.now(),
    )
    application.refresh_from_db()
    return locked


def open_cv(application: JobApplication, viewer):
    """The CV, opened for reading, for the resident who sent it and the post's merchant only."""
    require(viewer, "jobs.view_application", application)
    if not application.cv:
        raise JobsError(_("No CV was sent with this application."))
    return application.cv.open("rb")
