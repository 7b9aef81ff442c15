"""Eligibility: a resident applies with their name, ID number and proof, a reviewer verifies or declines, the
resident may withdraw, and a reviewer revokes an eligibility granted in error.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts import identity
from market.discounts.errors import DiscountError
from market.discounts.models import (
    Eligibility,
    EligibilityApplication,
    EligibilityApplicationState,
    EligibilityProof,
    Offer,
)
from market.discounts.services.helpers import add_months, age_on
from market.discounts.uploads import validate_proof_file
from market.guards import move, require, require_text


@transaction.atomic
def apply_for_eligibility(resident, group, *, real_name, id_number, proofs=()) -> EligibilityApplication:
    """A resident applies with their name and ID number as on their ID card, and proof. A reviewer matches the
    name and number to the proof. A group by age (the elderly) reads the date of birth from the ID number; it
    needs proof like the others unless an administrator has turned on its automatic verification.
    """
    require(resident, "discounts.apply_for_eligibility")
    today = clock_source.today()
    if not group.active:
        raise DiscountError(_("This group is not open for applications."))
    real_name = require_text(real_name, _("Enter your name as it is on your ID card."), error=DiscountError)
    if len(real_name) > 100:
        raise DiscountError(_("Enter your name as it is on your ID card."))
    try:
        id_number = identity.validate_id_number(id_number)
    except ValidationError as error:
        raise DiscountError(error.messages[0]) from error
    digest = identity.digest(id_number)
    _check_the_number_is_theirs(resident, digest, today)
    if EligibilityApplication.objects.filter(
        resident=resident, group=group, state=EligibilityApplicationState.SUBMITTED
    ).exists():
        raise DiscountError(_("You already have an application for this group waiting to be checked."))
    date_of_birth = identity.birth_date(id_number)
    if group.derivable_from_birth_date and age_on(date_of_birth, today) < group.minimum_age:
        raise DiscountError(
            _("This group is for people aged %(age)d or over; by the date of birth in your ID number you are not yet.")
            % {"age": group.minimum_age}
        )
    automatic = group.derivable_from_birth_date and group.verify_automatically
    if group.proof_required and not automatic and not proofs:
        if group.derivable_from_birth_date:
            raise DiscountError(_("Upload a photo of your ID card, the side with your photo, as proof of your age."))
        raise DiscountError(_("Upload proof that you belong to this group, such as your certificate."))
    for proof in proofs:
        try:
            validate_proof_file(proof)
        except ValidationError as error:
            raise DiscountError(error.messages[0]) from error
    application = EligibilityApplication.objects.create(
        resident=resident,
        group=group,
        real_name=real_name,
        id_number=id_number,
        id_number_digest=digest,
        id_number_masked=identity.mask(id_number),
        date_of_birth=date_of_birth,
        submitted_at=clock_source.now(),
    )
    for proof in proofs:
        EligibilityProof.objects.create(application=application, file=proof)
    if automatic:
        _grant(application, decided_by=None, valid_until=None)
    return application


def _check_the_number_is_theirs(resident, digest, today):
    """One person, one account: an ID number verified for another account, or another number verified for this
    one, is refused (the bureau sorts out a real mistake)."""
    verified = EligibilityApplication.objects.filter(
        state=EligibilityApplicationState.VERIFIED,
        eligibility__revoked_at__isnull=True,
        eligibility__valid_until__gte=today,
    ).exclude(id_number_digest="")
    if verified.filter(id_number_digest=digest).exclude(resident=resident).exists():
        raise DiscountError(
            _("This ID number is already verified for another account. If it is yours, contact the bureau.")
        )
    if verified.filter(resident=resident).exclude(id_number_digest=digest).exists():
        raise DiscountError(
            _("Your account is verified with another ID number. If it was wrong, contact the bureau.")
        )


def same_id_number_elsewhere(application) -> list[EligibilityApplication]:
    """For the reviewer: other accounts' applications that carry the same ID number."""
    if not application.id_number_digest:
        return []
    return list(
        EligibilityApplication.objects.filter(id_number_digest=application.id_number_digest)
        .exclude(resident=application.resident)
        .select_related("resident", "group")
    )


