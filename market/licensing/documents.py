"""The written documents of the licensing workflow, as PDFs a bureau can print and file.

Each is rendered from a template under `licensing/documents/` by WeasyPrint, set in Debian's Noto CJK fonts
(embedded in the PDF), stored in private storage and recorded as an `OfficialDocument`: never overwritten (a new
version is a new record), its SHA-256 written into the application's audit trail. They are issued inside the act's
transaction, so an act and its document are recorded together or not at all, and the email sent after the commit
attaches them.

The documents are in Chinese, the language of the bureau's official record.
"""

import base64
import datetime
import hashlib
import logging

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from market import clock_source
from market.licensing import clocks, fees
from market.licensing.case_numbers import ensure_case_number
from market.licensing.models import (
    ApplicationEvent,
    ApplicationKind,
    DocumentKind,
    EventAction,
    LicensingAuthority,
    OfficialDocument,
)

# WeasyPrint reports each step of every document at INFO; only its warnings matter here.
logging.getLogger("weasyprint").setLevel(logging.WARNING)

# The title printed on each document and the mark its number carries.
TITLES = {
    DocumentKind.ACCEPTANCE: ("受理通知书", "受"),
    DocumentKind.CORRECTION: ("补正材料通知书", "补"),
    DocumentKind.NON_ACCEPTANCE: ("不予受理决定书", "不受"),
    DocumentKind.EXTENSION: ("延期通知书", "延"),
    DocumentKind.APPROVAL: ("准予行政许可决定书", "准"),
    DocumentKind.REJECTION: ("不予行政许可决定书", "不准"),
    DocumentKind.CERTIFICATE: ("社区服务商户登记证书", "证"),
}
KIND_NAMES = {
    ApplicationKind.NEW: "社区服务商户登记",
    ApplicationKind.RENEWAL: "社区服务商户登记延续",
    ApplicationKind.CHANGE: "社区服务商户登记事项变更",
}


def chinese_date(value) -> str:
    """2026年11月20日, as official documents write dates."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return f"{value.year}年{value.month}月{value.day}日"


def register_url(organization) -> str:
    """The merchant's public register entry, in the site's default language (Chinese)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("registry:merchant_detail", args=[organization.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    return svg if svg.startswith("data:") else "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # loaded when a document is issued: it brings Pango with it

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _context(application, kind, number, issued_at, extra) -> dict:
    organization = application.organization
    title, _mark = TITLES[kind]
    return {
        "title": title,
        "number": number,
        "issued_on": chinese_date(issued_at),
        "authority": LicensingAuthority.load(),
        "application": application,
        "organization": organization,
        "kind_name": KIND_NAMES[application.kind],
        "case_number": application.case_number,
        "received_on": chinese_date(application.received_at or application.submitted_at),
        "submitted_on": chinese_date(application.submitted_at),
        "accepted_on": chinese_date(application.accepted_at),
        "decided_on": chinese_date(application.decided_at),
        "outlets": organization.locations.select_related("district", "subdistrict", "community").order_by("pk"),
        "categories": "、".join(category.name for category in organization.categories.all()),
        **extra,
    }


def issue(application, kind: str, actor=None, **extra) -> OfficialDocument:
    """Render, store and record one written document for a locked application, inside the act's transaction."""
    now = clock_source.now()
    ensure_case_number(application, timezone.localdate(now).year)
    title, mark = TITLES[kind]
    version = OfficialDocument.objects.filter(application=application, kind=kind).count() + 1
    number = f"{application.case_number}-{mark}" + (f"-{version}" if version > 1 else "")
    with translation.override("zh-hans"):
        pdf = render_pdf(f"licensing/documents/{kind}.html", _context(application, kind, number, now, extra))
    digest = hashlib.sha256(pdf).hexdigest()
    document = OfficialDocument(
        application=application, kind=kind, number=number, version=version, issued_at=now, issued_by=actor,
        sha256=digest,
    )
    document.file.save(f"{kind}.pdf", ContentFile(pdf), save=False)
    document.save()
    application.save(update_fields=["case_number"])
    ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        at=now,
        action=EventAction.DOCUMENT_ISSUED,
        from_state=application.state,
        to_state=application.state,
        reason=f"{title} {number}\nSHA-256 {digest}",
    )
    return document


# ---------------------------------------------------------------- what each act issues


def decision_due_on(application):
    clock = clocks.decision_clock(application, clock_source.today())
    return chinese_date(clock.due_on) if clock.due_on else ""


def issue_acceptance(application, actor=None) -> OfficialDocument:
    return issue(
        application,
        DocumentKind.ACCEPTANCE,
        actor,
        decide_by=decision_due_on(application),
        notice_days=application.public_notice_working_days(),
        notice_stops_clock=application.notice_stops_decision_clock(),
        by_law=application.accepted_by_law,
        fee=fees.fee_of(application),
    )


def issue_correction_notice(application, request, actor) -> OfficialDocument:
    return issue(application, DocumentKind.CORRECTION, actor, request=request)


def issue_non_acceptance(application, actor, reasons: str) -> OfficialDocument:
    return issue(application, DocumentKind.NON_ACCEPTANCE, actor, reasons=reasons)


def issue_extension(application, actor) -> OfficialDocument:
    return issue(application, DocumentKind.EXTENSION, actor, decide_by=decision_due_on(application))


def issue_approval(application, actor, licences=()) -> list[OfficialDocument]:
    """The decision to grant and, for a listing, its certificate with the QR code of the register entry."""
    documents = [issue(application, DocumentKind.APPROVAL, actor, licences=licences)]
    url = register_url(application.organization)
    documents.append(
        issue(application, DocumentKind.CERTIFICATE, actor, register_url=url, qr_code=qr_data_uri(url))
    )
    return documents


def issue_rejection(application, actor) -> OfficialDocument:
    return issue(application, DocumentKind.REJECTION, actor)
