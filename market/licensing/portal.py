"""What the merchant portal tells an applicant: the steps of their application, its history and what comes next."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from market.licensing.models import Application, ApplicationKind, ApplicationState, EventAction
from market.privacy import A_MEMBER_OF_THE_PUBLIC

S = ApplicationState

STEP_LABELS = {
    "business": _("The business"),
    "categories": _("Categories"),
    "outlets": _("Outlets"),
    "licences": _("Licences"),
    "review": _("Review and submit"),
}
STEPS_BY_KIND = {
    ApplicationKind.NEW: ["business", "categories", "outlets", "licences", "review"],
    ApplicationKind.RENEWAL: ["licences", "review"],
    ApplicationKind.CHANGE: ["review"],
}


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    number: int
    url: str | None
    is_current: bool


def steps_for(application: Application | None, current: str | None = None) -> list[Step]:
    """The steps of an application's kind; before a new application is first saved only the first is reachable."""
    names = STEPS_BY_KIND[application.kind if application else ApplicationKind.NEW]
    steps = []
    for number, name in enumerate(names, start=1):
        if application is not None:
            url = reverse(f"licensing:step_{name}", args=[application.pk])
        else:
            url = reverse("licensing:apply") if name == "business" else None
        steps.append(Step(name, STEP_LABELS[name], number, url, name == current))
    return steps


# Events whose actor is a resident reporting on the merchant (market/privacy.py): the applicant sees that they
# happened, never who.
BY_THE_PUBLIC = {EventAction.OBJECTION_RECORDED}


@dataclass(frozen=True)
class TimelineEntry:
    at: object
    action: str
    from_state: str
    to_state: str
    reason: str
    who: str | None  # None: by law or a scheduled job

    @property
    def changes_state(self) -> bool:
        return self.from_state != self.to_state


def timeline(application: Application) -> list[TimelineEntry]:
    """Every event of the application the applicant may see, oldest first, with who did it: the bureau's staff
    by name, a member of the public never."""
    events = application.events.filter(visible_to_applicant=True).select_related("actor").order_by("at", "pk")
    states = dict(ApplicationState.choices)
    def who(event):
        if event.action in BY_THE_PUBLIC:
            return A_MEMBER_OF_THE_PUBLIC
        return str(event.actor) if event.actor else None

    return [
        TimelineEntry(
            at=event.at,
            action=event.get_action_display(),
            from_state=states.get(event.from_state, event.from_state),
            to_state=states.get(event.to_state, event.to_state),
            reason=event.reason,
            who=who(event),
        )
        for event in events
    ]


@dataclass(frozen=True)
class ObjectionShown:
    """An objection as the applicant sees it: that it was made, what it says, and the answer; never by whom."""

    submitted_at: object
    text: str
    answer: str
    answered_at: object


def objections_for_applicant(application: Application) -> list[ObjectionShown]:
    rows = application.objections.order_by("submitted_at", "pk").values("submitted_at", "text", "answer", "answered_at")
    return [ObjectionShown(**row) for row in rows]


def next_step_for(application: Application, open_request) -> str:
    state = application.state
    if open_request is not None:
        if state == S.NEEDS_INFORMATION:
            return _("Supply every item requested below. The bureau's 5 working days start again when you answer.")
        return _("Supply every item requested below. The decision clock is paused until you answer.")
    if state == S.DRAFT:
        return _("Complete the steps and submit the application. Nothing reaches the bureau before you submit.")
    if state in (S.SUBMITTED, S.RESUBMITTED):
        return _(
            "The bureau checks that your material is complete. Within 5 working days it accepts the application "
            "or asks, once, for everything missing; if it does neither, the application counts as accepted."
        )
    if state in (S.ACCEPTED, S.UNDER_REVIEW):
        return _(
            "A reviewer examines your application. The bureau decides within 20 working days of acceptance "
            "(30 if it extends the period once, with a reason you will see here)."
        )
    if state == S.PUBLIC_NOTICE:
        return _(
            "Your application is on public notice until %(date)s. Anyone may object; the bureau answers every "
            "objection before it decides."
        ) % {"date": application.notice_ends_on}
    if state == S.APPROVED:
        if application.kind == ApplicationKind.CHANGE:
            return _("Approved: the register shows the change.")
        return _("Approved: you are on the public register. Keep your profile and opening hours up to date.")
    if state == S.REJECTED:
        return _("The decision, its reasons and your rights of review are below.")
    return _("This application is closed. You may start a new one at any time.")
