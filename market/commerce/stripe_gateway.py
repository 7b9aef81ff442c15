"""The one place that talks to Stripe: it builds the client (stripe-mock stands in by configuration), converts
yuan to fen and back, and says whether online payment is on at all."""

from decimal import Decimal

import stripe
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Stripe counts CNY in fen, the smallest unit.
FEN = Decimal("0.01")


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def stripe_client() -> stripe.StripeClient:
    if not is_configured():
        raise ImproperlyConfigured("Set STRIPE_SECRET_KEY (and STRIPE_API_BASE to use stripe-mock) to take payments.")
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={
            "api": settings.STRIPE_API_BASE,
            "files": settings.STRIPE_API_BASE,
            "connect": settings.STRIPE_API_BASE,
        },
        max_network_retries=2,
    )


def to_fen(amount: Decimal) -> int:
    return int((amount / FEN).to_integral_value())


def from_fen(fen: int | None) -> Decimal:
    return (Decimal(fen or 0) * FEN).quantize(FEN)
