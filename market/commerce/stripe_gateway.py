"""The one place that builds a Stripe client, so stripe-mock can stand in for Stripe by configuration."""

import stripe
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def stripe_client() -> stripe.StripeClient:
    if not is_configured():
        raise ImproperlyConfigured("Set STRIPE_SECRET_KEY (and STRIPE_API_BASE to use stripe-mock) to take payments.")
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE, "files": settings.STRIPE_API_BASE},
        max_network_retries=2,
    )
