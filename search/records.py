"""A listed merchant flattened into what every backend indexes, built once by the shared analysis."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from market.discounts.models import MicroProfitService, Offer
from market.registry.models import Category, Location, Organization, ScheduleException, Service
from search.analysis import analyse, initials_of, joined, pinyin_of, segment_for_index, segment_for_query

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
    # The register's last change to the merchant itself: the drift check finds copies older than it.
    updated_at: datetime.datetime | None = None

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


def listed_merchants(queryset: QuerySet | None = None) -> QuerySet:
    """Listed merchants with everything a record needs, in a fixed number of queries per chunk."""
    queryset = Organization.objects.all() if queryset is None else queryset
    recent = timezone.localdate() - datetime.timedelta(days=1)
    outlets = Location.objects.select_related("district", "subdistrict").prefetch_related(
        "schedules",
        Prefetch("schedule_exceptions", queryset=ScheduleException.objects.filter(date__gte=recent)),
    )
    return (
        queryset.listed()
        .prefetch_related(
            "categories",
            Prefetch("locations", queryset=outlets),
            Prefetch("services", queryset=Service.objects.select_related("category")),
            Prefetch("offers", queryset=Offer.objects.filter(active=True).prefetch_related("groups")),
            Prefetch(
                "micro_profit_services",
                queryset=MicroProfitService.objects.filter(active=True).select_related("service_type"),
            ),
        )
        .order_by("pk")
    )


class CategoryTree:
    """Category parents loaded once, so a merchant's codes include every ancestor of its categories."""

    def __init__(self):
        self.by_id = {category.pk: category for category in Category.objects.all()}

    def with_ancestors(self, categories) -> list[Category]:
        found = {}
        for category in categories:
            current = self.by_id.get(category.pk, category)
            while current is not None and current.pk not in found:
                found[current.pk] = current
                current = self.by_id.get(current.parent_id)
        return list(found.values())


def _outlet_record(location: Location) -> OutletRecord:
    exception_dates, special_hours = [], []
    for exception in location.schedule_exceptions.all():
        exception_dates.append(exception.date)
        if not exception.closed and exception.opens_at and exception.closes_at:
            special_hours.append(
                (
                    timezone.make_aware(datetime.datetime.combine(exception.date, exception.opens_at)),
                    timezone.make_aware(datetime.datetime.combine(exception.date, exception.closes_at)),
                )
            )
    return OutletRecord(
        id=location.pk,
        name=location.name,
        latitude=float(location.latitude),
        longitude=float(location.longitude),
        district_code=location.district.code,
        subdistrict_id=location.subdistrict_id,
        weekly_minutes=[
            (
                (schedule.byday - 1) * MINUTES_PER_DAY + _minutes(schedule.opens_at),
                (schedule.byday - 1) * MINUTES_PER_DAY + _minutes(schedule.closes_at),
            )
            for schedule in location.schedules.all()
        ],
        exception_dates=exception_dates,
        special_hours=special_hours,
    )


def _extend_unique(target: list[str], values) -> None:
    seen = set(target)
    for value in values:
        if value and value not in seen:
            seen.add(value)
            target.append(value)


def merchant_record(organization: Organization, tree: CategoryTree) -> MerchantRecord:
    services = list(organization.services.all())
    categories = tree.with_ancestors([*organization.categories.all(), *(service.category for service in services)])
    locations = list(organization.locations.all())
    record = MerchantRecord(
        id=organization.pk,
        name=str(organization),
        description=organization.description,
        category_codes=sorted(category.code for category in categories),
        district_codes=sorted({location.district.code for location in locations}),
        founded_by_laid_off_workers=organization.founded_by_laid_off_workers,
        is_chain=organization.is_chain,
        outlets=[_outlet_record(location) for location in locations],
        offers=[
            OfferRecord(
                group_codes=sorted(group.code for group in offer.groups.all()),
                valid_from=offer.valid_from,
                valid_to=offer.valid_to,
            )
            for offer in organization.offers.all()
        ],
        micro_profit_periods=sorted(
            {
                (service.service_type.valid_from, service.service_type.valid_to)
                for service in organization.micro_profit_services.all()
            },
            key=lambda period: period[0],
        ),
        updated_at=organization.updated_at,
    )
    # Names and category names are what residents type, so they also get pinyin and initials.
    for text in (organization.alternate_name, organization.name, organization.name_en):
        analysis = analyse(text, whole=True)
        _extend_unique(record.names, analysis.tokens)
        _extend_unique(record.pinyin, analysis.pinyin)
        _extend_unique(record.initials, analysis.initials)
    for text in [category.name for category in categories] + [service.name for service in services]:
        analysis = analyse(text)
        _extend_unique(record.body, analysis.tokens)
        _extend_unique(record.pinyin, analysis.pinyin)
        _extend_unique(record.initials, analysis.initials)
    texts = [organization.description, *(category.name_en for category in categories)]
    texts += [service.description for service in services]
    texts += [
        f"{location.name} {location.address_1} {location.district.name} {location.subdistrict.name}"
        for location in locations
    ]
    for text in texts:
        _extend_unique(record.body, segment_for_index(text))
    record.suggest_inputs = suggest_inputs([organization.alternate_name, organization.name])
    return record


def suggest_inputs(names: list[str]) -> list[str]:
    """Prefixes a resident may start typing: each name, and each of its words onwards, in Chinese, pinyin
    and initials (红星家政 is found from 红星, 家政, hongxing, jiazheng, hx, jz)."""
    inputs: list[str] = []
    for name in filter(None, names):
        words = segment_for_query(name)
        tails = ["".join(words[start:]) for start in range(len(words))]
        _extend_unique(inputs, [name.lower(), *tails])
        _extend_unique(inputs, [pinyin_of(tail) for tail in tails])
        _extend_unique(inputs, [initials_of(tail) for tail in tails])
    return inputs


def merchant_records(queryset: QuerySet | None = None, chunk_size: int = 500):
    """Yield a record per listed merchant, reading the database in chunks."""
    tree = CategoryTree()
    for organization in listed_merchants(queryset).iterator(chunk_size=chunk_size):
        yield merchant_record(organization, tree)
