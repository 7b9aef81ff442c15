"""Emails to the merchant at each step of their application and listing, one per event, in their language.

Each function renders `licensing/email/<notice>.txt` and `<notice>_subject.txt` through market/mail.py.
"""

from market import clock_source
from market.licensing import clocks
from market.licensing.models import Application, ClockPause, DocumentKind, InformationRequest, OfficialDocument
from market.mail import absolute_url, language_of, send_notice


def recipients(organization, *people) -> list[str]:
    addresses = [person.email for person in people if person is not None] + [organization.email]
    return list(dict.fromkeys(address for address in addresses if address))


def _send(notice: str, context: dict, *, language: str, to: list[str], documents=()) -> None:
    context = {**context, "account_url": absolute_url("accounts:home", language=language), "documents": documents}
    attachments = []
    for document in documents:
        with document.file.open("rb") as pdf:
            attachments.append((f"{document.number}.pdf", pdf.read(), "application/pdf"))
    send_notice(f"licensing/email/{notice}", context, language=language, to=to, attachments=attachments)


def latest_documents(application: Application, *kinds) -> list[OfficialDocument]:
    """The newest written document of each kind, to attach to the email that announces it."""
    found = []
    for kind in kinds:
        document = application.documents.filter(kind=kind).order_by("-version").first()
        if document is not None:
            found.append(document)
    return found


def _to_applicant(notice: str, application: Application, documents=(), **context) -> None:
    organization = application.organization
    _send(
        notice,
        {"application": application, "organization": organization, **context},
        language=language_of(application.applicant),
        to=recipients(organization, application.applicant),
        documents=documents,
    )


def application_received(application: Application) -> None:
    """The receipt for a submission or a resubmission, with the date by which the bureau must accept."""
    clock = clocks.acceptance_clock(application, clock_source.today())
    _to_applicant("received", application, accept_by=clock.due_on)


def application_accepted(application: Application) -> None:
    clock = clocks.decision_clock(application, clock_source.today())
    _to_applicant(
        "accepted",
        application,
        decide_by=clock.due_on,
        documents=latest_documents(application, DocumentKind.ACCEPTANCE),
    )


def information_requested(application: Application) -> None:
    """Everything the bureau still needs, listed at once (一次性告知)."""
    request = application.information_requests.filter(answered_at__isnull=True).latest("requested_at")
    _to_applicant(
        "information_requested",
        application,
        request=request,
        pauses_decision=request.stage == InformationRequest.Stage.REVIEW,
        documents=latest_documents(application, DocumentKind.CORRECTION),
    )


def decision_period_extended(application: Application) -> None:
    clock = clocks.decision_clock(application, clock_source.today())
    _to_applicant(
        "extended", application, decide_by=clock.due_on, documents=latest_documents(application, DocumentKind.EXTENSION)
    )


def decision_clock_paused(application: Application) -> None:
    """Art. 45: the applicant is told in writing that an inspection, hearing or expert review stops the clock."""
    pause = (
        ClockPause.objects.filter(application=application, information_request__isnull=True)
        .order_by("-started_at", "-pk")
        .first()
    )
    _to_applicant("paused", application, pause=pause)


def public_notice_opened(application: Application) -> None:
    _to_applicant("notice_opened", application)


def public_notice_closed(application: Application) -> None:
    _to_applicant("notice_closed", application)


def application_approved(application: Application) -> None:
    organization = application.organization
    listing_url = absolute_url(
        "registry:merchant_detail", [organization.pk], language=language_of(application.applicant)
    )
    _to_applicant(
        "approved",
        application,
        listing_url=listing_url,
        documents=latest_documents(application, DocumentKind.APPROVAL, DocumentKind.CERTIFICATE),
    )


def application_rejected(application: Application) -> None:
    _to_applicant("rejected", application, documents=latest_documents(application, DocumentKind.REJECTION))


def application_not_accepted(application: Application) -> None:
    """Art. 32: the decision not to accept, with its reasons and the rights of review, in writing."""
    _to_applicant("not_accepted", application, documents=latest_documents(application, DocumentKind.NON_ACCEPTANCE))


def listing_changed(notice: str, organization, reason: str) -> None:
    """Suspended, reinstated or revoked: `notice` names the template, `reason` is what the approver wrote."""
    _send(
        notice,
        {"organization": organization, "reason": reason},
        language=language_of(organization.owner),
        to=recipients(organization, organization.owner),
    )
