"""Benefit codes: issuing an eligible resident's personal code, revoking it, and finding the one in use. How
the codes are made and resolved is in `market/discounts/codes.py`.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts import codes
from market.discounts.errors import DiscountError
from market.discounts.models import BenefitCode, Eligibility
from market.errors import NotPermitted
from market.guards import require

logger = logging.getLogger(__name__)

CODE_ISSUE_ATTEMPTS = 5


@transaction.atomic
def issue_benefit_code(resident) -> BenefitCode:
    """A new personal code for an eligible resident; the one they held before stops working at once."""
    require(resident, "discounts.hold_benefit_code", resident)
    if not Eligibility.objects.valid_on(clock_source.today()).filter(resident=resident).exists():
        raise DiscountError(_("A benefit code is issued once your eligibility has been verified."))
    now = clock_source.now()
    BenefitCode.objects.select_for_update().filter(resident=resident, revoked_at__isnull=True).update(revoked_at=now)
    for attempt in range(CODE_ISSUE_ATTEMPTS):
        code = BenefitCode(resident=resident, seed=codes.new_seed(), issued_at=now)
        for field, value in codes.digests_for(code).items():
            setattr(code, field, value)
        try:
            with transaction.atomic():
                code.save()
            return code
        except IntegrityError:
            # A short code that another resident happens to hold already: draw again.
            logger.info("Benefit code collision on attempt %d; drawing a new seed", attempt + 1)
    raise DiscountError(_("A code could not be issued just now. Please try again."))


@transaction.atomic
def revoke_benefit_code(code: BenefitCode, actor) -> BenefitCode:
    """The holder (a lost phone) or a reviewer stops a code; a new one can be issued."""
    holder = actor.has_perm("discounts.hold_benefit_code", code.resident)
    if not (holder or actor.has_perm("discounts.revoke_eligibility")):
        raise NotPermitted()
    locked = BenefitCode.objects.select_for_update().get(pk=code.pk)
    if locked.revoked_at is None:
        locked.revoked_at = clock_source.now()
        locked.save(update_fields=["revoked_at"])
    code.refresh_from_db()
    return locked


def active_benefit_code(resident) -> BenefitCode | None:
    return BenefitCode.objects.filter(resident=resident, revoked_at__isnull=True).first()
