"""HTTP caching that stays correct (market/http_cache.py): anonymous public pages may be kept by shared caches for a
short while and revalidated by ETag; nothing for a signed-in user, nothing that sets a cookie or carries a form's
CSRF token, nothing under the admin, the portals or accounts is ever public; the caching changes no page's HTML;
and publishing or a register act asks the cache in front of the site to purge what it changed."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from cms.models import Footer, MainMenu, MainMenuLink, StandardPage
from market.accounts.roles import Role
from market.registry import services as registry
from tests.cms.conftest import add_translated_child
from tests.cms.test_pages import news_article
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_never_public(response):
    directives = cache_control(response)
    assert "public" not in directives
    assert not any(part.startswith(("max-age=", "s-maxage=")) and part != "max-age=0" for part in directives)


@pytest.mark.parametrize("url", ["/", "/en/", "/en/merchants/", "/en/search/?q=%E6%B4%97%E8%A1%A3", "/en/news/"])
def test_an_anonymous_public_page_may_be_kept_for_a_short_while_with_an_etag(client, sections, settings, url):
    settings.HTTP_CACHE_SECONDS = 45

    response = client.get(url)

    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=45"}
    assert response["ETag"].startswith('"')
    assert not response.cookies


def test_a_matching_etag_is_answered_304_without_the_page(client, home_pages):
    first = client.get("/en/")

    again = client.get("/en/", HTTP_IF_NONE_MATCH=first["ETag"])
    changed = client.get("/en/", HTTP_IF_NONE_MATCH='"an-older-version"')

    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"] and "public" in cache_control(again)
    assert changed.status_code == 200 and changed.content == first.content


def test_a_changed_page_gets_a_new_etag(client, sections):
    before = client.get("/en/")
    news_article(sections.news, 1)

    after = client.get("/en/", HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "News 1" in after.text


def test_unprefixed_chinese_pages_do_not_vary_by_the_browsers_language(client, home_pages):
    """The language is in the path: `/` is Chinese whatever the browser asks for, so caches need not split on it."""
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert chinese["Content-Language"] == "zh-hans" and '<html lang="zh-hans">' in chinese.text
    assert "accept-language" not in chinese.get("Vary", "").lower()
    assert "accept-language" not in client.get("/en/").get("Vary", "").lower()


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (Role.RESIDENT, "/en/"),
        (Role.RESIDENT, "/en/merchants/"),
        (Role.RESIDENT, "/accounts/"),
        (Role.RESIDENT, "/en/benefits/code/"),
        (Role.MERCHANT, "/portal/"),
        (Role.MERCHANT, "/en/jobs/merchant/"),
        (Role.REVIEWER, "/admin/"),
    ],
)
def test_nothing_for_a_signed_in_user_is_stored_by_any_cache(client, home_pages, role, url):
    client.force_login(UserFactory(role=role))

    response = client.get(url)

    assert {"private", "no-store"} <= cache_control(response)
    assert_never_public(response)


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/sign-in/",
        "/en/accounts/sign-up/",
        "/admin/login/",
        "/admin/",
        "/portal/",
        "/en/portal/",
        "/feedback/complaints/follow/6f1c1b7e-3c55-4d7b-9d1e-0c8a5c3e2a10/",  # a secret link
    ],
)
def test_forms_the_admin_the_portals_and_accounts_are_private_for_visitors_too(client, home_pages, url):
    response = client.get(url)

    assert {"private", "no-store"} <= cache_control(response)
    assert_never_public(response)


def test_a_page_with_a_form_is_private_by_its_csrf_cookie_wherever_it_is(client, home_pages, settings):
    settings.HTTP_CACHE_PRIVATE_PATHS = []

    response = client.get("/en/accounts/sign-in/")

    assert response.status_code == 200 and "csrfmiddlewaretoken" in response.text
    assert response.cookies
    assert {"private", "no-store"} <= cache_control(response)


@pytest.mark.parametrize(
    "url",
    ["/en/no-such-page/", "/healthz", "/api/merchants", "/api/merchants/search?q=x", "/en/api/merchants/search?q=x"],
)
def test_errors_live_state_and_the_api_are_not_made_public(client, home_pages, url):
    assert_never_public(client.get(url))


def test_a_visitor_with_a_session_gets_private_pages(client, home_pages, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-of-someone"

    assert_never_public(client.get("/en/"))


def test_public_caching_can_be_turned_off(client, home_pages, settings):
    settings.HTTP_CACHE_SECONDS = 0

    assert_never_public(client.get("/en/"))


def site_with_furniture(sections):
    english = Locale.objects.get(language_code="en")
    menu = MainMenu.objects.create(name="Main", locale=english)
    MainMenuLink.objects.create(menu=menu, page=sections.notices, sort_order=0)
    MainMenuLink.objects.create(menu=menu, url="/en/merchants/", label="Merchants", sort_order=1)
    Footer.objects.create(locale=english, about="The bureau's platform.", contact="<p>Hotline 12345</p>", legal="ICP 1")
    guides = add_translated_child(sections.news.get_parent(), StandardPage(title="指南", slug="guides"), "Guides", "g")
    child = add_translated_child(guides, StandardPage(title="餐饮", slug="catering"), "Catering", "catering")
    news_article(sections.news, 1)
    return StandardPage.objects.get(translation_key=child.translation_key, locale=english).url


def test_the_caching_changes_no_page_s_html(client, sections, settings):
    content_page = site_with_furniture(sections)
    pages = ["/", "/en/", content_page, "/en/news/", "/en/notices/"]
    settings.HTTP_CACHE_SECONDS = 0
    cache.clear()
    uncached = {url: client.get(url).content for url in pages}

    settings.HTTP_CACHE_SECONDS = 60
    first = {url: client.get(url).content for url in pages}  # after the first round: built and kept
    second = {url: client.get(url).content for url in pages}  # from the cache

    assert uncached == first == second
    assert b"Hotline 12345" in second["/en/"] and b">Guides</a>" in second[content_page]


# -- the cache in front of the site: Wagtail's frontend cache purges by HTTP PURGE --------------------------------


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    """A local HTTP server standing in for Varnish or nginx: it records the PURGE requests it is sent."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.purged
    server.shutdown()
    server.server_close()


def purged_paths(purged) -> set[str]:
    return {path for _host, path in purged}


def test_publishing_a_page_purges_it_the_section_that_lists_it_and_the_home_page(
    sections, front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        news_article(sections.news, 5)

    assert {"/news/news-5/", "/news/", "/", "/en/news/news-5/", "/en/news/", "/en/"} <= purged_paths(front_cache)
    assert {host for host, _path in front_cache} == {"localhost"}


def test_unpublishing_a_page_purges_it(sections, front_cache, django_capture_on_commit_callbacks):
    article = news_article(sections.news, 6)
    front_cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()

    assert {"/news/news-6/", "/news/", "/"} <= purged_paths(front_cache)


def test_suspending_a_merchant_purges_its_page_the_register_and_the_home_page(
    home_pages, front_cache, django_capture_on_commit_callbacks
):
    merchant = OrganizationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        registry.suspend_listing(merchant, at=merchant.listed_at, reason="消费者投诉")

    page = f"/merchants/{merchant.pk}/"
    assert {page, "/merchants/", "/", f"/en{page}", "/en/merchants/", "/en/"} <= purged_paths(front_cache)


def test_without_a_frontend_cache_a_publish_purges_nothing_and_fails_nothing(sections, settings):
    assert not hasattr(settings, "WAGTAILFRONTENDCACHE")

    news_article(sections.news, 7)
