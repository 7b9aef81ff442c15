"""What a tester found walking the booking journeys (issue 13): opening hours, the free-cancellation window, what a
counter order is told, savings of orders that no longer stand, a second cancel, the account page's card, the
merchant's price lines, completing before the appointment, and what the savings page counts."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from market.commerce.errors import CommerceError
from market.commerce.models import Order
from market.commerce.services import orders
from market.registry.models import Weekday
from tests.clock import WEDNESDAY, at
from tests.commerce.conftest import new_key, tomorrow_at
from tests.commerce.test_portal import messages_of, signed_in
from tests.commerce.test_views import booking, placed
from tests.factories import ScheduleFactory

pytestmark = pytest.mark.django_db

SUNDAY = WEDNESDAY + datetime.timedelta(days=4)
THURSDAY = WEDNESDAY + datetime.timedelta(days=1)


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def counter_only(settings):
    settings.STRIPE_SECRET_KEY = ""


@pytest.fixture
def hours(shop):
    """The outlet opens 09:00–18:00 from Monday to Saturday and rests on Sundays."""
    for day in Weekday:
        if day != Weekday.SUNDAY:
            ScheduleFactory(location=shop.outlet, byday=day, opens_at=datetime.time(9), closes_at=datetime.time(18))
    return shop


def field_error(page: str, field: str) -> str:
    """The error shown on a field, after checking the field is marked invalid and points at it."""
    control = re.search(rf'<[^>]*\bname="{field}"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in control
    assert f"id_{field}_error" in re.search(r'aria-describedby="([^"]*)"', control).group(1)
    return re.search(rf'id="id_{field}_error"[^>]*>(.*?)</ul>', page).group(1)


# ---------------------------------------------------------------- 1. opening hours


@pytest.mark.parametrize(
    ("moment", "problem", "language"),
    [
        ("2026-03-15T10:00", "This outlet is closed on Sunday.", "en"),
        ("2026-03-12T03:00", "This outlet is open 09:00–18:00 that day", "en"),
        ("2026-03-15T10:00", "该门店星期日休息", "zh-hans"),
        ("2026-03-12T03:00", "该门店当天营业时间 09:00–18:00", "zh-hans"),
    ],
)
def test_a_time_when_the_outlet_is_closed_is_refused_on_the_field(
    hours, client, counter_only, moment, problem, language
):
    client.force_login(hours.resident)

    response = client.post(
        url("commerce:book", hours.cleaning.pk, language=language), booking(hours, scheduled_for=moment)
    )

    assert response.status_code == 200
    assert problem in field_error(text(response), "scheduled_for")
    assert not Order.objects.exists()


def test_a_time_within_the_hours_is_booked(hours, client, counter_only):
    client.force_login(hours.resident)

    response = client.post(url("commerce:book", hours.cleaning.pk), booking(hours, scheduled_for="2026-03-12T17:30"))

    assert response.status_code == 302
    assert Order.objects.get().scheduled_for == at(THURSDAY, 17, 30)


@pytest.mark.parametrize(
    ("phone", "language", "problem"),
    [("abc", "en", "Enter a phone number such as 13912345678 or 025-84001234."), ("12", "zh-hans", "请输入")],
)
def test_a_phone_number_that_cannot_be_called_is_refused_on_the_field(
    hours, client, counter_only, phone, language, problem
):
    client.force_login(hours.resident)

    response = client.post(
        url("commerce:book", hours.cleaning.pk, language=language),
        booking(hours, scheduled_for="2026-03-12T17:30", phone=phone),
    )

    assert response.status_code == 200
    assert problem in field_error(text(response), "phone")
    assert not Order.objects.exists()


def test_a_closed_day_by_exception_and_the_service_refuse_too(hours):
    hours.outlet.schedule_exceptions.create(date=THURSDAY, closed=True, notes="设备检修")

    with pytest.raises(CommerceError, match="This outlet is closed on 2026-03-12"):
        orders.place_order(
            hours.resident, hours.cleaning, hours.outlet, scheduled_for=tomorrow_at(10), address="中山路1号",
            idempotency_key=new_key(),
        )  # fmt: skip
    with pytest.raises(CommerceError, match="closed on Sunday"):
        orders.place_order(
            hours.resident, hours.cleaning, hours.outlet, scheduled_for=at(SUNDAY, 10), address="中山路1号",
            idempotency_key=new_key(),
        )  # fmt: skip
    assert not Order.objects.exists()


def test_the_earliest_time_error_is_on_the_field(shop, client, counter_only):
    client.force_login(shop.resident)

    response = client.post(url("commerce:book", shop.cleaning.pk), booking(shop, scheduled_for="2026-03-11T10:30"))

    assert "The earliest appointment is 2026-03-11 12:00." in field_error(text(response), "scheduled_for")
    assert not Order.objects.exists()


# ---------------------------------------------------------------- 2. inside the free-cancellation window


def test_booking_inside_the_window_asks_for_a_confirmation_first(hours, client, counter_only):
    client.force_login(hours.resident)
    data = booking(hours, scheduled_for="2026-03-11T15:00")  # five hours ahead, free cancellation is 24

    preview = text(client.post(url("commerce:book", hours.cleaning.pk), {**data, "preview": "1"}))
    refused = client.post(url("commerce:book", hours.cleaning.pk), data)

    assert "it cannot be cancelled free of charge" in preview
    assert "I understand that this booking cannot be cancelled free of charge." in preview
    assert "Please correct the problems below" not in preview  # a preview asks, it does not scold
    assert refused.status_code == 200
    assert "cannot be cancelled free of charge" in field_error(text(refused), "accept_no_free_cancellation")
    assert not Order.objects.exists()

    booked = client.post(url("commerce:book", hours.cleaning.pk), {**data, "accept_no_free_cancellation": "on"})

    order = Order.objects.get()
    page = text(client.get(booked["Location"]))
    assert "Booked within 24 hours of the appointment: free cancellation did not apply." in page
    assert "Free cancellation ended" not in page
    assert order.scheduled_for == at(WEDNESDAY, 15)


def test_outside_the_window_nothing_is_asked(shop, client, counter_only):
    client.force_login(shop.resident)

    page = text(client.get(url("commerce:book", shop.cleaning.pk)))

    assert "You can cancel free of charge until 24 hours before the appointment." in page
    assert "I understand" not in page


def test_the_service_refuses_the_window_without_the_confirmation(shop):
    soon = at(WEDNESDAY, 15)
    with pytest.raises(CommerceError, match="cannot be cancelled free of charge"):
        orders.place_order(shop.resident, shop.cleaning, shop.outlet, scheduled_for=soon, address="中山路1号",
                           idempotency_key=new_key())  # fmt: skip
    assert not Order.objects.exists()


# ---------------------------------------------------------------- 3–5. cancelling


def test_a_counter_order_is_not_told_of_online_refunds(shop, client, counter_only):
    order = placed(shop)
    client.force_login(shop.resident)

    before = text(client.get(url("commerce:order", order.number)))
    response = client.post(url("commerce:cancel", order.number), follow=True)

    assert "refunded" not in before
    assert "You can cancel free of charge until 2026-03-11 10:00." in before
    assert messages_of(response) == ["Your order is cancelled."]


def test_a_cancelled_order_no_longer_says_what_it_saves(shop, client, counter_only):
    order = placed(shop)
    client.force_login(shop.resident)
    assert f"You save ¥{order.saving}." in text(client.get(url("commerce:order", order.number)))

    client.post(url("commerce:cancel", order.number))

    assert "You save" not in text(client.get(url("commerce:order", order.number)))


def test_a_declined_order_no_longer_says_what_it_saves(shop, client, counter_only):
    order = placed(shop)
    orders.decline_order(order, shop.merchant.owner, "今天停电")
    client.force_login(shop.resident)

    assert "You save" not in text(client.get(url("commerce:order", order.number)))


def test_a_second_cancel_says_it_is_already_cancelled(shop, client, counter_only):
    order = placed(shop)
    client.force_login(shop.resident)
    client.post(url("commerce:cancel", order.number), follow=True)  # the page the resident left open is stale now

    again = client.post(url("commerce:cancel", order.number))

    assert messages_of(again) == ["This order is already cancelled."]
    assert again["Location"] == url("commerce:order", order.number)


def test_cancelling_a_declined_order_says_the_merchant_declined_it(shop, client, counter_only):
    order = placed(shop)
    client.force_login(shop.resident)
    client.get(url("commerce:order", order.number))  # the resident's page, with its cancel form
    orders.decline_order(order, shop.merchant.owner, "今天停电")

    response = client.post(url("commerce:cancel", order.number))

    assert messages_of(response) == ["The merchant has already declined this order."]


def test_get_on_the_cancel_address_goes_to_the_order(shop, client, counter_only):
    order = placed(shop)
    client.force_login(shop.resident)

    response = client.get(url("commerce:cancel", order.number))

    assert response.status_code == 302
    assert response["Location"] == url("commerce:order", order.number)
    order.refresh_from_db()
    assert order.state == Order.S.PLACED


# ---------------------------------------------------------------- 6. the account page


def test_the_account_card_lists_only_open_orders(shop, client, counter_only):
    kept = placed(shop)
    gone = placed(shop, shop.washing)
    orders.cancel_order(gone, shop.resident)
    client.force_login(shop.resident)

    page = text(client.get(url("accounts:home")))

    assert "1 order is open." in page
    assert kept.number in page
    assert gone.number not in page
    assert "step by step" not in page  # booking is live: nothing here is still "coming"


# ---------------------------------------------------------------- 7–8. the merchant's order page


def test_the_merchant_sees_the_same_signed_price_lines(shop, counter_only):
    order = placed(shop, shop.washing, quantity=3)
    client = signed_in(shop.merchant.owner)

    page = text(client.get(reverse("commerce_portal:order", args=[order.number])))

    assert "Price of this order" in page
    assert "Your price" not in page
    assert f"−¥{order.cap_saving}" in page
    assert f"−¥{order.discount}" in page
    assert order.group.name_en not in page and order.group.name not in page


def test_a_merchant_cannot_complete_before_the_appointment(shop, clock, counter_only):
    order = placed(shop)
    owner = shop.merchant.owner
    orders.accept_order(order, owner)
    client = signed_in(owner)

    page = text(client.get(reverse("commerce_portal:order", args=[order.number])))
    refused = client.post(reverse("commerce_portal:order_act", args=[order.number, "complete"]))

    assert "Mark as completed" not in page
    assert "once its appointment has started (2026-03-12 10:00)" in page
    assert messages_of(refused) == [
        "The appointment has not started yet: mark the order completed once you have served it."
    ]
    order.refresh_from_db()
    assert order.state == Order.S.ACCEPTED
    assert order.redemption_id is None  # nothing counts for the resident's savings

    clock.set(THURSDAY, 10)
    orders.complete_order(order, owner)
    order.refresh_from_db()
    assert order.state == Order.S.COMPLETED
    assert order.redemption_id is not None


def test_the_refusal_to_complete_early_is_translated(shop, counter_only):
    order = placed(shop)
    orders.accept_order(order, shop.merchant.owner)

    with translation.override("zh-hans"), pytest.raises(CommerceError, match="预约时间还未到"):
        orders.complete_order(order, shop.merchant.owner)


# ---------------------------------------------------------------- 9. the savings page


def test_the_savings_page_says_what_it_counts_and_links_to_the_orders(shop, client):
    client.force_login(shop.resident)

    page = text(client.get(url("discounts:savings")))

    assert "The lower price of a micro-profit service is not an offer and is not counted here" in page
    assert f'href="{url("commerce:orders")}"' in page
