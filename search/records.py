"""A listed merchant flattened into what every backend indexes, built once by the shared analysis."""

import datetime
import hashlib
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from django.db.models import Q, QuerySet
from django.utils import timezone

from market import clock_source
from market.commerce.models import BookableService
from market.discounts.models import MicroProfitService, Offer
from market.feedback.ratings import ratings_for
from market.registry.models import Category, Location, Organization, Schedule, ScheduleException, Service
from search.analysis import (
    PLACE_KIND,
    address_street,
    analyse,
    initials_of,
    joined,
    pinyin_of,
    place_spellings,
    segment_for_index,
    segment_for_query,
)

MINUTES_PER_DAY = 24 * 60


def minute_of_week(moment: datetime.datetime) -> int:
    """Minutes since Monday 00:00 in the site's time zone: the unit of indexed opening hours."""
    local = timezone.localtime(moment)
    return (local.isoweekday() - 1) * MINUTES_PER_DAY + local.hour * 60 + local.minute


def _minutes(time: datetime.time) -> int:
    return time.hour * 60 + time.minute


@dataclass
class OutletRecord:
    id: int
    name: str
    latitude: float
    longitude: float
    district_code: str
    subdistrict_id: int
    weekly_minutes: list[tuple[int, int]]  # half-open minute-of-week ranges [opens, closes)
    exception_dates: list[datetime.date]  # days whose weekly hours do not apply
    special_hours: list[tuple[datetime.datetime, datetime.datetime]]  # open ranges on those days
    district_name: str = ""
    district_name_en: str = ""


@dataclass
class OfferRecord:
    """An active offer's groups and dates: whether it is live on a day is decided at query time, so an offer
    that starts or ends needs no reindex."""

    group_codes: list[str]
    valid_from: datetime.date
    valid_to: datetime.date | None


@dataclass
class MerchantRecord:
    id: int
    name: str
    description: str
    names: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    pinyin: list[str] = field(default_factory=list)
    initials: list[str] = field(default_factory=list)
    suggest_inputs: list[str] = field(default_factory=list)
    category_codes: list[str] = field(default_factory=list)
    district_codes: list[str] = field(default_factory=list)
    founded_by_laid_off_workers: bool = False
    is_chain: bool = False
    outlets: list[OutletRecord] = field(default_factory=list)
    offers: list[OfferRecord] = field(default_factory=list)
    # When the merchant's active micro-profit services are in force (their types' dates), as (from, to).
    micro_profit_periods: list[tuple[datetime.date, datetime.date | None]] = field(default_factory=list)
    # At least one active service residents can book and pay for on Linli (market.commerce).
    bookable_online: bool = False
    # The register's last change to the merchant itself (shown to staff; the drift check reads content_hash).
    updated_at: datetime.datetime | None = None
    # What a result card shows beside the name and description (see `card`).
    legal_name: str = ""
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # its own: (code, name, English name)
    rating_average: Decimal | None = None  # published reviews (market.feedback.ratings); None without any
    rating_count: int = 0

    @property
    def card(self) -> dict:
        """What a result card shows, stored with the entry and in the document so that a results page reads no
        merchant row: the legal name, the merchant's own categories, each outlet's name, district, position and
        opening hours (open now is decided when the page is shown), and the rating when there is one. Plain JSON:
        [code, name, English name] triples, minute-of-week ranges, ISO dates."""
        return {
            "legal_name": self.legal_name,
            "categories": [list(category) for category in self.categories],
            "outlets": [
                {
                    "name": outlet.name,
                    "district": [outlet.district_code, outlet.district_name, outlet.district_name_en],
                    "position": [outlet.latitude, outlet.longitude],
                    "weekly": [list(minutes) for minutes in outlet.weekly_minutes],
                    "closed_on": [day.isoformat() for day in outlet.exception_dates],
                    "special": [[opens.isoformat(), closes.isoformat()] for opens, closes in outlet.special_hours],
                }
                for outlet in self.outlets
            ],
            "rating": None if self.rating_average is None else [str(self.rating_average), self.rating_count],
        }

    @cached_property
    def content_hash(self) -> str:
        """A digest of everything the stores hold of the merchant (all but updated_at), stored with each copy:
        the drift check builds the record afresh and compares, so a change that bypassed the events (a bulk SQL
        UPDATE, which also leaves updated_at alone) is found. The text of plain values (str, numbers, dates,
        lists, these dataclasses) is the same in every process."""
        content = repr(replace(self, updated_at=None))
        return hashlib.blake2b(content.encode(), digest_size=16).hexdigest()

    @property
    def words(self) -> list[str]:
        return list(dict.fromkeys([*self.names, *self.body, *self.pinyin, *self.initials]))

    @property
    def names_text(self) -> str:
        return joined(self.names)

    @property
    def body_text(self) -> str:
        return joined(self.body)

    @property
    def pinyin_text(self) -> str:
        return joined(self.pinyin)

    @property
    def initials_text(self) -> str:
        return joined(self.initials)


