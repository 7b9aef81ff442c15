"""HTTP caching that stays correct: what a browser or a shared cache (a CDN, Varnish, nginx) may keep, and for how
long.

- A public page answered to a visitor who is not signed in (GET or HEAD, 200, no cookie set, no CSRF token in it,
  not under a private path) is `Cache-Control: public, max-age=HTTP_CACHE_SECONDS` with an ETag; a request whose
  `If-None-Match` matches it gets 304 Not Modified, without the body.
- Anything for a signed-in user, for a request carrying a session, that sets a cookie (a CSRF token for a form, a
  message, a session), or under HTTP_CACHE_PRIVATE_PATHS (the admin, the portals, accounts, a complaint followed by
  its secret link) is `private, no-store`, whatever else it says.
- Anything else (a redirect, an error, a POST, the API) is left as the view answered it: never public.

Publishing a page purges it from the frontend cache (wagtail.contrib.frontend_cache, WAGTAILFRONTENDCACHE), and
register acts purge the merchant's pages (cms.receivers); the short max-age bounds what no purge reaches (the
navigation on every page, a search's results).

The language is always in the path (Chinese at `/`, English under `/en/`; i18n_patterns with
prefix_default_language=False makes LocaleMiddleware answer unprefixed paths in Chinese whatever the browser asks
for), so the `Vary: Accept-Language` LocaleMiddleware adds to unprefixed paths is removed: it only split caches.
"""

from django.conf import settings
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, set_response_etag
from django.utils.translation import get_language_from_path

SAFE_METHODS = {"GET", "HEAD"}


def _site_path(path: str) -> str:
    """The path without its language prefix: `/en/portal/` -> `/portal/`."""
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def _under(path: str, prefixes) -> bool:
    return any(path.startswith(prefix) for prefix in prefixes)


def is_private(request, response) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
        return True
    # A CSRF token was put in the page (a form): it belongs to this visitor.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return True
    return _under(_site_path(request.path), settings.HTTP_CACHE_PRIVATE_PATHS)


def may_be_public(request, response) -> bool:
    return (
        request.method in SAFE_METHODS
        and response.status_code == 200
        and not response.streaming
        # The view decided itself (never_cache, a file's own headers).
        and not response.has_header("Cache-Control")
        and not _under(_site_path(request.path), settings.HTTP_CACHE_UNCACHED_PATHS)
        and settings.HTTP_CACHE_SECONDS > 0
    )


def _without_accept_language(response) -> None:
    if not response.has_header("Vary"):
        return
    kept = [item for item in cc_delim_re.split(response["Vary"]) if item and item.lower() != "accept-language"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class HttpCacheMiddleware:
    """Place above SessionMiddleware, CsrfViewMiddleware and LocaleMiddleware: it reads the cookies they set and
    the Vary they add."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        _without_accept_language(response)
        if is_private(request, response):
            patch_cache_control(response, private=True, no_store=True)
            return response
        if may_be_public(request, response):
            patch_cache_control(response, public=True, max_age=settings.HTTP_CACHE_SECONDS)
            set_response_etag(response)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response
