"""What every public page repeats, kept in the shared cache (Redis in production) until the site's pages change.

Built from pages and the editors' snippets: the navigation and footer, the breadcrumbs, each page's links to its
translations, and the home page's latest notices and news. All of it is keyed by one version that any publish,
unpublish, move or delete of a page, and any save of a menu or the footer, replaces (cms.receivers): the next
request builds afresh. PAGES_SECONDS bounds what a change outside those events (a bulk SQL update) leaves.
"""

from django.core.cache import cache
from django.utils.translation import get_language

from market import cache_versions

PAGES_VERSION = "cms:pages-version"
PAGES_SECONDS = 300
MISSING = object()


def pages_changed() -> None:
    cache_versions.replace(PAGES_VERSION)


def cached(kind: str, build, *, request=None, key=""):
    """`build()`'s value for this kind and key in the active language (and host, for URLs), until pages change."""
    host = request.get_host() if request is not None else ""
    name = f"cms:pages:{cache_versions.current(PAGES_VERSION)}:{kind}:{get_language()}:{host}:{key}"
    found = cache.get(name, MISSING)
    if found is MISSING:
        found = build()
        cache.set(name, found, PAGES_SECONDS)
    return found
