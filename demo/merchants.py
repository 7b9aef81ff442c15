"""About three hundred merchants spread over Nanjing, built from a seeded random generator.

The same seed gives the same merchants on every run, so a merchant's unified social credit code is its
natural key: a second run finds every code already registered and creates nothing.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from pypinyin import lazy_pinyin

from demo.categories import CATEGORIES
from demo.data_files import nanjing
from demo.merchant_vocabulary import (
    CHAINS,
    COMPANY,
    GIVEN_NAMES,
    HOURS,
    INDIVIDUAL,
    KINDS,
    NONPROFIT,
    SURNAMES,
    TRADE_WORDS,
    BusinessKind,
)
from market.accounts.models import User
from market.places.models import Community, District, Subdistrict
from market.registry.credit_code import ALPHABET, check_character
from market.registry.models import (
    Category,
    ListingStatus,
    Location,
    Organization,
    Schedule,
    ScheduleException,
    Service,
)

SEED = 20060409  # the day the State Council issued the policy
INDEPENDENT_MERCHANTS = 290
SHANGHAI = ZoneInfo("Asia/Shanghai")
# Denser in the old city, thinner in the outer districts.
DISTRICT_WEIGHTS = {
    "320102": 13,
    "320104": 15,
    "320105": 10,
    "320106": 17,
    "320111": 7,
    "320113": 9,
    "320114": 8,
    "320115": 10,
    "320116": 4,
    "320117": 4,
    "320118": 3,
}
STATUS_WEIGHTS = {
    ListingStatus.ACTIVE: 88,
    ListingStatus.UNLISTED: 4,
    ListingStatus.SUSPENDED: 4,
    ListingStatus.EXPIRED: 4,
}
LANDLINE_PREFIXES = ("52", "57", "58", "66", "83", "84", "85", "86")
MOBILE_PREFIXES = ("138", "139", "151", "152", "158", "177", "180", "181", "186", "189")
SPRING_FESTIVAL_EVE = datetime.date(2026, 2, 16)
SPRING_FESTIVAL_DAYS = (datetime.date(2026, 2, 17), datetime.date(2026, 2, 18))


@dataclass
class OutletSpec:
    name: str
    address: str
    district_code: str
    subdistrict: str
    community: str | None
    latitude: Decimal
    longitude: Decimal
    phone: str
    hours: str
    # (date, opens_at, closes_at, notes); no times means closed all day.
    exceptions: list[tuple[datetime.date, str | None, str | None, str]] = field(default_factory=list)


@dataclass
class MerchantSpec:
    name: str
    name_en: str
    trade_name: str
    description: str
    credit_code: str
    legal_representative: str
    phone: str
    categories: tuple[str, ...]
    services: tuple[tuple[str, str], ...]  # (name, category code)
    listing_status: str
    listed_at: datetime.datetime | None
    outlets: list[OutletSpec]
    is_chain: bool = False
    founded_by_laid_off_workers: bool = False
    is_nonprofit: bool = False
    owned_by_demo_merchant: bool = False


def load_merchants() -> int:
    """Create the merchants not yet registered, with outlets, hours and services; returns how many."""
    specs = build_merchant_specs()
    registered = set(
        Organization.objects.filter(unified_social_credit_code__in=[spec.credit_code for spec in specs]).values_list(
            "unified_social_credit_code", flat=True
        )
    )
    specs = [spec for spec in specs if spec.credit_code not in registered]
    if not specs:
        return 0
    owner = User.objects.filter(username="merchant").first()
    organizations = Organization.objects.bulk_create([_organization(spec, owner) for spec in specs])
    _link_categories(specs, organizations)
    outlets = _create_outlets(specs, organizations)
    _create_services(specs, organizations, outlets)
    return len(organizations)


def build_merchant_specs() -> list[MerchantSpec]:
    """Every demo merchant, the same on every call."""
    generator = MerchantGenerator(random.Random(SEED))
    return [
        *generator.demo_merchant_pair(),
        *generator.chains(),
        *generator.independents(INDEPENDENT_MERCHANTS),
    ]


def pinyin_word(chinese: str) -> str:
    return "".join(lazy_pinyin(chinese)).capitalize()


def organisation_code(rng: random.Random) -> str:
    """A 9-character organisation code (GB 11714): eight characters and their check character."""
    body = "MA" + "".join(rng.choice(ALPHABET) for _ in range(6))
    values = [int(character, 36) for character in body]
    remainder = 11 - sum(value * weight for value, weight in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(remainder, str(remainder))


class MerchantGenerator:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.districts = {district["code"]: district for district in nanjing()["districts"]}
        self.credit_codes: set[str] = set()
        self.legal_names: set[str] = set()

    # Whole merchants

    def demo_merchant_pair(self) -> list[MerchantSpec]:
        """The two merchants the demo `merchant` account runs: one listed, one still applying."""
        xuanwu = self.districts["320102"]
        repair, cleaning = _kind("appliance-repair"), _kind("cleaning")
        listed = MerchantSpec(
            name="玄武区王师傅家电维修部",
            name_en=f"Master Wang Appliance Repair ({xuanwu['name_en']})",
            trade_name="王师傅家电维修",
            description="王建国师傅下岗后自主创业开的家电维修部，空调、洗衣机、热水器上门维修，修不好不收费。",
            credit_code=self.credit_code(INDIVIDUAL, "320102"),
            legal_representative="王建国",
            phone="13851700002",
            categories=("appliance-repair", "repair"),
            services=_services(repair),
            listing_status=ListingStatus.ACTIVE,
            listed_at=datetime.datetime(2025, 3, 18, 10, 30, tzinfo=SHANGHAI),
            outlets=[self.outlet("王师傅家电维修", xuanwu, _subdistrict(xuanwu, "新街口街道"), repair.hours)],
            founded_by_laid_off_workers=True,
            owned_by_demo_merchant=True,
        )
        applying = MerchantSpec(
            name="南京邻里洁家政服务有限公司",
            name_en="Nanjing Linlijie Housekeeping Co., Ltd.",
            trade_name="邻里洁家政",
            description="王建国与两位下岗姐妹合伙开办的家政公司，日常保洁和深度保洁，正在申请登记。",
            credit_code=self.credit_code(COMPANY, "320102"),
            legal_representative="王建国",
            phone="13851700002",
            categories=("cleaning", "housekeeping"),
            services=_services(cleaning),
            listing_status=ListingStatus.UNLISTED,
            listed_at=None,
            outlets=[self.outlet("邻里洁家政", xuanwu, _subdistrict(xuanwu, "梅园新村街道"), cleaning.hours)],
            founded_by_laid_off_workers=True,
            owned_by_demo_merchant=True,
        )
        self.legal_names.update({listed.name, applying.name})
        return [listed, applying]

    def chains(self) -> list[MerchantSpec]:
        specs = []
        for brand in CHAINS:
            outlets = []
            for _ in range(self.rng.randint(*brand.outlets)):
                district = self.district(urban_bias=True)
                subdistrict = self.rng.choice(district["subdistricts"])
                street = self.rng.choice(subdistrict["streets"])
                outlet = self.outlet(f"{brand.trade_name}（{street}店）", district, subdistrict, brand.hours, street)
                if outlet.name in {existing.name for existing in outlets}:
                    continue
                if brand.hours in ("supermarket", "pharmacy"):
                    outlet.exceptions.append((SPRING_FESTIVAL_EVE, "07:00", "18:00", "除夕提前打烊"))
                outlets.append(outlet)
            specs.append(
                MerchantSpec(
                    name=brand.legal_name,
                    name_en=brand.name_en,
                    trade_name=brand.trade_name,
                    description=brand.description,
                    credit_code=self.credit_code(COMPANY, brand.district_code),
                    legal_representative=self.person(),
                    phone=self.landline(),
                    categories=(*brand.categories, *_parents(brand.categories)),
                    services=brand.services,
                    listing_status=ListingStatus.ACTIVE,
                    listed_at=self.listed_at(),
                    outlets=outlets,
                    is_chain=True,
                )
            )
        return specs

    def independents(self, count: int) -> list[MerchantSpec]:
        weights = [kind.weight for kind in KINDS]
        specs = []
        while len(specs) < count:
            kind = self.rng.choices(KINDS, weights)[0]
            district = self.district()
            subdistrict = self.rng.choice(district["subdistricts"])
            names = self.names(kind, district, subdistrict)
            if names is None:
                continue
            legal_name, name_en, trade_name, representative = names
            status = self.rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
            outlets = [self.outlet(trade_name, district, subdistrict, kind.hours)]
            if kind.registration == COMPANY and self.rng.random() < 0.15:
                street = self.rng.choice(subdistrict["streets"])
                outlets.append(self.outlet(f"{trade_name}（{street}店）", district, subdistrict, kind.hours, street))
            if kind.registration == INDIVIDUAL and self.rng.random() < 0.25:
                for outlet in outlets:
                    outlet.exceptions += [(day, None, None, "春节休息") for day in SPRING_FESTIVAL_DAYS]
            categories = (kind.category, *_parents((kind.category,)))
            specs.append(
                MerchantSpec(
                    name=legal_name,
                    name_en=name_en,
                    trade_name=trade_name,
                    description=self.rng.choice(kind.descriptions),
                    credit_code=self.credit_code(kind.registration, district["code"]),
                    legal_representative=representative,
                    phone=self.mobile() if kind.registration == INDIVIDUAL else self.landline(),
                    categories=categories,
                    services=_services(kind, self.rng.randint(2, 3)),
                    listing_status=status,
                    listed_at=None if status == ListingStatus.UNLISTED else self.listed_at(),
                    outlets=outlets,
                    founded_by_laid_off_workers=kind.registration != NONPROFIT and self.rng.random() < 0.11,
                    is_nonprofit=kind.registration == NONPROFIT,
                )
            )
        return specs

    # Parts

    def names(self, kind: BusinessKind, district: dict, subdistrict: dict) -> tuple[str, str, str, str] | None:
        """Legal name, English legal name, trade name and legal representative; None if the name is taken.

        A business named after its owner (王师傅…, 王记…) has that owner as its legal representative.
        """
        word, surname = self.rng.choice(TRADE_WORDS), self.rng.choice(SURNAMES)
        given = self.rng.choice(GIVEN_NAMES)
        place = subdistrict["name"].removesuffix("街道")
        values = {
            "district": district["name"],
            "place": place,
            "word": word,
            "surname": surname,
            "given": given,
            "word_en": pinyin_word(word),
            "surname_en": pinyin_word(surname),
            "place_en": subdistrict["name_en"].removesuffix(" Subdistrict"),
        }
        legal_name = kind.legal_name.format(**values)
        if legal_name in self.legal_names:
            return None
        self.legal_names.add(legal_name)
        english = kind.english.format(**values)
        if kind.registration == COMPANY:
            name_en = f"Nanjing {english} Co., Ltd."
        else:
            name_en = f"{english} ({district['name_en']})"
        representative = surname + given if "{surname}" in kind.legal_name else self.person()
        return legal_name, name_en, kind.trade_name.format(**values), representative

    def outlet(self, name: str, district: dict, subdistrict: dict, hours: str, street: str | None = None) -> OutletSpec:
        spread = 0.006 if subdistrict["communities"] else 0.012
        return OutletSpec(
            name=name,
            address=f"{street or self.rng.choice(subdistrict['streets'])}{self.rng.randint(1, 320)}号",
            district_code=district["code"],
            subdistrict=subdistrict["name"],
            community=self.rng.choice(subdistrict["communities"])["name"] if subdistrict["communities"] else None,
            latitude=_jitter(subdistrict["latitude"], spread, self.rng),
            longitude=_jitter(subdistrict["longitude"], spread, self.rng),
            phone=self.landline(),
            hours=hours,
        )

    def credit_code(self, registration: str, division: str) -> str:
        while True:
            first_seventeen = registration + division + organisation_code(self.rng)
            code = first_seventeen + check_character(first_seventeen)
            if code not in self.credit_codes:
                self.credit_codes.add(code)
                return code

    def district(self, urban_bias: bool = False) -> dict:
        weights = {
            code: weight * (3 if urban_bias and weight >= 10 else 1) for code, weight in DISTRICT_WEIGHTS.items()
        }
        return self.districts[self.rng.choices(list(weights), list(weights.values()))[0]]

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN_NAMES)

    def landline(self) -> str:
        return f"025-{self.rng.choice(LANDLINE_PREFIXES)}{self.rng.randint(0, 999999):06d}"

    def mobile(self) -> str:
        return f"{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randint(0, 99999999):08d}"

    def listed_at(self) -> datetime.datetime:
        day = datetime.date(2023, 1, 3) + datetime.timedelta(days=self.rng.randint(0, 1100))
        return datetime.datetime.combine(
            day, datetime.time(self.rng.randint(9, 16), self.rng.choice((0, 30))), SHANGHAI
        )


def _kind(category: str) -> BusinessKind:
    return next(kind for kind in KINDS if kind.category == category)


def _services(kind: BusinessKind, count: int | None = None) -> tuple[tuple[str, str], ...]:
    """The first few services a kind of business offers, each in the kind's category."""
    return tuple((name, kind.category) for name in kind.services[:count])


