"""Benefit codes: issuing an eligible resident's personal code and revoking it, a one-time code to type, and the
printed cards administrators issue and revoke. How the codes are made and checked is in
`market/discounts/codes.py`.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts import codes, identity
from market.discounts.errors import DiscountError
from market.discounts.models import (
    BenefitCard,
    BenefitCode,
    Eligibility,
    EligibilityApplication,
    EligibilityApplicationState,
    OneTimeCode,
)
from market.errors import NotPermitted
from market.guards import require, require_text

logger = logging.getLogger(__name__)

CODE_ISSUE_ATTEMPTS = 5
NOT_YET_ELIGIBLE = _("A benefit code is issued once your eligibility has been verified.")


def _eligible_today(resident) -> bool:
    return Eligibility.objects.valid_on(clock_source.today()).filter(resident=resident).exists()


def _new_code(resident) -> BenefitCode:
    """A new code for the resident; the one they held before stops working at once. Inside a transaction."""
    now = clock_source.now()
    BenefitCode.objects.select_for_update().filter(resident=resident, revoked_at__isnull=True).update(revoked_at=now)
    code = BenefitCode(resident=resident, secret=codes.new_secret(), issued_at=now)
    code.qr_id_digest = codes.qr_id_digest(codes.qr_id(code))
    code.save()
    return code


@transaction.atomic
def issue_benefit_code(resident) -> BenefitCode:
    """A new personal code for an eligible resident; the one they held before stops working at once."""
    require(resident, "discounts.hold_benefit_code", resident)
    if not _eligible_today(resident):
        raise DiscountError(NOT_YET_ELIGIBLE)
    return _new_code(resident)


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


# ---------------------------------------------------------------- a code to type


@transaction.atomic
def issue_typed_code(resident) -> tuple[OneTimeCode, str]:
    """A code for the merchant to type, valid ten minutes and for one record; an earlier unused one stops
    working. Returns the record and the code itself, which is shown once and never stored."""
    require(resident, "discounts.hold_benefit_code", resident)
    code = active_benefit_code(resident)
    if code is None or not _eligible_today(resident):
        raise DiscountError(NOT_YET_ELIGIBLE)
    code = BenefitCode.objects.select_for_update().get(pk=code.pk)
    now = clock_source.now()
    an_hour_ago = now - datetime.timedelta(hours=1)
    recent = OneTimeCode.objects.filter(benefit_code__resident=resident, issued_at__gt=an_hour_ago)
    if recent.count() >= codes.TYPED_CODES_PER_HOUR:
        raise DiscountError(
            _("You asked for %(count)d codes in the last hour. Show the QR code, or ask again later.")
            % {"count": codes.TYPED_CODES_PER_HOUR}
        )
    OneTimeCode.objects.filter(benefit_code=code, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    for attempt in range(CODE_ISSUE_ATTEMPTS):
        value = codes.new_typed_code()
        try:
            with transaction.atomic():
                typed = OneTimeCode.objects.create(
                    benefit_code=code,
                    code_digest=codes.typed_code_digest(value),
                    issued_at=now,
                    expires_at=now + codes.TYPED_CODE_VALIDITY,
                )
            return typed, value
        except IntegrityError:
            logger.info("One-time code collision on attempt %d; drawing again", attempt + 1)
    raise DiscountError(_("A code could not be issued just now. Please try again."))


# ---------------------------------------------------------------- printed cards


def resident_by_id_number(id_number: str):
    """The resident whose verified application carries this ID number, or None."""
    number = identity.normalise(id_number)
    application = (
        EligibilityApplication.objects.filter(
            id_number_digest=identity.digest(number), state=EligibilityApplicationState.VERIFIED
        )
        .select_related("resident")
        .order_by("-decided_at")
        .first()
    )
    return application.resident if application else None


@transaction.atomic
def issue_benefit_card(resident, administrator) -> tuple[BenefitCard, str]:
    """A printed card for an eligible resident without a phone; a card they held before stops working. Returns
    the card and its number, which is printed once and never stored."""
    require(administrator, "discounts.issue_benefit_card", resident)
    if resident is None:
        raise DiscountError(_("No resident with verified eligibility has this ID number."))
    if not _eligible_today(resident):
        raise DiscountError(_("A card is issued to a resident whose eligibility is verified and in force."))
    now = clock_source.now()
    BenefitCard.objects.select_for_update().filter(resident=resident, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=administrator, revocation_reason=str(_("Replaced by a new card."))
    )
    if active_benefit_code(resident) is None:
        _new_code(resident)
    for attempt in range(CODE_ISSUE_ATTEMPTS):
        number = codes.new_card_number()
        try:
            with transaction.atomic():
                card = BenefitCard.objects.create(
                    resident=resident,
                    number_digest=codes.card_number_digest(number),
                    number_end=number[-4:],
                    issued_by=administrator,
                    issued_at=now,
                )
            return card, number
        except IntegrityError:
            logger.info("Card number collision on attempt %d; drawing again", attempt + 1)
    raise DiscountError(_("A card could not be issued just now. Please try again."))


@transaction.atomic
def revoke_benefit_card(card: BenefitCard, administrator, reason) -> BenefitCard:
    """A lost or misused card stops working at once; the resident's phone codes are not affected."""
    require(administrator, "discounts.issue_benefit_card", card.resident)
    reason = require_text(reason, _("Give the reason for withdrawing the card."))
    locked = BenefitCard.objects.select_for_update().get(pk=card.pk)
    if locked.revoked_at is not None:
        raise DiscountError(_("This card has already been withdrawn."))
    locked.revoked_at = clock_source.now()
    locked.revoked_by = administrator
    locked.revocation_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    card.refresh_from_db()
    return locked
