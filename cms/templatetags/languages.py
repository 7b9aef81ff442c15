"""The language switcher: the page you are on, in each of the site's languages."""

from dataclasses import dataclass
from functools import partial

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from cms import page_cache

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


def _page_translation_urls(page: Page, request) -> dict[str, str]:
    """Live translations of a Wagtail page by language code; slugs differ per language, so paths cannot."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    urls = {}
    for translation in translations:
        url = translation.get_url(request)
        if url:
            urls[translation.locale.language_code] = url
    return urls


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One link per language: a Wagtail page links to its translation, any other view to its own URL."""
    request = context.get("request")
    current = get_language()
    page = context.get("page")
    page_urls = {}
    if isinstance(page, Page):
        # Kept until a page changes: every page showed its translations' URLs at the price of two queries.
        page_urls = page_cache.cached(
            "translations", partial(_page_translation_urls, page, request), request=request, key=str(page.pk)
        )
    path = request.get_full_path() if request else "/"
    return [
        LanguageLink(
            code=code,
            name=name,
            url=page_urls.get(code) or translate_url(path, code),
            is_current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]
