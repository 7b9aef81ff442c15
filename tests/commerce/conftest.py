import datetime
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from market.accounts.roles import Role
from tests.clock import WEDNESDAY, at
from tests.commerce.factories import BookableServiceFactory, PaymentAccountFactory
from tests.discounts.conftest import eligible_resident
from tests.discounts.factories import MicroProfitServiceFactory, MicroProfitServiceTypeFactory, OfferFactory, group
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, UserFactory
from tests.services import stripe_mock_url

WEBHOOK_SECRET = "whsec_linli_tests"


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are compared in English."""


def new_key() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def stripe_on(settings):
    """Payments on, against the local stripe-mock (the test is skipped, or fails in CI, without it)."""
    settings.STRIPE_SECRET_KEY = "sk_test_linli"
    settings.STRIPE_API_BASE = stripe_mock_url()
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header Stripe would send: t=<unix time>,v1=HMAC-SHA256(secret, "t.payload")."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(kind: str, data_object: dict, *, created: int | None = None) -> dict:
    return {
        "id": f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "type": kind,
        "created": created or int(time.time()),
        "livemode": False,
        "api_version": "2025-01-27.acacia",
        "data": {"object": data_object},
    }


def session_object(payment, *, payment_status="paid", amount_total=None, intent="pi_linli_1") -> dict:
    order = payment.order
    return {
        "id": payment.checkout_session_id,
        "object": "checkout.session",
        "client_reference_id": order.number,
        "metadata": {"order": order.number, "attempt": str(payment.attempt)},
        "payment_status": payment_status,
        "status": "complete",
        "amount_total": int(order.total * 100) if amount_total is None else amount_total,
        "currency": "cny",
        "payment_intent": intent,
    }


def charge_object(*, intent="pi_linli_1", amount=0, refunded=0, refund_id="re_linli_1") -> dict:
    return {
        "id": "ch_linli_1",
        "object": "charge",
        "payment_intent": intent,
        "amount": amount,
        "amount_refunded": refunded,
        "refunded": refunded >= amount,
        "refunds": {"object": "list", "data": [{"id": refund_id, "amount": refunded, "status": "succeeded"}]},
    }


@dataclass
class Shop:
    """A listed laundry with an outlet that takes online payment: home cleaning at ¥80 a visit, and shirt washing
    sold as a micro-profit service (the merchant asks ¥12, the bureau caps it at ¥8, subsidy ¥2 a shirt), an
    offer of 10% for laid-off workers, and an eligible resident."""

    merchant: object
    outlet: object
    cleaning: object
    washing: object
    offer: object
    resident: object

    def post_event(self, client, kind, data_object, **options):
        body = json.dumps(event(kind, data_object, **options)).encode()
        # The endpoint has no language prefix, so it runs in Chinese: the test's own language is restored after.
        with translation.override(translation.get_language()):
            return client.post(
                reverse("stripe_webhook"), body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
            )


def laundry_shop(category_code="laundry-shop", *, merchant_name="", outlet_name="", offer_name="") -> Shop:
    """The Shop's rows (see Shop), for the fixture below and for browser tests, which cannot use it."""
    laundry = CategoryFactory(code=category_code, name="洗衣", name_en="Laundry")
    merchant = OrganizationFactory(categories=[laundry], **({"alternate_name": merchant_name} if merchant_name else {}))
    outlet = LocationFactory(organization=merchant, **({"name": outlet_name} if outlet_name else {}))
    PaymentAccountFactory(organization=merchant)
    shirts = MicroProfitServiceTypeFactory(
        category=laundry, price_cap=Decimal("8.00"), subsidy_per_unit=Decimal("2.00"), unit="件", unit_en="shirt"
    )
    shirt_service = MicroProfitServiceFactory(organization=merchant, service_type=shirts, price=Decimal("12.00"))
    shirt_service.locations.set([outlet])
    washing = BookableServiceFactory(
        organization=merchant,
        category=laundry,
        locations=[outlet],
        micro_profit_service=shirt_service,
        name="衬衫洗熨",
        name_en="Shirt washing",
        amount=Decimal("12.00"),
        at_home=False,
        needs_appointment=False,
    )
    cleaning = BookableServiceFactory(organization=merchant, category=laundry, locations=[outlet])
    offer = OfferFactory(
        organization=merchant,
        locations=[outlet],
        groups=[group("registered-unemployed")],
        **({"name": offer_name} if offer_name else {}),
    )
    return Shop(
        merchant=merchant,
        outlet=outlet,
        cleaning=cleaning,
        washing=washing,
        offer=offer,
        resident=eligible_resident(),
    )


@pytest.fixture
def shop(db, clock) -> Shop:
    return laundry_shop()


def tomorrow_at(hour: int = 10) -> datetime.datetime:
    return at(WEDNESDAY + datetime.timedelta(days=1), hour)


@pytest.fixture
def bureau(db):
    return UserFactory(role=Role.REVIEWER)
