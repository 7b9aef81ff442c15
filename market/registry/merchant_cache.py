"""What the public register shows every visitor alike, kept in the shared cache (Redis in production) until what it
shows changes: each merchant page's outlets, ratings and reviews, and the register list's pages of cards.

Three versions key it, each replaced by the events that change what it covers:
- each merchant's own version: its profile, an outlet's hours or photos, its listing status (registry.receivers),
  an approved change application, which rewrites names and outlets (licensing.receivers), its ratings, reviews and
  replies (feedback.receivers);
- the register's version, of the list pages: replaced with any merchant's;
- the shared version, of what every page names: a category, a district, sub-district or community edited
  (registry.receivers).
A piece is kept under its versions, its kind, the active language and the host (pieces hold absolute URLs), and may
say until when it holds: "Open now" holds until the next opening or closing time of the day, and a piece that
depends on the day has the day in its key. MERCHANT_SECONDS bounds what no event announces.
"""

import datetime

from django.core.cache import cache
from django.utils.translation import get_language

from market import cache_versions

MERCHANT_VERSION = "registry:merchant-version:{pk}"
REGISTER_VERSION = "registry:register-version"
SHARED_VERSION = "registry:shared-version"
MERCHANT_SECONDS = 300
MISSING = object()


def merchants_changed(organization_ids) -> None:
    """These merchants' pages and the register's list pages are built again on their next request."""
    cache_versions.replace(*[MERCHANT_VERSION.format(pk=pk) for pk in organization_ids], REGISTER_VERSION)


def names_changed() -> None:
    """A category or a place was edited: every merchant page and list page is built again."""
    cache_versions.replace(SHARED_VERSION)


def _cached(versions: str, kind: str, build, moment: datetime.datetime, request, key: str):
    host = request.get_host() if request is not None else ""
    name = f"registry:{kind}:{versions}:{get_language()}:{host}:{key}"
    found = cache.get(name, MISSING)
    if found is MISSING or (found[1] is not None and moment >= found[1]):
        found = build()
        cache.set(name, found, MERCHANT_SECONDS)
    return found[0]


def cached(organization_id: int, kind: str, build, *, moment: datetime.datetime, request=None, key=""):
    """The value of `build()` for this merchant, kind and key in the active language (and host), until the merchant
    changes. `build()` answers (value, until): `until` is the aware moment the value stops holding, or None."""
    versions = cache_versions.current_joined(SHARED_VERSION, MERCHANT_VERSION.format(pk=organization_id))
    return _cached(versions, f"merchant:{organization_id}:{kind}", build, moment, request, key)


def cached_list(kind: str, build, *, moment: datetime.datetime, request=None, key=""):
    """As `cached`, for a list of merchants: until any merchant changes."""
    versions = cache_versions.current_joined(SHARED_VERSION, REGISTER_VERSION)
    return _cached(versions, f"list:{kind}", build, moment, request, key)
