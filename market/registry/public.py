"""What the public register shows: listed merchants only, their outlets' hours read in Asia/Shanghai time, and
the schema.org data search engines read. The views stay thin; the queries and the shaping live here.
"""

import datetime
import json
from dataclasses import dataclass

from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from market.registry.models import (
    Category,
    Location,
    Organization,
    Schedule,
    ScheduleException,
    Weekday,
)

SCHEMA_DAYS = {day.value: f"https://schema.org/{day.name.capitalize()}" for day in Weekday}
# Characters that could close the <script> element the JSON-LD sits in.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def outlets_for_day(day: datetime.date) -> Prefetch:
    """Outlets with their places, weekly hours, photos and only that day's exception, in four queries."""
    return Prefetch(
        "locations",
        queryset=Location.objects.select_related("district", "subdistrict", "community").prefetch_related(
            "schedules",
            "photos",
            Prefetch("schedule_exceptions", queryset=ScheduleException.objects.filter(date=day)),
        ),
    )


def listed_merchants(moment: datetime.datetime) -> QuerySet[Organization]:
    """Listed merchants with everything their own page shows of their outlets."""
    day = timezone.localtime(moment).date()
    return Organization.objects.listed().prefetch_related("categories", outlets_for_day(day))


def merchant_page(pk) -> Organization:
    """A listed merchant with its categories and its outlets (the outlets alone: the cards of the page are built
    from `outlets_on` when the cache has none), or Http404."""
    return get_object_or_404(Organization.objects.listed().prefetch_related("categories", "locations"), pk=pk)


def outlets_on(organization: Organization, day: datetime.date) -> list[Location]:
    """The merchant's outlets with everything their cards show that day, in four queries."""
    return list(outlets_for_day(day).queryset.filter(organization=organization))


def listed_merchant_cards(moment: datetime.datetime) -> QuerySet[Organization]:
    """Listed merchants with only what a list's card shows: categories, each outlet's district, and whether it is
    open at the moment (that day's weekly hours and exception). A page of 20 cards loaded every outlet's whole week,
    photos, sub-district and community before: some 400 objects where a hundred do. The search page reads the cards
    it stores instead (search.presentation.result_cards)."""
    local = timezone.localtime(moment)
    outlets = (
        Location.objects.only("id", "organization_id", "district_id")
        .select_related("district")
        .prefetch_related(
            Prefetch("schedules", queryset=Schedule.objects.filter(byday=local.isoweekday())),
            Prefetch("schedule_exceptions", queryset=ScheduleException.objects.filter(date=local.date())),
        )
    )
    return Organization.objects.listed().prefetch_related("categories", Prefetch("locations", queryset=outlets))


def with_descendants(category: Category, categories: list[Category]) -> set[int]:
    """The category and every category below it, from the whole (small) tree already fetched."""
    children: dict[int | None, list[Category]] = {}
    for item in categories:
        children.setdefault(item.parent_id, []).append(item)
    found, pending = set(), [category]
    while pending:
        current = pending.pop()
        if current.pk not in found:
            found.add(current.pk)
            pending.extend(children.get(current.pk, []))
    return found


def in_categories(merchants: QuerySet, category_ids: set[int]) -> QuerySet:
    through = Organization.categories.through.objects.filter(category_id__in=category_ids)
    return merchants.filter(pk__in=through.values("organization_id"))


def in_district(merchants: QuerySet, district) -> QuerySet:
    return merchants.filter(pk__in=Location.objects.filter(district=district).values("organization_id"))


def open_at(merchants: QuerySet, moment: datetime.datetime) -> QuerySet:
    """Merchants with an outlet open at the moment: the day's exception wins over the weekly hours, as in
    `Location.is_open_at`, but in SQL so that the list pages by the database."""
    local = timezone.localtime(moment)
    exceptions_that_day = ScheduleException.objects.filter(location=OuterRef("pk"), date=local.date())
    open_by_exception = exceptions_that_day.filter(closed=False, opens_at__lte=local.time(), closes_at__gt=local.time())
    open_by_week = Schedule.objects.filter(
        location=OuterRef("pk"), byday=local.isoweekday(), opens_at__lte=local.time(), closes_at__gt=local.time()
    )
    open_outlets = Location.objects.filter(
        Exists(open_by_exception) | (~Exists(exceptions_that_day) & Exists(open_by_week))
    )
    return merchants.filter(pk__in=open_outlets.values("organization_id"))


@dataclass(frozen=True)
class DayHours:
    day: Weekday
    hours: list[Schedule]
    is_today: bool


