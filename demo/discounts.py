"""Demo discounts: the bureau's micro-profit price caps and limits, offers from listed merchants, and the demo
resident verified as a laid-off worker (with a real name and a demo ID number whose check digit is right) with a
benefit code, a few savings and micro-profit purchases that named their code.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from market import clock_source
from market.discounts import identity
from market.discounts.models import (
    Eligibility,
    EligibilityApplication,
    EligibilityApplicationState,
    EligibilityGroup,
    MicroProfitSale,
    MicroProfitService,
    MicroProfitServiceType,
    Offer,
    OfferKind,
    Redemption,
)
from market.discounts.services.benefit_codes import active_benefit_code, issue_benefit_code, issue_typed_code
from market.discounts.services.micro_profit_services import record_micro_profit_sale
from market.discounts.services.redemption import redeem
from market.registry.models import Category, Organization

# (category code, name, English name, unit, English unit, price cap, subsidy per unit,
#  most units in one sale, most per resident a day, flag above this many a day at an outlet)
PRICE_CAPS = [
    ("laundry", "衬衫洗熨", "Shirt washed and ironed", "件", "shirt", "8.00", "2.00", 10, 20, 60),
    ("appliance-repair", "家电上门检测", "Appliance check at home", "次", "visit", "30.00", "10.00", 1, 2, 10),
    ("community-canteen", "老年助餐", "Meal for an elderly resident", "份", "meal", "12.00", "4.00", 2, 3, 80),
]
# (category code, offer name, groups, percent off, maximum discount in yuan)
OFFERS = [
    ("laundry", "下岗失业人员洗衣九折", ["registered-unemployed", "minimum-living-allowance"], "10", "20"),
    (
        "appliance-repair",
        "困难群众上门维修八五折",
        ["registered-unemployed", "minimum-living-allowance", "disability"],
        "15",
        "50",
    ),
    ("community-canteen", "老年人早餐九五折", ["elderly"], "5", "5"),
    ("cleaning", "低保家庭保洁九折", ["minimum-living-allowance"], "10", "30"),
    ("plumbing-electrics", "优抚对象水电维修九折", ["servicemen-families"], "10", "40"),
]
MERCHANTS_PER_OFFER = 6
DEMO_REDEMPTIONS = [("demo-redemption-1", "120.00"), ("demo-redemption-2", "260.00")]
DEMO_SALES = ["demo-sale-1"]
# The demo resident's name as on the ID card, and a demo ID number (Nanjing's Xuanwu district, 320102) whose check
# digit is right. It is no real person's: the sequence number is the demo's own.
DEMO_RESIDENT_NAME = "张丽华"
DEMO_RESIDENT_ID_NUMBER = identity.make_id_number("320102", datetime.date(1972, 5, 18), 908)


def load_discounts() -> int:
    today = clock_source.today()
    start_of_year = today.replace(month=1, day=1)
    created = _price_caps(start_of_year) + _offers(start_of_year)
    created += _demo_merchant(start_of_year) + _demo_resident(today)
    return created


def _price_caps(valid_from) -> int:
    created = 0
    for category_code, name, name_en, unit, unit_en, cap, subsidy, per_sale, per_day, flag_above in PRICE_CAPS:
        _, made = MicroProfitServiceType.objects.get_or_create(
            category=Category.objects.get(code=category_code),
            name=name,
            defaults={
                "name_en": name_en,
                "unit": unit,
                "unit_en": unit_en,
                "price_cap": Decimal(cap),
                "subsidy_per_unit": Decimal(subsidy),
                "valid_from": valid_from,
                "max_units_per_sale": per_sale,
                "max_units_per_resident_per_day": per_day,
                "review_above_daily_units": flag_above,
            },
        )
        created += made
    return created


def _offer(organization, name, group_codes, percent, maximum, valid_from) -> bool:
    if organization.offers.filter(name=name).exists():
        return False
    offer = Offer.objects.create(
        organization=organization,
        name=name,
        kind=OfferKind.PERCENT,
        amount=Decimal(percent),
        maximum_discount=Decimal(maximum),
        valid_from=valid_from,
        per_person_quota=4,
        terms="每人每月限用4次，凭优惠码使用。",
    )
    offer.locations.set(organization.locations.all())
    offer.groups.set(EligibilityGroup.objects.filter(code__in=group_codes))
    return True


def _offers(valid_from) -> int:
    created = 0
    for category_code, name, group_codes, percent, maximum in OFFERS:
        merchants = Organization.objects.listed().filter(categories__code=category_code).order_by("pk")
        for organization in merchants[:MERCHANTS_PER_OFFER]:
            created += _offer(organization, name, group_codes, percent, maximum, valid_from)
    return created


def _demo_merchant(valid_from) -> int:
    """The demo merchant's listed repair shop: an offer to redeem at the counter and a micro-profit service."""
    # The first one listed: the demo merchant's other businesses are listed later, by the licensing demo.
    shop = Organization.objects.listed().filter(owner__username="merchant").order_by("listed_at", "pk").first()
    if shop is None:
        return 0
    created = _offer(
        shop, "下岗失业人员维修九折", ["registered-unemployed", "minimum-living-allowance"], "10", "30", valid_from
    )
    service_type = MicroProfitServiceType.objects.get(name="家电上门检测")
    if not shop.micro_profit_services.exists():
        service = MicroProfitService.objects.create(
            organization=shop, service_type=service_type, name="上门检测（微利）", price=Decimal("25.00")
        )
        service.locations.set(shop.locations.all())
        created += 1
    return created


