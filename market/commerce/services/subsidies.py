"""Approved subsidy claims paid into the merchant's connected account by a Stripe transfer, one per claim.

The transfer row is written (with the claim's key) before Stripe is asked; Stripe's answer records the claim's
payment through the discount tracker's own service, with the transfer as its reference, so the subsidy report
reconciles to the transfers. A reversed transfer is marked, and shows on the claim for staff."""

import stripe
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.commerce.errors import CommerceError, PaymentProviderError
from market.commerce.models import PaymentAccount, SubsidyTransfer, SubsidyTransferState
from market.commerce.stripe_gateway import is_configured, stripe_client, to_fen
from market.discounts.claims import reconcile, record_claim_payment
from market.discounts.models import SubsidyClaim
from market.guards import require


def why_no_transfer(claim: SubsidyClaim) -> str | None:
    """Why the claim cannot be paid by transfer now (a translated sentence), or None."""
    if not is_configured():
        return _("Online payment is off on this site: record a payment made another way.")
    if claim.state != SubsidyClaim.S.APPROVED:
        return _("Only an approved claim can be paid.")
    account = PaymentAccount.objects.filter(organization=claim.organization).first()
    if account is None or not account.payouts_enabled:
        return _("The merchant has no Stripe account that can receive payouts yet.")
    return None


def pay_claim_by_transfer(claim: SubsidyClaim, approver) -> SubsidyTransfer:
    """Transfer an approved claim's subsidy (recomputed from its records, to the fen) to the merchant."""
    require(approver, "commerce.transfer_subsidy", claim)
    require(approver, "discounts.decide_subsidy_claim", claim)
    reason = why_no_transfer(claim)
    existing = SubsidyTransfer.objects.filter(claim=claim).first()
    if reason and existing is None:
        raise CommerceError(reason)
    if existing is not None and existing.state == SubsidyTransferState.PAID:
        return existing
    account = PaymentAccount.objects.get(organization=claim.organization)
    try:
        with transaction.atomic():
            transfer = existing or SubsidyTransfer.objects.create(
                claim=claim,
                payment_account=account,
                amount=reconcile(claim).records_total,
                idempotency_key=f"subsidy-claim-{claim.pk}",
                requested_by=approver,
                created_at=clock_source.now(),
            )
    except IntegrityError:
        transfer = SubsidyTransfer.objects.get(claim=claim)
    try:
        answer = stripe_client().v1.transfers.create(
            params={
                "amount": to_fen(transfer.amount),
                "currency": "cny",
                "destination": transfer.payment_account.stripe_account_id,
                "transfer_group": f"subsidy-claim-{claim.pk}",
                "description": f"Subsidy claim {claim.pk}: {claim.period_start}–{claim.period_end}",
                "metadata": {"subsidy_claim": str(claim.pk)},
            },
            options={"idempotency_key": transfer.idempotency_key},
        )
    except stripe.InvalidRequestError as error:
        SubsidyTransfer.objects.filter(pk=transfer.pk).update(
            state=SubsidyTransferState.FAILED, failure=str(error.user_message or error)
        )
        raise CommerceError(
            _("Stripe refused the transfer: %(reason)s") % {"reason": error.user_message or error}
        ) from error
    except stripe.StripeError as error:
        raise PaymentProviderError() from error
    with transaction.atomic():
        transfer = SubsidyTransfer.objects.select_for_update().get(pk=transfer.pk)
        transfer.stripe_transfer_id = answer.id
        transfer.state = SubsidyTransferState.PAID
        transfer.failure = ""
        transfer.save()
        claim.refresh_from_db()
        if claim.state == SubsidyClaim.S.APPROVED:
            record_claim_payment(claim, approver, transfer.amount, answer.id)
    return transfer


def apply_transfer(transfer_object: dict) -> SubsidyTransfer | None:
    """A transfer's `transfer.reversed`/`transfer.updated` event: a reversal is marked on the transfer."""
    transfer = SubsidyTransfer.objects.filter(stripe_transfer_id=transfer_object.get("id")).first()
    if transfer is None:
        return None
    if transfer_object.get("reversed") or (transfer_object.get("amount_reversed") or 0) > 0:
        SubsidyTransfer.objects.filter(pk=transfer.pk).update(state=SubsidyTransferState.REVERSED)
    return transfer
