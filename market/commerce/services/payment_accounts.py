"""Merchants' Stripe Connect accounts: created once, onboarded through Stripe's account links, kept current by
`account.updated` events. A merchant takes online orders only when Stripe says its account can take charges."""

import stripe
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from market.commerce.errors import CommerceError, PaymentProviderError
from market.commerce.models import PaymentAccount
from market.commerce.stripe_gateway import is_configured, stripe_client
from market.guards import require
from market.registry.models import ListingStatus


def takes_online_payment(organization) -> bool:
    if not is_configured():
        return False
    account = PaymentAccount.objects.filter(organization=organization).first()
    return account is not None and account.ready


def why_no_online_payment(organization) -> str | None:
    """Why residents cannot pay this merchant online now (a translated sentence), or None when they can."""
    if not is_configured():
        return _("Online payment is off on this site: orders are paid at the counter.")
    account = PaymentAccount.objects.filter(organization=organization).first()
    if account is None:
        return _("This merchant has not set up online payment: orders are paid at the counter.")
    if not account.ready:
        return _("This merchant's online payment is not ready yet: orders are paid at the counter.")
    return None


def _create_account(organization) -> PaymentAccount:
    try:
        created = stripe_client().v1.accounts.create(
            params={
                "type": "express",
                "email": organization.email or None,
                "business_profile": {"name": str(organization)},
                "metadata": {"organization": str(organization.pk)},
            },
            # One account per merchant, even if two clicks ask at once.
            options={"idempotency_key": f"connect-account-{organization.pk}"},
        )
    except stripe.StripeError as error:
        raise PaymentProviderError() from error
    try:
        with transaction.atomic():
            return PaymentAccount.objects.create(organization=organization, stripe_account_id=created.id)
    except IntegrityError:
        return PaymentAccount.objects.get(organization=organization)


def onboarding_link(organization, merchant, *, return_url: str, refresh_url: str) -> str:
    """The address of Stripe's onboarding for the merchant's connected account (created on first use)."""
    require(merchant, "commerce.sell_online", organization)
    if not is_configured():
        raise CommerceError(_("Online payment is off on this site."))
    if organization.listing_status != ListingStatus.ACTIVE:
        raise CommerceError(_("Only a listed merchant can take online payment."))
    account = PaymentAccount.objects.filter(organization=organization).first() or _create_account(organization)
    try:
        link = stripe_client().v1.account_links.create(
            params={
                "account": account.stripe_account_id,
                "type": "account_onboarding",
                "return_url": return_url,
                "refresh_url": refresh_url,
            }
        )
    except stripe.StripeError as error:
        raise PaymentProviderError() from error
    return link.url


def apply_account(account_object: dict, at) -> PaymentAccount | None:
    """Copy Stripe's view of a connected account (an `account.updated` event's object), unless a newer event
    already did. Returns None for an account Linli does not know."""
    with transaction.atomic():
        account = PaymentAccount.objects.select_for_update().filter(stripe_account_id=account_object.get("id")).first()
        if account is None:
            return None
        if account.updated_by_event_at is not None and at < account.updated_by_event_at:
            return account
        requirements = account_object.get("requirements") or {}
        account.details_submitted = bool(account_object.get("details_submitted"))
        account.charges_enabled = bool(account_object.get("charges_enabled"))
        account.payouts_enabled = bool(account_object.get("payouts_enabled"))
        account.requirements_due = ", ".join(requirements.get("currently_due") or [])
        account.updated_by_event_at = at
        account.save()
        return account