def _demo_resident(today) -> int:
    """The demo resident is a verified laid-off worker who has already saved twice at the demo merchant and bought
    one micro-profit service there, each time with a code of their own."""
    User = get_user_model()
    resident = User.objects.filter(username="resident").first()
    merchant = User.objects.filter(username="merchant").first()
    if resident is None or merchant is None:
        return 0
    created = 0
    if not Eligibility.objects.filter(resident=resident).exists():
        group = EligibilityGroup.objects.get(code="registered-unemployed")
        valid_until = today.replace(year=today.year + 1)
        application = EligibilityApplication.objects.create(
            resident=resident,
            group=group,
            real_name=DEMO_RESIDENT_NAME,
            id_number=DEMO_RESIDENT_ID_NUMBER,
            id_number_digest=identity.digest(DEMO_RESIDENT_ID_NUMBER),
            id_number_masked=identity.mask(DEMO_RESIDENT_ID_NUMBER),
            date_of_birth=identity.birth_date(DEMO_RESIDENT_ID_NUMBER),
            state=EligibilityApplicationState.VERIFIED,
            submitted_at=clock_source.now(),
            decided_by=User.objects.filter(username="reviewer").first(),
            decided_at=clock_source.now(),
            valid_until=valid_until,
        )
        Eligibility.objects.create(
            resident=resident, group=group, valid_from=today, valid_until=valid_until, source_application=application
        )
        created += 1
    if active_benefit_code(resident) is None:
        issue_benefit_code(resident)
    offer = Offer.objects.filter(organization__owner=merchant, name="下岗失业人员维修九折").first()
    if offer is None:
        return created
    outlet = offer.locations.first()
    for key, amount in DEMO_REDEMPTIONS:
        if not Redemption.objects.filter(idempotency_key=key).exists():
            redeem(
                code=issue_typed_code(resident)[1],
                offer=offer,
                location=outlet,
                amount_before=Decimal(amount),
                staff=merchant,
                idempotency_key=key,
            )
            created += 1
    service = MicroProfitService.objects.filter(organization=offer.organization).first()
    for key in DEMO_SALES:
        if service is not None and not MicroProfitSale.objects.filter(idempotency_key=key).exists():
            record_micro_profit_sale(
                service=service,
                location=outlet,
                quantity=1,
                code=issue_typed_code(resident)[1],
                staff=merchant,
                idempotency_key=key,
            )
            created += 1
    return created
