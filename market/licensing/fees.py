"""The fee of a licensing application: what the schedule provides, what a waiver takes off, and the fee fixed on
the application when it is submitted.

Licensing is free by law (Administrative Licensing Law, Art. 58): with no line in the schedule, or a line of
zero, nothing is due. A fee above zero exists only where the bureau recorded its legal basis (`LicensingFee`).
Linli collects no licensing fee: a fee that is due is paid at the bureau's service counter.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from market import clock_source
from market.licensing.models import Application, ApplicationState, FeeWaiver, LicensingFee
from market.registry.models import Category

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Fee:
    """The fee of one application: `due` after any waiver, `scheduled` before it."""

    due: Decimal
    scheduled: Decimal
    legal_basis: str = ""
    effective_from: datetime.date | None = None
    waiver: str = ""
    fixed: bool = False

    @property
    def is_free(self) -> bool:
        return self.due == 0

    @property
    def is_free_by_law(self) -> bool:
        """Nothing in the schedule: the statutory rule, not a waiver."""
        return self.scheduled == 0

    @property
    def waiver_label(self) -> str:
        return FeeWaiver(self.waiver).label if self.waiver else ""


def _specificity(line: LicensingFee) -> tuple:
    return (line.category_id is not None, bool(line.kind), line.effective_from or datetime.date.min, line.pk)


def _categories_of(application: Application) -> list[Category]:
    """The merchant's categories, with those a change application proposes."""
    categories = list(application.organization.categories.all())
    codes = (application.proposed_changes or {}).get("category_codes") or []
    if codes:
        categories += [c for c in Category.objects.filter(code__in=codes) if c not in categories]
    return categories


def scheduled_line(kind: str, categories, on: datetime.date) -> LicensingFee | None:
    """The line of the schedule that sets the fee: per category the most specific line in force, and of those the
    highest fee. None where no line applies (the fee is then zero)."""
    category_ids = [category.pk for category in categories]
    lines = list(
        LicensingFee.objects.filter(Q(category__isnull=True) | Q(category__in=category_ids))
        .filter(Q(kind="") | Q(kind=kind))
        .filter(Q(effective_from__isnull=True) | Q(effective_from__lte=on))
    )
    chosen = []
    for category_id in category_ids or [None]:
        matching = [line for line in lines if line.category_id in (None, category_id)]
        if matching:
            chosen.append(max(matching, key=_specificity))
    if not chosen:
        return None
    return max(chosen, key=lambda line: (line.amount, _specificity(line)))


def waiver_for(organization) -> str:
    if organization.founded_by_laid_off_workers:
        return FeeWaiver.LAID_OFF_FOUNDERS
    if organization.is_nonprofit_community_organization:
        return FeeWaiver.NONPROFIT_COMMUNITY
    return ""


def quote(application: Application, on: datetime.date | None = None) -> Fee:
    """The fee that applies to the application today, from the schedule (a draft's fee can still change)."""
    on = on or clock_source.today()
    line = scheduled_line(application.kind, _categories_of(application), on)
    if line is None or line.amount == 0:
        return Fee(due=ZERO, scheduled=ZERO)
    waiver = waiver_for(application.organization)
    return Fee(
        due=ZERO if waiver else line.amount,
        scheduled=line.amount,
        legal_basis=line.legal_basis,
        effective_from=line.effective_from,
        waiver=waiver,
    )


def fee_of(application: Application) -> Fee:
    """The fee fixed on a submitted application, or what a draft would be charged if submitted today."""
    if application.state == ApplicationState.DRAFT:
        return quote(application)
    if application.fee_amount is None:
        # Submitted before there was a fee schedule, when nothing could be charged.
        return Fee(due=ZERO, scheduled=ZERO, fixed=True)
    return Fee(
        due=application.fee_amount,
        scheduled=application.fee_scheduled if application.fee_scheduled is not None else application.fee_amount,
        legal_basis=application.fee_legal_basis,
        effective_from=application.fee_effective_from,
        waiver=application.fee_waiver,
        fixed=True,
    )


def fix_fee(application: Application, on: datetime.date) -> Fee:
    """Set the fee on an application being submitted (the caller saves it): a later schedule change leaves it."""
    fee = quote(application, on)
    application.fee_amount = fee.due
    application.fee_scheduled = fee.scheduled
    application.fee_legal_basis = fee.legal_basis
    application.fee_effective_from = fee.effective_from
    application.fee_waiver = fee.waiver
    return fee