def _lock_application(application) -> EligibilityApplication:
    return EligibilityApplication.objects.select_for_update().select_related("group").get(pk=application.pk)


def _grant(application, *, decided_by, valid_until) -> Eligibility:
    today = clock_source.today()
    valid_until = valid_until or add_months(today, application.group.default_validity_months)
    if valid_until < today:
        raise DiscountError(_("The end of the eligibility cannot be in the past."))
    move(application, "verify", _("This application has already been decided or withdrawn."))
    application.decided_by = decided_by
    application.decided_at = clock_source.now()
    application.valid_until = valid_until
    application.save()
    return Eligibility.objects.create(
        resident=application.resident,
        group=application.group,
        valid_from=today,
        valid_until=valid_until,
        source_application=application,
    )


@transaction.atomic
def verify_eligibility(application, reviewer, valid_until=None) -> Eligibility:
    """The reviewer has checked the proof: the resident is eligible until `valid_until` (by default the group's
    usual validity from today).
    """
    require(reviewer, "discounts.verify_eligibility", application)
    locked = _lock_application(application)
    if locked.id_number_digest:
        # Two accounts may have applied with one number before either was verified: only one is.
        _check_the_number_is_theirs(locked.resident, locked.id_number_digest, clock_source.today())
    eligibility = _grant(locked, decided_by=reviewer, valid_until=valid_until)
    application.refresh_from_db()
    return eligibility


@transaction.atomic
def decline_eligibility(application, reviewer, reason) -> EligibilityApplication:
    require(reviewer, "discounts.verify_eligibility", application)
    reason = require_text(reason, _("Tell the resident why the application is declined."))
    locked = _lock_application(application)
    move(locked, "decline", _("This application has already been decided or withdrawn."))
    locked.decided_by = reviewer
    locked.decided_at = clock_source.now()
    locked.decline_reason = reason
    locked.save()
    application.refresh_from_db()
    return locked


@transaction.atomic
def withdraw_eligibility_application(application, resident) -> EligibilityApplication:
    require(resident, "discounts.withdraw_eligibility_application", application)
    locked = _lock_application(application)
    move(locked, "withdraw", _("This application has already been decided or withdrawn."))
    locked.save()
    application.refresh_from_db()
    return locked


@transaction.atomic
def revoke_eligibility(eligibility, reviewer, reason) -> Eligibility:
    """Ends an eligibility granted in error, or that no longer holds; later redemptions under it are refused."""
    require(reviewer, "discounts.revoke_eligibility")
    reason = require_text(reason, _("Give the reason for revoking the eligibility."))
    locked = Eligibility.objects.select_for_update().get(pk=eligibility.pk)
    if locked.revoked_at is not None:
        raise DiscountError(_("This eligibility has already been revoked."))
    locked.revoked_at = clock_source.now()
    locked.revoked_by = reviewer
    locked.revocation_reason = reason
    locked.save()
    eligibility.refresh_from_db()
    return locked


def eligibility_applications_for(viewer):
    """The applications a person may see: reviewers all of them, a resident their own."""
    applications = EligibilityApplication.objects.select_related("group", "resident")
    if viewer.has_perm("discounts.verify_eligibility"):
        return applications
    return applications.filter(resident=viewer)


def open_proof(proof: EligibilityProof, viewer):
    """The proof file, opened for reading, for the resident who sent it and for reviewers only."""
    require(viewer, "discounts.view_eligibility_application", proof.application)
    return proof.file.open("rb")


def offers_for_resident(resident, day=None):
    """Live offers for any group the resident is eligible for on a day (the resident's offers page)."""
    day = day or clock_source.today()
    groups = Eligibility.objects.valid_on(day).filter(resident=resident).values("group")
    return Offer.objects.live(day).filter(groups__in=groups).distinct().select_related("organization")