class CategoryTree:
    """Categories loaded once, so a merchant's codes include every ancestor of its categories."""

    def __init__(self):
        self.by_id = {category.pk: category for category in Category.objects.all()}

    def with_ancestors(self, category_ids) -> list[Category]:
        found = {}
        for category_id in category_ids:
            current = self.by_id.get(category_id)
            while current is not None and current.pk not in found:
                found[current.pk] = current
                current = self.by_id.get(current.parent_id)
        return list(found.values())


def _grouped(rows, key: str) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class RegisterRows:
    """What the records of a batch of merchants need, read as plain rows: one query per table, no model
    instances (building those cost more than analysing the text)."""

    def __init__(self, organization_ids: list[int]):
        recent = clock_source.today() - datetime.timedelta(days=1)
        # The ids come sorted: related rows are read by range (a short query, an index range scan), and rows
        # of merchants outside the batch in between are never looked up.
        first, last = (organization_ids[0], organization_ids[-1]) if organization_ids else (0, -1)

        def within(field: str) -> Q:
            return Q(**{f"{field}__gte": first, f"{field}__lte": last})

        self.organizations = list(
            Organization.objects.filter(pk__in=organization_ids)
            .order_by("pk")
            .values_list(
                "pk",
                "name",
                "alternate_name",
                "name_en",
                "description",
                "founded_by_laid_off_workers",
                "is_chain",
                "updated_at",
                named=True,
            )
        )
        self.category_ids = _grouped(
            Organization.categories.through.objects.filter(within("organization_id")).values_list(
                "organization_id", "category_id", named=True
            ),
            "organization_id",
        )
        self.services = _grouped(
            Service.objects.filter(within("organization_id")).values_list(
                "organization_id", "name", "description", "category_id", named=True
            ),
            "organization_id",
        )
        self.locations = _grouped(
            Location.objects.filter(within("organization_id")).values_list(
                "organization_id",
                "pk",
                "name",
                "address_1",
                "latitude",
                "longitude",
                "district__code",
                "district__name",
                "district__name_en",
                "subdistrict_id",
                "subdistrict__name",
                "community__name",
                named=True,
            ),
            "organization_id",
        )
        # Opening hours are the largest table (a row per outlet and weekday): read as bare tuples and turned
        # into minute-of-week ranges at once.
        self.weekly_minutes: dict[int, list[tuple[int, int]]] = {}
        schedules = Schedule.objects.filter(within("location__organization_id")).values_list(
            "location_id", "byday", "opens_at", "closes_at"
        )
        for location_id, byday, opens_at, closes_at in schedules:
            week_start = (byday - 1) * MINUTES_PER_DAY
            self.weekly_minutes.setdefault(location_id, []).append(
                (week_start + _minutes(opens_at), week_start + _minutes(closes_at))
            )
        self.exceptions = _grouped(
            ScheduleException.objects.filter(within("location__organization_id"), date__gte=recent).values_list(
                "location_id", "date", "closed", "opens_at", "closes_at", named=True
            ),
            "location_id",
        )
        offers: dict[int, dict[int, OfferRecord]] = {}
        offer_rows = (
            Offer.objects.filter(within("organization_id"), active=True)
            .order_by("organization_id", "-valid_from", "pk")
            .values_list("organization_id", "pk", "valid_from", "valid_to", "groups__code", named=True)
        )
        for row in offer_rows:
            offer = offers.setdefault(row.organization_id, {}).setdefault(
                row.pk, OfferRecord(group_codes=[], valid_from=row.valid_from, valid_to=row.valid_to)
            )
            if row.groups__code:
                offer.group_codes.append(row.groups__code)
        for by_offer in offers.values():
            for offer in by_offer.values():
                offer.group_codes.sort()
        self.offers = {pk: list(by_offer.values()) for pk, by_offer in offers.items()}
        # Where feedback keeps each merchant's published average and count: one query per batch.
        self.ratings = ratings_for(organization_ids)
        self.micro_profit_periods = _grouped(
            MicroProfitService.objects.filter(within("organization_id"), active=True).values_list(
                "organization_id", "service_type__valid_from", "service_type__valid_to", named=True
            ),
            "organization_id",
        )
        self.bookable_online = set(
            BookableService.objects.filter(within("organization_id"), active=True).values_list(
                "organization_id", flat=True
            )
        )

    def outlet(self, location) -> OutletRecord:
        exceptions = self.exceptions.get(location.pk, [])
        return OutletRecord(
            id=location.pk,
            name=location.name,
            latitude=float(location.latitude),
            longitude=float(location.longitude),
            district_code=location.district__code,
            district_name=location.district__name,
            district_name_en=location.district__name_en,
            subdistrict_id=location.subdistrict_id,
            weekly_minutes=self.weekly_minutes.get(location.pk, []),
            exception_dates=[exception.date for exception in exceptions],
            special_hours=[
                (_aware(exception.date, exception.opens_at), _aware(exception.date, exception.closes_at))
                for exception in exceptions
                if not exception.closed and exception.opens_at and exception.closes_at
            ],
        )


