"""Emails of flexible work, in the recipient's language: to the resident at each step of an application, to the
merchant when someone applies and when the bureau takes a post down.

Each renders `jobs/email/<notice>.txt` and `<notice>_subject.txt`. The receivers call them after the commit, so
that a refusal or a rolled-back change tells nobody anything.
"""

from market.mail import absolute_url, language_of, send_notice

RESIDENT_NOTICES = {
    "submitted": "application_received",
    "invited": "application_invited",
    "hired": "application_hired",
    "declined": "application_declined",
    "withdrawn": "application_withdrawn",
    "ended": "application_ended",
}


def _send(notice: str, context: dict, *, person, addresses: list[str], link: tuple[str, list]) -> None:
    language = language_of(person)
    url_name, arguments = link
    context = {**context, "person": person, "link": absolute_url(url_name, arguments, language=language)}
    send_notice(f"jobs/email/{notice}", context, language=language, to=addresses)


def application_changed(application) -> None:
    """The resident hears of each step of their application."""
    notice = RESIDENT_NOTICES.get(application.state)
    if notice is None:
        return
    resident = application.resident
    _send(
        notice,
        {"application": application, "post": application.post, "organization": application.post.organization},
        person=resident,
        addresses=[resident.email],
        link=("jobs:application", [application.pk]),
    )


def new_applicant(application) -> None:
    """The merchant hears that someone applied (the details are on its page, not in the email)."""
    organization = application.post.organization
    owner = organization.owner
    _send(
        "new_applicant",
        {"application": application, "post": application.post, "organization": organization},
        person=owner,
        addresses=[getattr(owner, "email", ""), organization.email],
        link=("jobs:merchant_post", [application.post.pk]),
    )


def post_taken_down(post, reason: str) -> None:
    organization = post.organization
    owner = organization.owner
    _send(
        "post_taken_down",
        {"post": post, "organization": organization, "reason": reason},
        person=owner,
        addresses=[getattr(owner, "email", ""), organization.email],
        link=("jobs:merchant_post", [post.pk]),
    )
