"""Decisions published (双公示): the approvals the bureau has published, as a public page and as open data.

The open data follows the national credit-information standard for administrative licensing
(行政许可信息数据标准, as used by 信用中国): its field codes name the CSV columns and the JSON keys.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from market.licensing.models import (
    Application,
    ApplicationKind,
    ApplicationState,
    DocumentKind,
    Licence,
    LicensingAuthority,
)

# 长期有效 is written as 2099-12-31 in the standard.
NO_END = datetime.date(2099, 12, 31)
KIND_CONTENT = {
    ApplicationKind.NEW: "社区服务商户登记",
    ApplicationKind.RENEWAL: "社区服务商户登记延续",
    ApplicationKind.CHANGE: "社区服务商户登记事项变更",
}
# (code, Chinese name) in the standard's order.
FIELDS = [
    ("XK_XDR_MC", "行政相对人名称"),
    ("XK_XDR_LB", "行政相对人类别"),
    ("XK_XDR_SHXYM", "统一社会信用代码"),
    ("XK_FRDB", "法定代表人"),
    ("XK_XKWS", "行政许可决定文书名称"),
    ("XK_WSH", "行政许可决定文书号"),
    ("XK_XKLB", "许可类别"),
    ("XK_XKZS", "许可证书名称"),
    ("XK_XKBH", "许可编号"),
    ("XK_NR", "许可内容"),
    ("XK_JDRQ", "许可决定日期"),
    ("XK_YXQZ", "有效期自"),
    ("XK_YXQZI", "有效期至"),
    ("XK_XKJG", "许可机关"),
    ("XK_XKJGDM", "许可机关统一社会信用代码"),
    ("XK_ZT", "当前状态"),
    ("XK_LYDW", "数据来源单位"),
    ("XK_LYDWDM", "数据来源单位统一社会信用代码"),
    ("GS_RQ", "公示日期"),
]


def published_decisions():
    return (
        Application.objects.filter(state=ApplicationState.APPROVED, decision_published_at__isnull=False)
        .select_related("organization")
        .prefetch_related("documents", "organization__categories")
        .order_by("-decision_published_at", "-pk")
    )


@dataclass(frozen=True)
class PublishedDecision:
    application: Application
    record: dict

    @property
    def holder(self):
        return self.record["XK_XDR_MC"]


def _valid_to(application) -> datetime.date:
    ends = [
        licence.valid_to
        for licence in Licence.objects.current().filter(organization=application.organization)
        if licence.valid_to is not None
    ]
    return min(ends) if ends else NO_END


def record_of(application, authority=None) -> dict:
    authority = authority or LicensingAuthority.load()
    organization = application.organization
    decision = next(
        (document for document in application.documents.all() if document.kind == DocumentKind.APPROVAL), None
    )
    certificate = next(
        (document for document in application.documents.all() if document.kind == DocumentKind.CERTIFICATE), None
    )
    decided_on = timezone.localdate(application.decided_at)
    categories = "、".join(category.name for category in organization.categories.all())
    return {
        "XK_XDR_MC": organization.name,
        "XK_XDR_LB": "法人及非法人组织",
        "XK_XDR_SHXYM": organization.unified_social_credit_code,
        "XK_FRDB": organization.legal_representative,
        "XK_XKWS": "准予行政许可决定书",
        "XK_WSH": decision.number if decision else (application.case_number or ""),
        "XK_XKLB": "登记",
        "XK_XKZS": "社区服务商户登记证书" if certificate else "",
        "XK_XKBH": certificate.number if certificate else "",
        "XK_NR": f"{KIND_CONTENT[application.kind]}：{categories}",
        "XK_JDRQ": decided_on.isoformat(),
        "XK_YXQZ": decided_on.isoformat(),
        "XK_YXQZI": _valid_to(application).isoformat(),
        "XK_XKJG": authority.name,
        "XK_XKJGDM": authority.credit_code,
        "XK_ZT": "1" if organization.listing_status == "active" else "2",
        "XK_LYDW": authority.name,
        "XK_LYDWDM": authority.credit_code,
        "GS_RQ": timezone.localdate(application.decision_published_at).isoformat(),
    }


def decisions(queryset=None) -> list[PublishedDecision]:
    authority = LicensingAuthority.load()
    return [
        PublishedDecision(application, record_of(application, authority))
        for application in (queryset if queryset is not None else published_decisions())
    ]
