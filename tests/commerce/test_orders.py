"""Booking: the price a resident is shown and charged (cap, then the best offer), and what is refused."""

import datetime
from decimal import Decimal

import pytest

from market import clock_source
from market.accounts.roles import Role
from market.commerce.errors import CommerceError
from market.commerce.models import Order, OrderAction, PaymentMethod
from market.commerce.services.orders import place_order
from market.commerce.services.pricing import quote
from market.errors import NotPermitted
from tests.commerce.conftest import new_key, tomorrow_at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def book(shop, service=None, resident=None, **details):
    details.setdefault("quantity", 1)
    service = service or shop.cleaning
    if service.needs_appointment:
        details.setdefault("scheduled_for", tomorrow_at(10))
    if service.at_home:
        details.setdefault("address", "中山路1号 3-201")
    return place_order(resident or shop.resident, service, shop.outlet, idempotency_key=new_key(), **details)


def test_an_eligible_resident_pays_the_capped_price_less_their_offer(shop):
    price = quote(shop.washing, shop.outlet, 3, shop.resident)

    assert price.list_total == Decimal("36.00")  # the merchant's ¥12 a shirt
    assert price.unit_price == Decimal("8.00")  # the bureau's cap
    assert price.micro_profit
    assert price.discount == Decimal("2.40")  # 10% of ¥24
    assert price.total == Decimal("21.60")
    assert price.saving == Decimal("14.40")


def test_anyone_else_pays_the_merchants_price(shop):
    stranger = UserFactory(role=Role.RESIDENT)

    price = quote(shop.washing, shop.outlet, 3, stranger)

    assert (price.unit_price, price.discount, price.total, price.micro_profit) == (
        Decimal("12.00"),
        Decimal("0.00"),
        Decimal("36.00"),
        False,
    )


def test_the_price_is_fixed_on_the_order(shop, settings):
    settings.STRIPE_SECRET_KEY = ""
    order = book(shop, shop.washing, quantity=2)
    shop.washing.micro_profit_service.service_type.price_cap = Decimal("5.00")
    shop.washing.micro_profit_service.service_type.save()

    order.refresh_from_db()
    assert (order.unit_price, order.subtotal, order.discount, order.total) == (
        Decimal("8.00"),
        Decimal("16.00"),
        Decimal("1.60"),
        Decimal("14.40"),
    )
    assert order.offer == shop.offer
    assert order.group.code == "registered-unemployed"
    assert order.events.get().action == OrderAction.PLACED


def test_without_stripe_the_order_goes_to_the_merchant_to_be_paid_at_the_counter(shop, settings):
    settings.STRIPE_SECRET_KEY = ""

    order = book(shop)

    assert order.payment_method == PaymentMethod.COUNTER
    assert order.state == Order.S.PLACED


def test_a_merchant_whose_account_is_not_ready_takes_counter_orders(shop, stripe_on):
    shop.merchant.payment_account.charges_enabled = False
    shop.merchant.payment_account.save()

    assert book(shop).payment_method == PaymentMethod.COUNTER


def test_with_a_ready_account_the_order_waits_for_payment(shop, stripe_on):
    order = book(shop)

    assert order.payment_method == PaymentMethod.ONLINE
    assert order.state == Order.S.AWAITING_PAYMENT


def test_the_same_form_sent_twice_makes_one_order(shop, settings):
    settings.STRIPE_SECRET_KEY = ""
    key = new_key()
    first = place_order(
        shop.resident, shop.cleaning, shop.outlet, scheduled_for=tomorrow_at(), address="x", idempotency_key=key
    )
    again = place_order(
        shop.resident, shop.cleaning, shop.outlet, scheduled_for=tomorrow_at(), address="x", idempotency_key=key
    )

    assert again == first
    assert Order.objects.count() == 1


@pytest.mark.parametrize(
    ("details", "message"),
    [
        ({"scheduled_for": None}, "Choose a date and time"),
        ({"address": " "}, "Give the address"),
        ({"quantity": 0}, "Choose between 1 and 10"),
        ({"quantity": 11}, "Choose between 1 and 10"),
    ],
)
def test_an_incomplete_booking_is_refused_and_nothing_is_recorded(shop, details, message):
    with pytest.raises(CommerceError, match=message):
        book(shop, **details)
    assert not Order.objects.exists()


def test_an_appointment_needs_the_merchants_notice(shop, clock):
    with pytest.raises(CommerceError, match="The earliest appointment is"):
        book(shop, scheduled_for=clock_source.now() + datetime.timedelta(hours=1))


def test_micro_profit_limits_hold_online_too(shop):
    service_type = shop.washing.micro_profit_service.service_type
    service_type.max_units_per_sale = 5
    service_type.save()

    with pytest.raises(CommerceError, match="At most 5"):
        book(shop, shop.washing, quantity=6)


def test_a_merchant_cannot_book_and_a_suspended_merchant_sells_nothing(shop):
    with pytest.raises(NotPermitted):
        book(shop, resident=shop.merchant.owner)
    shop.merchant.listing_status = "suspended"
    shop.merchant.save()
    with pytest.raises(CommerceError, match="not on sale"):
        book(shop)
