"""What the jobs page, the feed and the merchant pages show: public posts only, filtered and sorted, each with what
the reader needs to know (is it in the priority window, can I apply, how far is it). The views stay thin.

"Nearest" measures a straight line from a sub-district's centre (the places table has the coordinates of
districts and sub-districts, not of communities) to the outlet's coordinates.
"""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import ExpressionWrapper, F, FloatField, QuerySet, Value
from django.utils import timezone

from market.jobs import services
from market.jobs.forms import SORT_NEAREST
from market.jobs.models import JobPost
from market.registry.public import with_descendants

KILOMETRES_PER_DEGREE = 111.32


@dataclass(frozen=True)
class Origin:
    """Where distances are measured from."""

    name: str
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True)
class ListedPost:
    post: JobPost
    in_priority_window: bool
    open_to_viewer: bool
    places_left: int
    distance_km: float | None


def origin_for(chosen: dict, subdistricts: dict, districts: list) -> Origin | None:
    place = subdistricts.get(chosen.get("near")) or subdistricts.get(chosen.get("subdistrict"))
    if place is None:
        place = next((district for district in districts if district.code == chosen.get("district")), None)
    if place is None:
        return None
    return Origin(place.display_name, place.latitude, place.longitude)


def _by_distance(posts: QuerySet, origin: Origin) -> QuerySet:
    # An equirectangular approximation: at a city's scale it orders outlets as the true distance does.
    squeeze = Decimal(str(round(math.cos(math.radians(float(origin.latitude))), 6)))
    north = F("location__latitude") - Value(origin.latitude)
    east = (F("location__longitude") - Value(origin.longitude)) * Value(squeeze)
    distance = ExpressionWrapper(north * north + east * east, output_field=FloatField())
    return posts.annotate(distance_squared=distance).order_by("distance_squared", "-published_at", "-pk")


def filtered(posts: QuerySet, chosen: dict, *, viewer, categories, moment, origin: Origin | None) -> QuerySet:
    if code := chosen.get("district"):
        posts = posts.filter(location__district__code=code)
    if subdistrict := chosen.get("subdistrict"):
        posts = posts.filter(location__subdistrict_id=subdistrict)
    category = next((item for item in categories if item.code == chosen.get("category")), None)
    if category is not None:
        posts = posts.filter(category_id__in=with_descendants(category, categories))
    if kind := chosen.get("kind"):
        posts = posts.filter(kind=kind)
    if (pay_from := chosen.get("pay_from")) is not None:
        posts = posts.filter(hourly_pay__gte=pay_from)
    if hours := chosen.get("hours"):
        posts = posts.filter(hours_per_day__lte=Decimal(hours))
    if chosen.get("open_to_me"):
        posts = services.open_to(viewer, posts, moment)
    if chosen.get("sort") == SORT_NEAREST and origin is not None:
        return _by_distance(posts, origin)
    return posts.order_by("-published_at", "-pk")


def distance_km(post: JobPost, origin: Origin | None) -> float | None:
    if origin is None:
        return None
    north = float(post.location.latitude - origin.latitude)
    east = float(post.location.longitude - origin.longitude) * math.cos(math.radians(float(origin.latitude)))
    return round(math.hypot(north, east) * KILOMETRES_PER_DEGREE, 1)


def describe(posts, *, viewer, moment: datetime.datetime, origin: Origin | None = None) -> list[ListedPost]:
    """Posts (annotated with `hires`, as `services.public_posts` gives them) as the reader sees them."""
    priority = services.is_priority_resident(viewer, timezone.localdate(moment))
    listed = []
    for post in posts:
        in_window = post.in_priority_window(moment)
        places_left = max(post.places - post.hires, 0)
        listed.append(
            ListedPost(
                post=post,
                in_priority_window=in_window,
                open_to_viewer=places_left > 0 and (priority or not in_window),
                places_left=places_left,
                distance_km=distance_km(post, origin),
            )
        )
    return listed


def open_posts_of(organization, moment: datetime.datetime) -> QuerySet:
    """A merchant's open posts for its public page (none once its listing is suspended)."""
    return services.public_posts(moment).filter(organization=organization).order_by("-published_at", "-pk")
