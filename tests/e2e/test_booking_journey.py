"""Issue 13's "done when": an eligible resident books a micro-profit service and sees the capped, discounted price,
is sent to the Checkout Session's address (stripe-mock made it; the page itself is Stripe's, stood in for here),
Stripe's signed webhook arrives, the merchant accepts and completes the order in the portal, and the resident's
savings and the bureau's report show the saving.
"""

import json
import re
import urllib.request
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from market.accounts.roles import Role
from market.commerce.models import Order, Payment
from tests.commerce.conftest import WEBHOOK_SECRET, event, laundry_shop, session_object, sign
from tests.discounts.factories import group
from tests.factories import UserFactory
from tests.services import stripe_mock_url

pytestmark = pytest.mark.requires_service("stripe")


def deliver(live_server, payload: dict) -> int:
    """POST an event to the site's webhook the way Stripe does: raw JSON, signed with the endpoint's secret."""
    body = json.dumps(payload).encode()
    request = urllib.request.Request(
        f"{live_server.url}/stripe/webhook/",
        data=body,
        headers={"Content-Type": "application/json", "Stripe-Signature": sign(body)},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_eligible_resident_books_and_pays_a_micro_profit_service(
    page, sign_in, open_browser, home_page, live_server, settings
):
    settings.STRIPE_SECRET_KEY = "sk_test_linli"
    settings.STRIPE_API_BASE = stripe_mock_url()
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    laundry = laundry_shop("laundry-journey", merchant_name="邻里洗衣", outlet_name="新街口店", offer_name="洗衣九折")
    merchant, washing, resident = laundry.merchant, laundry.washing, laundry.resident
    laid_off = group("registered-unemployed")
    staff = UserFactory(role=Role.REVIEWER)

    # The resident books three shirts: the merchant's ¥12 is capped at ¥8, then 10% off for laid-off workers.
    sign_in(page, resident)
    page.goto(f"/en/orders/book/{washing.pk}/")
    page.get_by_label("Quantity").fill("3")
    page.get_by_role("button", name="Update the price").click()
    price = page.locator(".price-breakdown")
    expect(price).to_contain_text("Micro-profit price cap (¥8.00 each)")
    expect(price).to_contain_text("洗衣九折")
    expect(price.locator("tfoot")).to_contain_text("¥21.60")
    page.get_by_role("button", name="Book, then pay online").click()
    order = Order.objects.get(resident=resident)
    assert (order.total, order.state) == (Decimal("21.60"), Order.S.AWAITING_PAYMENT)

    # Paying sends the browser to the Checkout Session's own address (Stripe's page, stood in for here).
    page.route("https://checkout.stripe.com/**", lambda route: route.fulfill(status=200, body="Stripe Checkout"))
    page.get_by_role("button", name="Pay ¥21.60 online").click()
    payment = Payment.objects.get(order=order)
    expect(page).to_have_url(payment.checkout_url)

    # Coming back before Stripe's event, the resident is told the truth: not yet confirmed.
    page.goto(f"/en/orders/{order.number}/paid/")
    expect(page.get_by_text("We are waiting for Stripe to confirm your payment.")).to_be_visible()
    assert deliver(live_server, event("checkout.session.completed", session_object(payment))) == 200
    page.reload()
    expect(page.get_by_text("Stripe has confirmed your payment.")).to_be_visible()

    # The merchant accepts and completes the order in the portal.
    shop = open_browser(merchant.owner)
    shop.goto(f"/en/portal/orders/{order.number}/")
    shop.get_by_role("button", name="Accept").click()
    shop.get_by_role("button", name="Mark as completed").click()
    order.refresh_from_db()
    assert order.state == Order.S.COMPLETED

    # The resident's savings and the bureau's report count the ¥2.40 discount.
    page.goto("/en/benefits/savings/")
    expect(page.locator(".savings-total")).to_contain_text("¥2.40")
    bureau = open_browser(staff)
    bureau.goto("/admin/discounts/reports/savings_by_group/")
    report = bureau.locator("table").first
    expect(report).to_contain_text(laid_off.name)
    expect(report).to_contain_text(re.compile(r"2\.4"))
