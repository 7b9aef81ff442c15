"""The main navigation and the footer, as editors keep them per language (cms.MainMenu, cms.Footer)."""

from dataclasses import dataclass

from django import template
from wagtail.models import Locale, Page

from cms import page_cache
from cms.models import Footer, MainMenu

register = template.Library()


@dataclass(frozen=True)
class NavigationLink:
    label: str
    url: str


def _for_active_locale(model):
    """The reader's language's copy, else the default language's: a missing translation never empties the nav.

    None on a site with no locales yet (a fresh database), whose non-page views still render.
    """
    try:
        active, default = Locale.get_active(), Locale.get_default()
    except Locale.DoesNotExist:
        return None
    found = model.objects.filter(locale=active).first()
    if found is None and active != default:
        found = model.objects.filter(locale=default).first()
    return found


def _links(owner, request) -> list[NavigationLink]:
    """Page links follow the page into the reader's language, in one query for all of them."""
    links = list(owner.links.select_related("page"))
    keys = {link.page.translation_key for link in links if link.page}
    translated = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=Locale.get_active())
    }
    result = []
    for link in links:
        if link.page is None:
            result.append(NavigationLink(link.label, link.url))
            continue
        page = translated.get(link.page.translation_key)
        if page is None:
            continue
        result.append(NavigationLink(link.label or page.title, page.get_url(request)))
    return result


# Every public page shows both, and building them took a sixth of a search page's time (a locale lookup, the menu,
# its links and their pages, each page's URL): they are kept per language and host until an editor changes a menu,
# the footer or a page (cms.page_cache).


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[NavigationLink]:
    request = context.get("request")

    def build():
        menu = _for_active_locale(MainMenu)
        return _links(menu, request) if menu else []

    return page_cache.cached("menu", build, request=request)


@register.simple_tag(takes_context=True)
def site_footer(context) -> dict | None:
    request = context.get("request")

    def build():
        footer = _for_active_locale(Footer)
        if footer is None:
            return None
        return {"footer": footer, "links": _links(footer, request)}

    return page_cache.cached("footer", build, request=request)


@dataclass(frozen=True)
class Breadcrumb:
    title: str
    url: str


@register.simple_tag
def breadcrumb_pages(page) -> list[Breadcrumb]:
    """The page's ancestors below Wagtail's root (from its home page down), as the breadcrumbs show them."""

    def build():
        return [Breadcrumb(ancestor.title, ancestor.url) for ancestor in page.get_ancestors()[1:]]

    return page_cache.cached("breadcrumbs", build, key=str(page.pk))
