"""Case numbers (受理编号), issued when an application is received, one sequence a year, in the format the
licensing authority sets (e.g. 宁商社服〔2026〕第0042号)."""

from django.db import transaction

from market.licensing.models import Application, CaseNumberSequence, LicensingAuthority


@transaction.atomic
def next_case_number(year: int) -> str:
    """Take the year's next number; the sequence row is locked so that two receipts never share one."""
    CaseNumberSequence.objects.get_or_create(year=year)
    sequence = CaseNumberSequence.objects.select_for_update().get(year=year)
    authority = LicensingAuthority.load()
    while True:
        sequence.last += 1
        number = authority.format_case_number(year, sequence.last)
        # A format changed during the year could repeat an earlier number: skip to a free one.
        if not Application.objects.filter(case_number=number).exists():
            break
    sequence.save(update_fields=["last"])
    return number


def ensure_case_number(locked: Application, year: int) -> str:
    """The application's case number, issued now if it has none (applications received before numbering)."""
    if not locked.case_number:
        locked.case_number = next_case_number(year)
    return locked.case_number