class Words(dict):
    """Words in the order first seen, each once (a dict keeps insertion order and finds a word at once)."""

    def add(self, words) -> None:
        self.update(dict.fromkeys(words))

    def as_list(self) -> list[str]:
        return [word for word in self if word]


def merchant_record(organization, rows: RegisterRows, tree: CategoryTree) -> MerchantRecord:
    """The record of one merchant (a row of RegisterRows.organizations)."""
    services = rows.services.get(organization.pk, [])
    category_ids = [link.category_id for link in rows.category_ids.get(organization.pk, [])]
    categories = tree.with_ancestors(category_ids + [service.category_id for service in services])
    locations = rows.locations.get(organization.pk, [])
    record = MerchantRecord(
        id=organization.pk,
        name=organization.alternate_name or organization.name,
        description=organization.description,
        category_codes=sorted(category.code for category in categories),
        district_codes=sorted({location.district__code for location in locations}),
        founded_by_laid_off_workers=organization.founded_by_laid_off_workers,
        is_chain=organization.is_chain,
        outlets=[rows.outlet(location) for location in locations],
        offers=rows.offers.get(organization.pk, []),
        micro_profit_periods=sorted(
            {
                (period.service_type__valid_from, period.service_type__valid_to)
                for period in rows.micro_profit_periods.get(organization.pk, [])
            },
            key=lambda period: period[0],
        ),
        bookable_online=organization.pk in rows.bookable_online,
        updated_at=organization.updated_at,
        legal_name=organization.name,
        categories=[
            (category.code, category.name, category.name_en)
            for category in sorted(
                (tree.by_id[pk] for pk in dict.fromkeys(category_ids) if pk in tree.by_id),
                key=lambda category: (category.sort_order, category.code),
            )
        ],
    )
    if rating := rows.ratings.get(organization.pk):
        record.rating_average, record.rating_count = rating.average, rating.count
    names, body, pinyin, initials = Words(), Words(), Words(), Words()
    # A legal name's leading place (南京, 江宁区) says where the company is registered, not what it does: it goes
    # with the addresses, so that 江宁 理发 ranks a barber above any 江宁区 company that matches 理发 elsewhere.
    place, own_name = place_prefix(organization.name)
    body.add(segment_for_index(place))
    # Names and category names are what residents type, so they also get pinyin and initials.
    for text in (organization.alternate_name, own_name, organization.name_en):
        analysis = analyse(text, whole=True)
        names.add(analysis.tokens)
        pinyin.add(analysis.pinyin)
        initials.add(analysis.initials)
    for text in [category.name for category in categories] + [service.name for service in services]:
        analysis = analyse(text)
        body.add(analysis.tokens)
        pinyin.add(analysis.pinyin)
        initials.add(analysis.initials)
    texts = [organization.description, *(category.name_en for category in categories)]
    texts += [service.description for service in services]
    for location in locations:
        places = [location.district__name, location.subdistrict__name, location.community__name or ""]
        texts += [location.name, location.address_1, *places]
        # Places, and the street the address is on, also by the pinyin of their own name, as on maps and signs in
        # English (pharmacy Qinhuai, laundry near Xinjiekou, Taixin Road); not of 区, 街道 or 社区, which every
        # merchant has.
        named = [*places, address_street(location.address_1)]
        pinyin.add([spelling for place in named if place for spelling in place_spellings(PLACE_KIND.sub("", place))])
    for text in texts:
        body.add(segment_for_index(text))
    record.names, record.body = names.as_list(), body.as_list()
    record.pinyin, record.initials = pinyin.as_list(), initials.as_list()
    record.suggest_inputs = suggest_inputs(record.name, organization.name)
    return record


