"""The resident's pages of the marketplace, driven through the site: the merchant page's services, booking, the
order page with its pay and cancel buttons, Stripe's return pages, receipts, and who may open them. Payments run
against stripe-mock and the signed webhook endpoint."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from market.accounts.roles import Role
from market.commerce.models import Order, OrderAction, Payment, PaymentMethod
from market.commerce.services import orders
from tests.commerce.conftest import new_key, session_object, tomorrow_at
from tests.commerce.factories import BookableServiceFactory
from tests.discounts.factories import OfferFactory, group
from tests.factories import UserFactory
from tests.page_structure import page_structure

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def booking(shop, service=None, **fields):
    service = service or shop.cleaning
    data = {
        "location": shop.outlet.pk,
        "quantity": 1,
        "phone": "13800000000",
        "notes": "",
        "idempotency_key": new_key(),
    }
    if service.needs_appointment:
        data["scheduled_for"] = "2026-03-12T10:00"
    if service.at_home:
        data["address"] = "中山路1号"
    data.update(fields)
    return data


def placed(shop, service=None, quantity=1, resident=None):
    service = service or shop.cleaning
    details = {"scheduled_for": tomorrow_at()} if service.needs_appointment else {}
    if service.at_home:
        details["address"] = "中山路1号"
    return orders.place_order(
        resident or shop.resident, service, shop.outlet, quantity=quantity, idempotency_key=new_key(), **details
    )


def paid_online(shop, client, service=None, quantity=3):
    """An order paid through Stripe: the pay button, then the signed webhook."""
    order = placed(shop, service or shop.washing, quantity)
    client.force_login(shop.resident)
    client.post(url("commerce:pay", order.number))
    payment = Payment.objects.get(order=order)
    shop.post_event(client, "checkout.session.completed", session_object(payment))
    order.refresh_from_db()
    return order, payment


# ---------------------------------------------------------------- the merchant page


def test_the_merchant_page_shows_services_prices_and_the_residents_own_price(shop, client, settings):
    settings.STRIPE_SECRET_KEY = ""
    client.force_login(shop.resident)

    page = text(client.get(url("registry:merchant_detail", shop.merchant.pk)))

    assert "Book online" in page
    assert "Shirt washing" in page
    assert "¥12.00 per visit" in page  # the merchant's price
    assert "Micro-profit price for eligible residents" in page and "¥8.00" in page
    assert "Your price" in page and "¥7.20" in page  # capped, then the offer's 10%
    assert shop.offer.name in page  # an offer of this merchant the resident gets
    assert url("commerce:book", shop.washing.pk) in page
    assert "Online payment is off on this site: orders are paid at the counter." in page
    assert "Booking still works" in page


def test_the_residents_prices_cost_the_same_queries_with_three_times_the_services_and_offers(shop, client):
    shop.offer.total_quota, shop.offer.per_person_quota = 100, 5
    shop.offer.save()
    client.force_login(shop.resident)
    page = url("registry:merchant_detail", shop.merchant.pk)
    client.get(page)
    with CaptureQueriesContext(connection) as few:
        client.get(page)
    for number in range(4):
        BookableServiceFactory(organization=shop.merchant, category=shop.washing.category, locations=[shop.outlet])
        OfferFactory(
            organization=shop.merchant,
            locations=[shop.outlet],
            groups=[group("registered-unemployed")],
            total_quota=100,
            per_person_quota=5,
            name=f"第{number}号优惠",
        )

    with CaptureQueriesContext(connection) as many:
        response = client.get(page)

    assert len(many) == len(few)
    assert text(response).count("Your price") == 6
    assert "第3号优惠" in text(response)


def test_a_visitor_sees_the_prices_but_no_personal_price(shop, client):
    page = text(client.get(url("registry:merchant_detail", shop.merchant.pk)))

    assert "¥80.00 per visit" in page
    assert "Your price" not in page
    assert "Sign in as a resident to see the price you would pay" in page


def test_a_merchant_without_services_on_sale_has_no_booking_section(shop, client):
    shop.merchant.bookable_services.update(active=False)

    assert "Book online" not in text(client.get(url("registry:merchant_detail", shop.merchant.pk)))


# ---------------------------------------------------------------- booking


def test_the_booking_form_shows_the_quote_and_a_fresh_idempotency_key(shop, client):
    client.force_login(shop.resident)

    response = client.get(url("commerce:book", shop.washing.pk))

    page = text(response)
    assert response.status_code == 200
    assert re.search(r'name="idempotency_key" value="[0-9a-f]{32}"', page)
    assert "List price: ¥12.00 × 1" in page
    assert "Micro-profit price cap (¥8.00 each)" in page and "−¥4.00" in page
    assert f"Discount: “{shop.offer.name}” for" in page and "−¥0.80" in page
    assert "¥7.20" in page
    assert 'name="scheduled_for"' not in page and 'name="address"' not in page  # in turn, at the shop


def test_updating_the_price_quotes_the_chosen_quantity_without_booking(shop, client):
    client.force_login(shop.resident)

    response = client.post(
        url("commerce:book", shop.washing.pk), {**booking(shop, shop.washing, quantity=3), "preview": "1"}
    )

    assert "¥21.60" in text(response)
    assert not Order.objects.exists()


def test_booking_places_the_order_and_shows_it(shop, client, stripe_on):
    client.force_login(shop.resident)
    data = booking(shop, notes="请按门铃")

    response = client.post(url("commerce:book", shop.cleaning.pk), data)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == url("commerce:order", order.number)
    assert (order.resident, order.service, order.address, order.notes) == (
        shop.resident,
        shop.cleaning,
        "中山路1号",
        "请按门铃",
    )
    assert order.scheduled_for == tomorrow_at(10)
    assert order.state == Order.S.AWAITING_PAYMENT
    # The same form sent twice (a double click) books once.
    again = client.post(url("commerce:book", shop.cleaning.pk), data)
    assert again.url == response.url
    assert Order.objects.count() == 1
    page = text(client.get(response.url))
    assert "This order is not paid yet." in page
    assert "Pay ¥72.00 online" in page  # the resident's group gets 10% off


def test_without_stripe_booking_works_as_pay_at_the_counter(shop, client, settings):
    settings.STRIPE_SECRET_KEY = ""
    client.force_login(shop.resident)

    form = text(client.get(url("commerce:book", shop.cleaning.pk)))
    response = client.post(url("commerce:book", shop.cleaning.pk), booking(shop))

    assert "Online payment is off on this site" in form and "Book, to pay at the counter" in form
    order = Order.objects.get()
    assert (order.payment_method, order.state) == (PaymentMethod.COUNTER, Order.S.PLACED)
    page = text(client.get(response.url))
    assert "You pay at the counter." in page
    assert "Pay ¥" not in page


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"scheduled_for": "2026-03-11T11:00"}, "The earliest appointment is 2026-03-11 12:00."),
        ({"scheduled_for": ""}, "This field is required."),
        ({"address": ""}, "This field is required."),
        ({"quantity": "11"}, "Ensure this value is less than or equal to 10."),
        ({"quantity": "0"}, "Ensure this value is greater than or equal to 1."),
    ],
)
def test_a_booking_the_terms_refuse_shows_why_and_books_nothing(shop, client, fields, message):
    client.force_login(shop.resident)

    response = client.post(url("commerce:book", shop.cleaning.pk), booking(shop, **fields))

    assert response.status_code == 200
    assert message in text(response)
    assert not Order.objects.exists()


def test_a_signed_out_visitor_is_sent_to_sign_in(shop, client):
    response = client.get(url("commerce:book", shop.cleaning.pk))

    assert response.status_code == 302
    assert url("accounts:login") in response.url


def test_a_merchant_cannot_book_and_is_told_why(shop, client):
    client.force_login(shop.merchant.owner)

    response = client.post(url("commerce:book", shop.cleaning.pk), booking(shop))

    assert response.status_code == 403
    assert "Only residents can book and pay for services" in text(response)
    assert not Order.objects.exists()


def test_a_service_not_on_sale_cannot_be_booked(shop, client):
    shop.cleaning.active = False
    shop.cleaning.save()
    client.force_login(shop.resident)

    assert client.get(url("commerce:book", shop.cleaning.pk)).status_code == 404


# ---------------------------------------------------------------- paying and Stripe's return


@pytest.mark.requires_service("stripe")
def test_the_pay_button_sends_the_resident_to_the_checkout_session(shop, client, stripe_on):
    order = placed(shop, shop.washing, 3)
    client.force_login(shop.resident)

    response = client.post(url("commerce:pay", order.number))

    payment = Payment.objects.get(order=order)
    assert response.status_code == 303
    assert response["Location"] == payment.checkout_url
    assert payment.checkout_url.startswith("https://checkout.stripe.com/")
    order.refresh_from_db()
    assert order.state == Order.S.AWAITING_PAYMENT


@pytest.mark.requires_service("stripe")
def test_the_success_page_waits_for_the_signed_webhook(shop, client, stripe_on):
    order = placed(shop, shop.washing, 3)
    client.force_login(shop.resident)
    client.post(url("commerce:pay", order.number))
    payment = Payment.objects.get(order=order)
    success = url("commerce:paid", order.number) + f"?session_id={payment.checkout_session_id}"

    before = text(client.get(success))

    assert "We are waiting for Stripe to confirm your payment." in before
    assert 'http-equiv="refresh"' in before
    order.refresh_from_db()
    assert order.state == Order.S.AWAITING_PAYMENT  # the return changes nothing

    shop.post_event(client, "checkout.session.completed", session_object(payment))
    after = text(client.get(success))

    assert "Stripe has confirmed your payment." in after
    assert "Waiting for the merchant" in after
    assert 'http-equiv="refresh"' not in after


@pytest.mark.requires_service("stripe")
def test_the_cancel_page_says_nothing_was_paid_and_offers_to_pay_again(shop, client, stripe_on):
    order = placed(shop, shop.washing, 3)
    client.force_login(shop.resident)
    client.post(url("commerce:pay", order.number))

    page = text(client.get(url("commerce:payment_cancelled", order.number)))

    assert "You left the payment page without paying." in page
    assert "Pay ¥21.60 online" in page


# ---------------------------------------------------------------- cancelling


def test_cancelling_an_unpaid_order_in_terms(shop, client, stripe_on):
    order = placed(shop)
    client.force_login(shop.resident)
    page = text(client.get(url("commerce:order", order.number)))
    assert "Nothing has been paid yet: you can cancel now." in page

    response = client.post(url("commerce:cancel", order.number), {"reason": "改期"}, follow=True)

    order.refresh_from_db()
    assert order.state == Order.S.CANCELLED
    assert "Your order is cancelled." in text(response)
    assert order.events.get(action=OrderAction.CANCELLED).reason == "改期"


@pytest.mark.requires_service("stripe")
def test_cancelling_after_the_free_cancellation_deadline_is_refused(shop, client, stripe_on, clock):
    order, _payment = paid_online(shop, client, shop.cleaning, 1)
    client.force_login(shop.resident)
    orders.accept_order(order, shop.merchant.owner)
    page = text(client.get(url("commerce:order", order.number)))
    assert "You can cancel free of charge until 2026-03-11 10:00" in page

    clock.advance(minutes=1)
    page = text(client.get(url("commerce:order", order.number)))
    assert "Cancel this order" not in page
    assert "Free cancellation ended at 2026-03-11 10:00." in page
    response = client.post(url("commerce:cancel", order.number), follow=True)

    assert "This order can no longer be cancelled here" in text(response)
    order.refresh_from_db()
    assert order.state == Order.S.ACCEPTED


# ---------------------------------------------------------------- who may see an order


def test_another_resident_gets_404_on_an_order_and_its_receipts(shop, client):
    order = placed(shop)
    client.force_login(UserFactory(role=Role.RESIDENT))

    for name in ("commerce:order", "commerce:payment_receipt", "commerce:refund_receipt", "commerce:paid"):
        assert client.get(url(name, order.number)).status_code == 404
    assert client.post(url("commerce:cancel", order.number)).status_code == 404
    order.refresh_from_db()
    assert order.state == order.S.AWAITING_PAYMENT or order.state == order.S.PLACED


def test_the_history_never_names_who_acted(shop, client, stripe_on):
    order = placed(shop, shop.cleaning, 1)
    client.force_login(shop.resident)
    orders.cancel_order(order, shop.resident, "")

    page = text(client.get(url("commerce:order", order.number)))

    assert "Placed" in page and "Cancelled by the resident" in page
    assert shop.resident.username not in page.split("History", 1)[1]


def test_my_orders_lists_only_the_residents_own(shop, client, settings):
    settings.STRIPE_SECRET_KEY = ""
    mine = placed(shop)
    theirs = placed(shop, resident=UserFactory(role=Role.RESIDENT))
    client.force_login(shop.resident)

    page = text(client.get(url("commerce:orders")))

    assert mine.number in page and theirs.number not in page


def test_the_account_page_shows_the_bookings_instead_of_coming_soon(shop, client, settings):
    settings.STRIPE_SECRET_KEY = ""
    order = placed(shop)
    client.force_login(shop.resident)

    page = text(client.get(url("accounts:home")))

    assert "My bookings" in page
    assert "Coming soon" not in page.split("My bookings", 1)[1].split("</li>", 1)[0]
    assert "1 order is open." in page
    assert url("commerce:order", order.number) in page


# ---------------------------------------------------------------- receipts


@pytest.mark.requires_service("stripe")
@pytest.mark.parametrize(
    "language, words",
    [
        ("en", ["Payment receipt", "Unified social credit code", "Micro-profit cap saving", "Stripe reference"]),
        ("zh-hans", ["付款收据", "统一社会信用代码", "微利限价优惠", "Stripe 交易号"]),
    ],
)
def test_the_payment_receipt_in_both_languages(shop, client, stripe_on, language, words):
    order, _payment = paid_online(shop, client)
    client.force_login(shop.resident)

    response = client.get(url("commerce:payment_receipt", order.number, language=language))

    page = text(response)
    assert response.status_code == 200
    for word in words:
        assert word in page
    assert order.number in page
    assert shop.merchant.unified_social_credit_code in page
    assert "¥21.60" in page and "−¥12.00" in page and "−¥2.40" in page  # total, cap saving, discount
    assert "pi_linli_1" in page
    assert shop.resident.username not in page.split("<main", 1)[1]
    assert "commerce/receipt.css" in page and "<style" not in page


@pytest.mark.requires_service("stripe")
@pytest.mark.parametrize(
    "language, reason_label", [("en", "The merchant declined the order"), ("zh-hans", "商户拒绝了订单")]
)
def test_the_refund_receipt_after_a_decline(
    shop, client, stripe_on, django_capture_on_commit_callbacks, language, reason_label
):
    order, _payment = paid_online(shop, client)
    client.force_login(shop.resident)
    assert client.get(url("commerce:refund_receipt", order.number)).status_code == 404  # nothing refunded yet

    with django_capture_on_commit_callbacks(execute=True):
        orders.decline_order(order, shop.merchant.owner, "洗衣机坏了")
    page = text(client.get(url("commerce:refund_receipt", order.number, language=language)))

    assert reason_label in page and "洗衣机坏了" in page
    assert "¥21.60" in page
    assert re.search(r"re_\w+", page)


@pytest.mark.requires_service("stripe")
def test_the_merchant_and_the_bureau_open_the_receipt(shop, client, stripe_on, bureau):
    order, _payment = paid_online(shop, client)

    for person in (shop.merchant.owner, bureau):
        client.force_login(person)
        assert client.get(url("commerce:payment_receipt", order.number)).status_code == 200


def test_an_order_paid_at_the_counter_has_no_online_receipt(shop, client, settings):
    settings.STRIPE_SECRET_KEY = ""
    order = placed(shop)
    client.force_login(shop.resident)

    assert client.get(url("commerce:payment_receipt", order.number)).status_code == 404


# ---------------------------------------------------------------- emails


@pytest.mark.requires_service("stripe")
def test_emails_go_in_each_readers_language(shop, client, stripe_on, django_capture_on_commit_callbacks):
    shop.resident.preferred_language = "en"
    shop.resident.save()
    owner = shop.merchant.owner
    owner.preferred_language = "zh-hans"
    owner.save()
    order = placed(shop, shop.washing, 3)
    client.force_login(shop.resident)
    client.post(url("commerce:pay", order.number))
    payment = Payment.objects.get(order=order)

    with django_capture_on_commit_callbacks(execute=True):
        shop.post_event(client, "checkout.session.completed", session_object(payment))

    to_resident = [message for message in mail.outbox if shop.resident.email in message.to]
    to_merchant = [message for message in mail.outbox if owner.email in message.to]
    assert [message.subject for message in to_resident] == [f"Your payment for order {order.number} is confirmed"]
    assert "/en/orders/" in to_resident[0].body
    assert [message.subject for message in to_merchant] == [f"新订单 {order.number}"]
    assert "/orders/" in to_merchant[0].body and "/en/" not in to_merchant[0].body
    # The merchant is sent to its own page of the order, which it can open; the resident's page is not its own.
    assert f"/portal/orders/{order.number}/" in to_merchant[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        orders.decline_order(order, owner, "今天停电")
    declined = [message for message in mail.outbox if shop.resident.email in message.to]
    assert declined[0].subject == f"Order {order.number} declined"
    assert "今天停电" in declined[0].body


def test_the_merchant_hears_of_a_counter_order_and_of_its_cancellation(
    shop, settings, django_capture_on_commit_callbacks
):
    settings.STRIPE_SECRET_KEY = ""
    owner = shop.merchant.owner
    owner.preferred_language = "en"
    owner.save()

    with django_capture_on_commit_callbacks(execute=True):
        order = placed(shop)
    with django_capture_on_commit_callbacks(execute=True):
        orders.cancel_order(order, shop.resident, "临时有事")

    subjects = [message.subject for message in mail.outbox if owner.email in message.to]
    assert subjects == [f"New order {order.number}", f"Order {order.number} cancelled"]
    assert "临时有事" in mail.outbox[-1].body


def test_an_unpaid_order_cancelled_tells_the_merchant_nothing(shop, stripe_on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = placed(shop)
        orders.cancel_order(order, shop.resident, "")

    assert [message for message in mail.outbox if shop.merchant.owner.email in message.to] == []


def test_a_micro_profit_price_for_an_ineligible_resident_is_the_merchants(shop, client):
    someone = UserFactory(role=Role.RESIDENT)
    client.force_login(someone)

    page = text(client.get(url("commerce:book", shop.washing.pk)))

    assert "Micro-profit price cap" not in page
    assert "¥12.00" in page


def test_a_service_of_another_kind_keeps_its_own_unit(shop, client):
    hourly = BookableServiceFactory(
        organization=shop.merchant,
        category=shop.cleaning.category,
        locations=[shop.outlet],
        unit="hour",
        amount=Decimal("45.00"),
    )

    assert "¥45.00 per hour" in text(client.get(url("registry:merchant_detail", shop.merchant.pk)))
    assert hourly.pk


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_booking_and_order_pages_have_one_heading_and_labelled_fields(shop, client, settings, language):
    settings.STRIPE_SECRET_KEY = ""
    order = placed(shop)
    client.force_login(shop.resident)

    for page_url in (
        url("commerce:book", shop.cleaning.pk, language=language),
        url("commerce:order", order.number, language=language),
        url("commerce:orders", language=language),
    ):
        structure = page_structure(client.get(page_url))
        assert structure.h1_count == 1, page_url
        assert structure.unlabelled_fields == [], page_url
