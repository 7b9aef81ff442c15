"""The marketplace in the demo: bookable services at a few merchants (a repair call-out and a micro-profit check at
the demo merchant's shop, a housekeeping visit, a laundry's shirts under the bureau's cap), a ready Stripe account
for the demo merchant's shop (with no STRIPE_SECRET_KEY the site still says online payment is off), and orders of
the demo resident in several states, placed and moved through the real services, paid at the counter.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from market import clock_source
from market.commerce.models import BookableService, Order, PaymentAccount, PaymentMethod, PricingUnit
from market.commerce.services import orders
from market.discounts.models import MicroProfitService, MicroProfitServiceType
from market.registry.models import Organization

# (idempotency key, service name, the steps after placing it)
DEMO_ORDERS = [
    ("demo-order-waiting", "维修上门服务", []),
    ("demo-order-accepted", "维修上门服务", ["accept"]),
    ("demo-order-declined", "维修上门服务", ["decline"]),
    ("demo-order-completed", "上门咨询服务", ["accept", "complete"]),
]


def load_commerce() -> int:
    merchant_shop = Organization.objects.listed().filter(owner__username="merchant").order_by("listed_at", "pk").first()
    created = 0
    if merchant_shop is not None:
        created += _payment_account(merchant_shop)
        created += _service(merchant_shop, "维修上门服务", "Repair call-out", Decimal("50.00"), PricingUnit.VISIT)
        micro = merchant_shop.micro_profit_services.select_related("service_type").first()
        if micro is not None:
            created += _service(
                merchant_shop,
                "家电上门检测（微利）",
                "Appliance check at home (micro-profit)",
                Decimal("35.00"),
                PricingUnit.VISIT,
                micro_profit_service=micro,
            )
    # A second business of the demo merchant, where the demo resident has no offer: its completed order counts for
    # no saving (the demo resident's two savings stay the discount demo's).
    for other in (
        Organization.objects.listed()
        .filter(owner__username="merchant", locations__isnull=False)
        .distinct()
        .order_by("pk")
    ):
        if other != merchant_shop and not other.offers.exists() and other.categories.exists():
            created += _service(other, "上门咨询服务", "Advice at home", Decimal("30.00"), PricingUnit.VISIT)
            break
    housekeeping = _first_listed("housekeeping", "cleaning")
    if housekeeping is not None:
        created += _service(
            housekeeping, "家庭保洁（按小时）", "Housekeeping visit (by the hour)", Decimal("45.00"), PricingUnit.HOUR
        )
    laundry = _first_listed("laundry")
    if laundry is not None:
        created += _laundry(laundry)
    created += _orders()
    return created


def _first_listed(*codes):
    return (
        Organization.objects.listed()
        .filter(categories__code__in=codes, locations__isnull=False)
        .exclude(owner__username="merchant")
        .order_by("pk")
        .first()
    )


def _payment_account(shop) -> int:
    _, made = PaymentAccount.objects.get_or_create(
        organization=shop,
        defaults={
            "stripe_account_id": "acct_demo_linli_merchant",
            "details_submitted": True,
            "charges_enabled": True,
            "payouts_enabled": True,
        },
    )
    return int(made)


def _service(organization, name, name_en, amount, unit, micro_profit_service=None) -> int:
    if organization.bookable_services.filter(name=name).exists():
        return 0
    category = micro_profit_service.service_type.category if micro_profit_service else organization.categories.first()
    service = BookableService.objects.create(
        organization=organization,
        category=category,
        micro_profit_service=micro_profit_service,
        name=name,
        name_en=name_en,
        amount=amount,
        unit=unit,
        most_units=4 if unit == PricingUnit.HOUR else 1,
        at_home=True,
        needs_appointment=True,
        lead_time_hours=4,
        free_cancellation_hours=24,
    )
    service.locations.set(organization.locations.all())
    return 1


def _laundry(laundry) -> int:
    """Shirts washed and ironed, a micro-profit service: the laundry asks ¥7.50, under the bureau's ¥8 cap."""
    if laundry.bookable_services.exists():
        return 0
    service_type = MicroProfitServiceType.objects.filter(category__code="laundry").first()
    if service_type is None:
        return 0
    micro = laundry.micro_profit_services.filter(service_type=service_type).first()
    if micro is None:
        micro = MicroProfitService.objects.create(
            organization=laundry, service_type=service_type, name="衬衫洗熨（微利）", price=Decimal("7.50")
        )
        micro.locations.set(laundry.locations.all())
    service = BookableService.objects.create(
        organization=laundry,
        category=service_type.category,
        micro_profit_service=micro,
        name="衬衫洗熨",
        name_en="Shirts washed and ironed",
        amount=Decimal("7.50"),
        unit=PricingUnit.ITEM,
        most_units=service_type.max_units_per_sale,
        at_home=False,
        needs_appointment=False,
        lead_time_hours=0,
        free_cancellation_hours=0,
    )
    service.locations.set(laundry.locations.all())
    return 1


def _orders() -> int:
    resident = get_user_model().objects.filter(username="resident").first()
    if resident is None:
        return 0
    created = 0
    for key, service_name, steps in DEMO_ORDERS:
        if Order.objects.filter(idempotency_key=key).exists():
            continue
        service = BookableService.objects.filter(name=service_name).select_related("organization").first()
        if service is None:
            continue
        location = service.locations.first()
        # An order to be completed was booked a week ago, for an appointment that has passed: a merchant completes
        # an order only once its appointment has started.
        booked = clock_source.now() - datetime.timedelta(days=7 if "complete" in steps else 0)
        with clock_source.fixed_at(booked):
            order = orders.place_order(
                resident,
                service,
                location,
                scheduled_for=_appointment(location, booked + datetime.timedelta(days=2)),
                address="鼓楼区中山路100号 2-301",
                phone="13800000000",
                notes="请提前电话联系。",
                idempotency_key=key,
            )
        merchant = service.organization.owner
        if order.payment_method != PaymentMethod.COUNTER:
            steps = []  # with a Stripe key the order waits for the resident's payment, which only Stripe confirms
        for step in steps:
            if step == "accept":
                order = orders.accept_order(order, merchant)
            elif step == "complete":
                order = orders.complete_order(order, merchant)
            else:
                order = orders.decline_order(order, merchant, "师傅这两天都排满了，抱歉。")
        created += 1
    return created


def _appointment(location, earliest):
    """10:00 on the first day from `earliest` when the outlet is open at that hour (any day, where it gave no
    hours)."""
    start = timezone.localtime(earliest).replace(hour=10, minute=0, second=0, microsecond=0)
    for days in range(14):
        moment = start + datetime.timedelta(days=days)
        if location.is_open_at(moment):
            return moment
    return start
