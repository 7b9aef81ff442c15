"""The merchant's marketplace pages: its bookable services, its online payment (Stripe Connect against stripe-mock)
and the orders to its shop, with another merchant refused everywhere."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from market.commerce import signals
from market.commerce.errors import CommerceError
from market.commerce.models import BookableService, Order, OrderAction, PaymentState, Refund, RefundState
from market.commerce.services import catalogue, checkout, orders
from market.errors import NotPermitted
from tests.commerce.conftest import new_key, session_object, tomorrow_at
from tests.commerce.factories import BookableServiceFactory
from tests.factories import LocationFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message.message) for message in get_messages(response.wsgi_request)]


def service_data(shop, **changes) -> dict:
    data = {
        "name": "上门修水管",
        "name_en": "Plumbing call-out",
        "description": "",
        "category": shop.cleaning.category_id,
        "amount": "60.00",
        "unit": "visit",
        "most_units": "1",
        "micro_profit_service": "",
        "locations": [shop.outlet.pk],
        "at_home": "on",
        "needs_appointment": "on",
        "lead_time_hours": "4",
        "free_cancellation_hours": "12",
    }
    data.update(changes)
    return data


@pytest.fixture
def owner(shop):
    shop.merchant.categories.add(shop.cleaning.category)
    return shop.merchant.owner


# ---------------------------------------------------------------- catalogue


def test_a_merchant_adds_a_service_and_search_hears_of_it(shop, owner, django_capture_on_commit_callbacks):
    heard = []
    signals.catalogue_changed.connect(lambda sender, **details: heard.append(details), weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in(owner).post(
                reverse("commerce_portal:add_service", args=[shop.merchant.pk]), service_data(shop)
            )
    finally:
        signals.catalogue_changed.receivers.clear()

    assert response.status_code == 302
    service = BookableService.objects.get(name="上门修水管")
    assert (service.amount, service.lead_time_hours, service.free_cancellation_hours) == (Decimal("60.00"), 4, 12)
    assert list(service.locations.all()) == [shop.outlet]
    assert service.active
    assert [(details["organization"], details["actor"].pk) for details in heard] == [(shop.merchant, owner.pk)]
    page = signed_in(owner).get(reverse("commerce_portal:services", args=[shop.merchant.pk]))
    assert "Plumbing call-out" in page.content.decode()


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"amount": "0"}, "The price must be more than ¥0."),
        ({"locations": []}, "This field is required."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_a_service_with_a_problem_is_not_saved(shop, owner, change, problem):
    response = signed_in(owner).post(
        reverse("commerce_portal:add_service", args=[shop.merchant.pk]), service_data(shop, **change)
    )

    assert response.status_code == 200
    assert problem in response.content.decode()
    assert not BookableService.objects.filter(name="上门修水管").exists()


def test_another_merchants_outlet_is_refused(shop, owner):
    elsewhere = LocationFactory(organization=OrganizationFactory())

    response = signed_in(owner).post(
        reverse("commerce_portal:add_service", args=[shop.merchant.pk]),
        service_data(shop, locations=[shop.outlet.pk, elsewhere.pk]),
    )

    assert response.status_code == 200
    assert not BookableService.objects.filter(name="上门修水管").exists()
    service = BookableService(organization=shop.merchant, category=shop.cleaning.category, name="x", amount=1)
    with pytest.raises(CommerceError, match="your own outlets"):
        catalogue.save_bookable_service(service, owner, locations=[elsewhere])


def test_the_service_refuses_what_the_form_cannot_stop(shop, owner):
    other = OrganizationFactory()
    foreign_micro = shop.washing.micro_profit_service.__class__.objects.create(
        organization=other, service_type=shop.washing.micro_profit_service.service_type, name="x", price=5
    )
    service = BookableService(
        organization=shop.merchant,
        category=shop.cleaning.category,
        name="洗衬衫",
        amount=Decimal("10"),
        micro_profit_service=foreign_micro,
    )
    with pytest.raises(CommerceError, match="own micro-profit services"):
        catalogue.save_bookable_service(service, owner, locations=[shop.outlet])
    service.micro_profit_service = None
    service.amount = Decimal("0")
    with pytest.raises(CommerceError, match="more than"):
        catalogue.save_bookable_service(service, owner, locations=[shop.outlet])
    service.amount = Decimal("10")
    with pytest.raises(NotPermitted):
        catalogue.save_bookable_service(service, other.owner, locations=[shop.outlet])
    assert not BookableService.objects.filter(name="洗衬衫").exists()


def test_a_merchant_edits_and_withdraws_its_service(shop, owner):
    client = signed_in(owner)
    url = reverse("commerce_portal:edit_service", args=[shop.merchant.pk, shop.cleaning.pk])

    response = client.post(url, service_data(shop, name=shop.cleaning.name, amount="95.50", active="on"))
    assert response.status_code == 302
    shop.cleaning.refresh_from_db()
    assert shop.cleaning.amount == Decimal("95.50")

    client.post(reverse("commerce_portal:withdraw_service", args=[shop.merchant.pk, shop.cleaning.pk]))
    shop.cleaning.refresh_from_db()
    assert not shop.cleaning.active
    assert not BookableService.objects.on_sale().filter(pk=shop.cleaning.pk).exists()


def test_another_merchant_cannot_reach_the_services(shop, owner):
    stranger = signed_in(OrganizationFactory().owner)
    organization, service = shop.merchant.pk, shop.cleaning.pk

    assert stranger.get(reverse("commerce_portal:services", args=[organization])).status_code == 404
    assert stranger.get(reverse("commerce_portal:edit_service", args=[organization, service])).status_code == 404
    assert stranger.post(reverse("commerce_portal:withdraw_service", args=[organization, service])).status_code == 404
    assert stranger.post(reverse("commerce_portal:connect", args=[organization])).status_code == 404
    shop.cleaning.refresh_from_db()
    assert shop.cleaning.active
    assert signed_in(shop.resident).get(reverse("commerce_portal:orders")).status_code == 403


# ---------------------------------------------------------------- online payment


def test_without_a_stripe_key_the_page_says_payment_is_off(shop, owner, settings):
    settings.STRIPE_SECRET_KEY = ""

    page = signed_in(owner).get(reverse("commerce_portal:online_payment", args=[shop.merchant.pk])).content.decode()

    assert "Online payment is off on this site" in page
    assert "pay you at the counter" in page


@pytest.mark.requires_service("stripe")
def test_the_connect_button_sends_the_merchant_to_stripe(shop, owner, stripe_on):
    shop.merchant.payment_account.delete()
    client = signed_in(owner)
    page = client.get(reverse("commerce_portal:online_payment", args=[shop.merchant.pk])).content.decode()
    assert "Not set up" in page
    assert "You cannot take online orders" in page

    response = client.post(reverse("commerce_portal:connect", args=[shop.merchant.pk]))

    assert response.status_code == 303
    assert response["Location"].startswith("https://")
    shop.merchant.refresh_from_db()
    account = shop.merchant.payment_account
    assert account.stripe_account_id.startswith("acct_")
    account.requirements_due = "external_account, individual.id_number"
    account.save()
    page = client.get(reverse("commerce_portal:online_payment", args=[shop.merchant.pk])).content.decode()
    assert "Details missing" in page
    assert "individual.id_number" in page
    refreshed = client.get(reverse("commerce_portal:online_payment_refresh", args=[shop.merchant.pk]))
    assert refreshed.status_code == 303


@pytest.mark.requires_service("stripe")
def test_a_ready_account_is_shown_ready(shop, owner, stripe_on):
    page = signed_in(owner).get(reverse("commerce_portal:online_payment", args=[shop.merchant.pk])).content.decode()

    assert "Residents can pay you online." in page
    assert shop.merchant.payment_account.stripe_account_id in page


def test_the_merchant_home_shows_orders_and_payment_instead_of_coming_soon(shop, owner, settings):
    settings.STRIPE_SECRET_KEY = ""
    counter_order(shop)

    page = signed_in(owner).get(reverse("accounts:home")).content.decode()

    assert "Coming soon" not in page
    assert "1 order waiting for you." in page
    assert "online payment is off on this site" in page
    assert reverse("commerce_portal:orders") in page


# ---------------------------------------------------------------- orders


def counter_order(shop) -> Order:
    return orders.place_order(
        shop.resident,
        shop.cleaning,
        shop.outlet,
        scheduled_for=tomorrow_at(10),
        address="中山路1号 3-201",
        phone="13900000000",
        notes="请带梯子",
        idempotency_key=new_key(),
    )


def test_the_merchant_accepts_and_completes_a_counter_order(shop, owner, settings, clock):
    settings.STRIPE_SECRET_KEY = ""
    order = counter_order(shop)
    client = signed_in(owner)

    listing = client.get(reverse("commerce_portal:orders"), {"state": "open"}).content.decode()
    assert order.number in listing
    page = client.get(reverse("commerce_portal:order", args=[order.number])).content.decode()
    assert "中山路1号 3-201" in page
    assert "13900000000" in page
    assert "请带梯子" in page
    assert "Discount for an eligible group" in page  # the offer used, not the resident's group
    assert order.group.name not in page
    assert order.group.name_en not in page

    client.post(reverse("commerce_portal:order_act", args=[order.number, "accept"]))
    clock.advance(days=1)  # the appointment has come
    client.post(reverse("commerce_portal:order_act", args=[order.number, "complete"]))

    order.refresh_from_db()
    assert order.state == Order.S.COMPLETED
    assert list(order.events.values_list("action", flat=True)) == [
        OrderAction.PLACED,
        OrderAction.ACCEPTED,
        OrderAction.COMPLETED,
    ]
    done = client.get(reverse("commerce_portal:orders"), {"state": Order.S.COMPLETED}).content.decode()
    assert order.number in done


def test_a_decline_needs_a_reason(shop, owner, settings):
    settings.STRIPE_SECRET_KEY = ""
    order = counter_order(shop)

    response = signed_in(owner).post(
        reverse("commerce_portal:order_act", args=[order.number, "decline"]), {"reason": "  "}
    )

    assert response.status_code == 400
    assert "Tell the resident why you decline the order." in response.content.decode()
    order.refresh_from_db()
    assert order.state == Order.S.PLACED


def test_a_step_the_state_does_not_allow_is_refused_with_a_message(shop, owner, settings):
    settings.STRIPE_SECRET_KEY = ""
    order = counter_order(shop)

    response = signed_in(owner).post(reverse("commerce_portal:order_act", args=[order.number, "complete"]))

    assert "Only an accepted order can be completed." in messages_of(response)
    order.refresh_from_db()
    assert order.state == Order.S.PLACED


def test_another_merchant_gets_404_on_an_order(shop, settings):
    settings.STRIPE_SECRET_KEY = ""
    order = counter_order(shop)
    stranger = signed_in(OrganizationFactory().owner)

    assert stranger.get(reverse("commerce_portal:order", args=[order.number])).status_code == 404
    assert stranger.post(reverse("commerce_portal:order_act", args=[order.number, "accept"])).status_code == 404
    assert order.number not in stranger.get(reverse("commerce_portal:orders")).content.decode()
    order.refresh_from_db()
    assert order.state == Order.S.PLACED


@pytest.mark.requires_service("stripe")
def test_declining_a_paid_order_refunds_it(shop, owner, stripe_on, client, django_capture_on_commit_callbacks):
    order = orders.place_order(shop.resident, shop.washing, shop.outlet, quantity=2, idempotency_key=new_key())
    payment = checkout.start_checkout(
        order, shop.resident, success_url="https://linli.example/ok", cancel_url="https://linli.example/no"
    )
    shop.post_event(client, "checkout.session.completed", session_object(payment))
    order.refresh_from_db()
    assert order.state == Order.S.PLACED

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(owner).post(
            reverse("commerce_portal:order_act", args=[order.number, "decline"]), {"reason": "洗衣机坏了"}
        )

    assert "Declined. What the resident paid online is being refunded in full." in messages_of(response)
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.state == Order.S.DECLINED
    refund = Refund.objects.get()
    assert (refund.state, refund.amount, refund.note) == (RefundState.SUCCEEDED, order.total, "洗衣机坏了")
    assert payment.state == PaymentState.REFUNDED


def test_the_service_factory_is_not_shared(shop):
    # A service of another merchant never shows in this merchant's list.
    other = BookableServiceFactory(name="别家保洁")
    page = signed_in(shop.merchant.owner).get(reverse("commerce_portal:services", args=[shop.merchant.pk]))
    assert other.name not in page.content.decode()
