"""Emails about reviews and complaints, one per event, in the language of the person written to.

Each renders `feedback/email/<notice>.txt` and `<notice>_subject.txt`. The receivers call these once the change is
committed. What is written to a merchant is rendered from the merchant's side of the complaint only: its
reference, category, outlet, the bureau's request and the outcome, never who complained or how to reach them.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from market.licensing.language import language_of

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(notice: str, context: dict, *, language: str, to: list[str]) -> None:
    to = list(dict.fromkeys(address for address in to if address))
    if not to:
        return
    with translation.override(language):
        subject = render_to_string(f"feedback/email/{notice}_subject.txt", context).strip()
        body = render_to_string(f"feedback/email/{notice}.txt", context)
    send_mail(subject, body, None, to)


def _complainant_language(complaint) -> str:
    return language_of(complaint.complainant) if complaint.complainant_id else complaint.language


def _complainant_addresses(complaint) -> list[str]:
    return [complaint.contact_email, complaint.complainant.email if complaint.complainant_id else ""]


def _follow_url(complaint, language) -> str:
    with translation.override(language):
        if complaint.complainant_id:
            return site_url(reverse("feedback:complaint", args=[complaint.pk]))
        return site_url(reverse("feedback:track_complaint", args=[complaint.tracking_token]))


def _merchant_side(complaint) -> dict:
    """The only fields of a complaint that an email to the merchant may show."""
    return {
        "reference": complaint.reference,
        "category": complaint.get_category_display(),
        "outlet": complaint.location.name if complaint.location_id else "",
        "received_on": complaint.received_at,
        "request": complaint.merchant_request,
        "due_on": complaint.merchant_response_due_on,
        "outcome": complaint.get_outcome_display(),
        "reasons": complaint.outcome_reasons,
    }


def _to_merchant(notice: str, complaint) -> None:
    organization = complaint.organization
    language = language_of(organization.owner)
    with translation.override(language):
        respond_url = site_url(reverse("feedback:merchant_complaint", args=[complaint.pk]))
    _send(
        notice,
        {"organization": organization, "complaint": _merchant_side(complaint), "respond_url": respond_url},
        language=language,
        to=[organization.owner.email if organization.owner_id else "", organization.email],
    )


def complaint_received(complaint) -> None:
    """The receipt: the reference and the date by which the bureau answers."""
    language = _complainant_language(complaint)
    _send(
        "complaint_received",
        {"complaint": complaint, "follow_url": _follow_url(complaint, language)},
        language=language,
        to=_complainant_addresses(complaint),
    )


def complaint_answered(complaint) -> None:
    language = _complainant_language(complaint)
    _send(
        "complaint_answered",
        {"complaint": complaint, "follow_url": _follow_url(complaint, language)},
        language=language,
        to=_complainant_addresses(complaint),
    )


def merchant_asked_to_respond(complaint) -> None:
    _to_merchant("merchant_asked", complaint)


def merchant_told_outcome(complaint) -> None:
    _to_merchant("merchant_outcome", complaint)


def review_taken_down(review, reason: str) -> None:
    language = language_of(review.author)
    with translation.override(language):
        edit_url = site_url(reverse("feedback:write_review", args=[review.location_id]))
    _send(
        "review_taken_down",
        {"review": review, "reason": reason, "edit_url": edit_url},
        language=language,
        to=[review.author.email],
    )