def _subdistrict(district: dict, name: str) -> dict:
    return next(subdistrict for subdistrict in district["subdistricts"] if subdistrict["name"] == name)


def _parents(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The top-level categories of these sub-categories, so a merchant is found under both."""
    return tuple(seed.code for seed in CATEGORIES if any(child.code in codes for child in seed.children))


def _jitter(value: float, spread: float, rng: random.Random) -> Decimal:
    return Decimal(str(round(value + rng.uniform(-spread, spread), 6)))


# Writing to the database, a layer at a time with bulk inserts.


def _organization(spec: MerchantSpec, owner: User | None) -> Organization:
    return Organization(
        name=spec.name,
        name_en=spec.name_en,
        alternate_name=spec.trade_name,
        description=spec.description,
        unified_social_credit_code=spec.credit_code,
        legal_representative=spec.legal_representative,
        phone=spec.phone,
        is_chain=spec.is_chain,
        founded_by_laid_off_workers=spec.founded_by_laid_off_workers,
        is_nonprofit_community_organization=spec.is_nonprofit,
        owner=owner if spec.owned_by_demo_merchant else None,
        listing_status=spec.listing_status,
        listed_at=spec.listed_at,
    )


def _link_categories(specs: list[MerchantSpec], organizations: list[Organization]) -> None:
    categories = dict(Category.objects.values_list("code", "pk"))
    link = Organization.categories.through
    link.objects.bulk_create(
        [
            link(organization_id=organization.pk, category_id=categories[code])
            for spec, organization in zip(specs, organizations, strict=True)
            for code in dict.fromkeys(spec.categories)
        ]
    )


def _create_outlets(specs: list[MerchantSpec], organizations: list[Organization]) -> dict[int, list[Location]]:
    districts = dict(District.objects.values_list("code", "pk"))
    subdistricts = {(item.district.code, item.name): item.pk for item in Subdistrict.objects.select_related("district")}
    communities = {(item.subdistrict_id, item.name): item.pk for item in Community.objects.all()}
    pending = []
    for spec, organization in zip(specs, organizations, strict=True):
        for outlet in spec.outlets:
            subdistrict_id = subdistricts[(outlet.district_code, outlet.subdistrict)]
            location = Location(
                organization=organization,
                name=outlet.name,
                address_1=outlet.address,
                district_id=districts[outlet.district_code],
                subdistrict_id=subdistrict_id,
                community_id=communities.get((subdistrict_id, outlet.community)),
                latitude=outlet.latitude,
                longitude=outlet.longitude,
                phone=outlet.phone,
            )
            pending.append((outlet, location))
    Location.objects.bulk_create([location for _, location in pending])

    schedules, exceptions = [], []
    by_organization: dict[int, list[Location]] = {}
    for outlet, location in pending:
        by_organization.setdefault(location.organization_id, []).append(location)
        days, spans = HOURS[outlet.hours]
        schedules += [
            Schedule(location=location, byday=day, opens_at=opens, closes_at=closes)
            for day in days
            for opens, closes in spans
        ]
        exceptions += [
            ScheduleException(
                location=location,
                date=date,
                closed=opens is None,
                opens_at=opens,
                closes_at=closes,
                notes=notes,
            )
            for date, opens, closes, notes in outlet.exceptions
        ]
    Schedule.objects.bulk_create(schedules)
    ScheduleException.objects.bulk_create(exceptions)
    return by_organization


def _create_services(
    specs: list[MerchantSpec], organizations: list[Organization], outlets: dict[int, list[Location]]
) -> None:
    categories = dict(Category.objects.values_list("code", "pk"))
    services = [
        Service(organization=organization, category_id=categories[code], name=name)
        for spec, organization in zip(specs, organizations, strict=True)
        for name, code in spec.services
    ]
    Service.objects.bulk_create(services)
    link = Service.locations.through
    link.objects.bulk_create(
        [
            link(service_id=service.pk, location_id=location.pk)
            for service in services
            for location in outlets[service.organization_id]
        ]
    )