@dataclass(frozen=True)
class Outlet:
    location: Location
    is_open: bool
    week: list[DayHours]
    exception_today: ScheduleException | None
    json_ld: str

    @property
    def geo_uri(self) -> str:
        return f"geo:{self.location.latitude},{self.location.longitude}"

    @property
    def openstreetmap_url(self) -> str:
        latitude, longitude = self.location.latitude, self.location.longitude
        return f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=17/{latitude}/{longitude}"


def weekly_hours(location: Location, today: datetime.date) -> list[DayHours]:
    schedules = sorted(location.schedules.all(), key=lambda schedule: (schedule.byday, schedule.opens_at))
    return [
        DayHours(
            day=day,
            hours=[schedule for schedule in schedules if schedule.byday == day],
            is_today=day == today.isoweekday(),
        )
        for day in Weekday
    ]


def local_business(organization: Organization, location: Location, page_url: str) -> str:
    """schema.org LocalBusiness for one outlet, escaped to sit inside a <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": f"{organization} {location.name}",
        "url": page_url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": location.address_1,
            "addressLocality": location.subdistrict.display_name,
            "addressRegion": location.district.display_name,
            "addressCountry": "CN",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": str(location.latitude), "longitude": str(location.longitude)},
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": SCHEMA_DAYS[schedule.byday],
                "opens": f"{schedule.opens_at:%H:%M}",
                "closes": f"{schedule.closes_at:%H:%M}",
            }
            for schedule in location.schedules.all()
        ],
        "parentOrganization": {"@type": "Organization", "legalName": organization.name},
    }
    if telephone := location.phone or organization.phone:
        data["telephone"] = telephone
    return json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)


def outlets_of(
    organization: Organization, moment: datetime.datetime, page_url: str, locations: list[Location] | None = None
) -> list[Outlet]:
    local = timezone.localtime(moment)
    if locations is None:
        locations = organization.locations.all()
    return [
        Outlet(
            location=location,
            is_open=location.is_open_at(moment),
            week=weekly_hours(location, local.date()),
            exception_today=next(
                (item for item in location.schedule_exceptions.all() if item.date == local.date()), None
            ),
            json_ld=local_business(organization, location, page_url),
        )
        for location in locations
    ]


def open_state_holds_until(locations: list[Location], moment: datetime.datetime) -> datetime.datetime | None:
    """The next opening or closing time of the day after `moment` among the outlets (that day's exception, else
    the weekly hours, as `Location.is_open_at` reads them): until then every outlet stays open or closed. None
    when nothing changes before midnight."""
    local = timezone.localtime(moment)
    times = []
    for location in locations:
        exception = next((item for item in location.schedule_exceptions.all() if item.date == local.date()), None)
        if exception is not None:
            if not exception.closed and exception.opens_at is not None:
                times += [exception.opens_at, exception.closes_at]
            continue
        for schedule in location.schedules.all():
            if schedule.byday == local.isoweekday():
                times += [schedule.opens_at, schedule.closes_at]
    later = [time for time in times if time is not None and time > local.time()]
    if not later:
        return None
    return datetime.datetime.combine(local.date(), min(later), tzinfo=local.tzinfo)


def register_open_state_holds_until(moment: datetime.datetime) -> datetime.datetime | None:
    """The next opening or closing time of the day after `moment` among all listed merchants' outlets, in two
    queries: until then no merchant opens or closes (a weekly time an exception overrides only ends it early)."""
    local = timezone.localtime(moment)
    now = local.time()
    outlets = Location.objects.filter(organization__in=Organization.objects.listed())
    upcoming = {
        "opens": Min("opens_at", filter=Q(opens_at__gt=now)),
        "closes": Min("closes_at", filter=Q(closes_at__gt=now)),
    }
    weekly = Schedule.objects.filter(location__in=outlets, byday=local.isoweekday()).aggregate(**upcoming)
    special = ScheduleException.objects.filter(location__in=outlets, date=local.date(), closed=False).aggregate(
        **upcoming
    )
    later = [time for time in [*weekly.values(), *special.values()] if time is not None]
    if not later:
        return None
    return datetime.datetime.combine(local.date(), min(later), tzinfo=local.tzinfo)


def any_outlet_open(organization: Organization, moment: datetime.datetime) -> bool:
    return any(location.is_open_at(moment) for location in organization.locations.all())


def districts_of(organization: Organization) -> list:
    return list({location.district_id: location.district for location in organization.locations.all()}.values())