# 南京, 南京市, and a district or county named before the rest of a legal name.
PLACE_PREFIX = re.compile(r"^(?:南京市?)?(?:[\u4e00-\u9fff]{2,3}[区县](?=[\u4e00-\u9fff]{2}))?")


def place_prefix(legal_name: str) -> tuple[str, str]:
    """A legal name as the place it starts with and the rest: 江宁区红星家政服务部 → (江宁区, 红星家政服务部)."""
    match = PLACE_PREFIX.match(legal_name or "")
    place = match.group(0) if match else ""
    return place, (legal_name or "")[len(place) :]


def suggest_inputs(name: str, legal_name: str) -> list[str]:
    """Prefixes a resident may start typing: the name shown, and each of its words onwards, in Chinese, pinyin
    and initials (红星家政 is found from 红星, 家政, hongxing, jiazheng, hx, jz); the legal name from its start.

    Every input costs the index work, so the tails of a long legal name (…有限公司第2分店) are left out."""
    inputs = Words()
    words = segment_for_query(name)
    starts = range(len(words))
    inputs.add([name.lower(), *("".join(words[start:]) for start in starts)])
    # A tail's pinyin is its words' pinyin joined, each word converted once per process.
    pinyin, initials = [pinyin_of(word) for word in words], [initials_of(word) for word in words]
    inputs.add(["".join(pinyin[start:]) for start in starts])
    inputs.add(["".join(initials[start:]) for start in starts])
    if legal_name and legal_name != name:
        words = segment_for_query(legal_name)
        inputs.add([legal_name.lower(), "".join(map(pinyin_of, words)), "".join(map(initials_of, words))])
    return inputs.as_list()


def merchant_records(queryset: QuerySet | None = None, chunk_size: int = 500):
    """Yield a record per listed merchant of the queryset (all when None), reading the register in chunks."""
    queryset = Organization.objects.all() if queryset is None else queryset
    organization_ids = list(queryset.listed().order_by("pk").values_list("pk", flat=True))
    tree = CategoryTree()
    for start in range(0, len(organization_ids), chunk_size):
        rows = RegisterRows(organization_ids[start : start + chunk_size])
        for organization in rows.organizations:
            yield merchant_record(organization, rows, tree)
