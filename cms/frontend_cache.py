"""What to purge from the cache in front of the site (wagtail.contrib.frontend_cache, WAGTAILFRONTENDCACHE) beyond
the page Wagtail purges itself on publish: the pages that list it, and a merchant's pages after a register act.

With no backend configured (FRONTEND_CACHE_PURGE_URL unset) nothing is worked out or queued. The purges themselves
run in Wagtail's background task. Search result pages are not purged (their query strings are endless):
HTTP_CACHE_SECONDS bounds how long they show a merchant that left the register.
"""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import get_backends, purge_pages_from_cache, purge_urls_from_cache
from wagtail.models import Page, Site


def purge_pages_listing(page: Page) -> None:
    """The section that lists the page and the home page of its language (each language's home is a child of
    Wagtail's root)."""
    if not get_backends():
        return
    listing = page.get_ancestors().live().filter(Q(depth=page.depth - 1) | Q(depth=2))
    purge_pages_from_cache(list(listing))


def _site_root_url() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def register_urls(organization_ids) -> list[str]:
    """The merchants' pages and the register's first page, in every language, and each language's home page."""
    root, urls = _site_root_url(), []
    if not root:
        return urls
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            urls.append(root + reverse("wagtail_serve", args=[""]))
            urls.append(root + reverse("registry:merchant_list"))
            urls += [root + reverse("registry:merchant_detail", args=[pk]) for pk in organization_ids]
    return urls


def purge_merchants(organization_ids) -> None:
    if get_backends():
        purge_urls_from_cache(register_urls(organization_ids))
