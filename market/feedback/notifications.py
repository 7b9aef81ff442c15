"""Emails about reviews and complaints, one per event, in the language of the person written to.

Each renders `feedback/email/<notice>.txt` and `<notice>_subject.txt`. The receivers call these once the change is
committed. What is written to a merchant is rendered from the merchant's side of the complaint only: its
reference, category, outlet, the bureau's request and the outcome, never who complained or how to reach them.
"""

from market.mail import absolute_url, language_of, send_notice


def _send(notice: str, context: dict, *, language: str, to: list[str]) -> None:
    send_notice(f"feedback/email/{notice}", context, language=language, to=to)


def _complainant_language(complaint) -> str:
    return language_of(complaint.complainant) if complaint.complainant_id else complaint.language


def _complainant_addresses(complaint) -> list[str]:
    return [complaint.contact_email, complaint.complainant.email if complaint.complainant_id else ""]


def _follow_url(complaint, language) -> str:
    if complaint.complainant_id:
        return absolute_url("feedback:complaint", [complaint.pk], language=language)
    return absolute_url("feedback:track_complaint", [complaint.tracking_token], language=language)


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
    respond_url = absolute_url("feedback:merchant_complaint", [complaint.pk], language=language)
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
    edit_url = absolute_url("feedback:write_review", [review.location_id], language=language)
    _send(
        "review_taken_down",
        {"review": review, "reason": reason, "edit_url": edit_url},
        language=language,
        to=[review.author.email],
    )
