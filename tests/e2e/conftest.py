"""Browser tests: Debian's Chromium, driven by Playwright's sync API, against pytest-django's live server.

Each test gets a fresh browser context (zh-CN, a 390x844 phone screen) whose base URL is the live server,
so `page.goto("/accounts/")` works. A failing test leaves a screenshot and the page's HTML in
tests/e2e/artifacts/.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from tests.factories import PASSWORD
from tests.services import CHROMIUM

E2E_DIRECTORY = Path(__file__).resolve().parent
ARTIFACTS = E2E_DIRECTORY / "artifacts"
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SIGN_IN_PATH = "/accounts/sign-in/"

reports_key = pytest.StashKey[dict[str, pytest.TestReport]]()


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: a browser test in tests/e2e (Chromium against the live server)")


def pytest_collection_modifyitems(items):
    for item in items:
        if E2E_DIRECTORY in item.path.parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.requires_service("chromium"))
            # The live server needs real transactions; the rows that data migrations made (roles, holiday
            # calendar, eligibility groups, synonyms) are restored after each test's flush.
            if item.get_closest_marker("django_db") is None:
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session", autouse=True)
def _database_snapshot_on_every_connection(django_db_setup):
    """Playwright's sync API runs the test in a greenlet, and each greenlet sees its own Django connection
    objects; serialized_rollback looks for the snapshot of the migrated database on whichever one the test
    gets, so it is put on the connection class."""
    from django.db import connections

    for alias in connections:
        snapshot = getattr(connections[alias], "_test_serialized_contents", None)
        if snapshot is not None:
            type(connections[alias])._test_serialized_contents = snapshot


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's outcome on the item so the page fixture knows, at teardown, whether the test failed.
    report = yield
    item.stash.setdefault(reports_key, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def browser():
    # The sync API keeps an asyncio loop running in this thread, which trips Django's guard against ORM
    # calls from async code; the tests' ORM calls are plain synchronous ones, so it is relaxed meanwhile.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGUMENTS
            )
            yield chromium
            chromium.close()


@pytest.fixture
def browser_context_options():
    """Override in a test module for another screen, e.g. {"viewport": {"width": 1280, "height": 800}}."""
    return {"locale": "zh-CN", "timezone_id": "Asia/Shanghai", "viewport": {"width": 390, "height": 844}}


@pytest.fixture
def page(request, live_server, browser_context_options):
    # Asked for here rather than as an argument: a session fixture would be set up before the autouse
    # requires_service check, launching a browser that may not exist instead of skipping.
    browser = request.getfixturevalue("browser")
    context = browser.new_context(base_url=live_server.url, **browser_context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
        outcome = request.node.stash.get(reports_key, {}).get("call")
        if outcome is not None and outcome.failed:
            save_artifacts(page, request.node.name)
    finally:
        context.close()


@pytest.fixture
def open_browser(request, live_server, sign_in):
    """`open_browser(user, width=1280)`: a browser of its own for another person, signed in."""
    browser = request.getfixturevalue("browser")
    contexts = []

    def open_for(user, width=1280):
        context = browser.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            viewport={"width": width, "height": 900},
        )
        contexts.append(context)
        other = context.new_page()
        other.set_default_timeout(10_000)
        sign_in(other, user)
        return other

    yield open_for
    for context in contexts:
        context.close()


def save_artifacts(page, test_name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", test_name)
    page.screenshot(path=ARTIFACTS / f"{stem}.png", full_page=True)
    (ARTIFACTS / f"{stem}.html").write_text(page.content(), encoding="utf-8")


@pytest.fixture
def sign_in():
    """`sign_in(page, user)`: through the real sign-in form, failing if the form turns the user away."""

    def sign_in(page, user, password=PASSWORD):
        page.goto(SIGN_IN_PATH)
        fill_sign_in_form(page, user.username, password)
        expect(page).not_to_have_url(re.compile(re.escape(SIGN_IN_PATH)))

    return sign_in


def fill_sign_in_form(page, username: str, password: str) -> None:
    form = page.locator("form", has=page.locator("#id_username"))
    form.locator("#id_username").fill(username)
    form.locator("#id_password").fill(password)
    form.locator("button:not([type]), [type=submit]").click()


@pytest.fixture
def home_page(transactional_db):
    """A published home page as the default Site's root, in Chinese with an English translation.

    live_server tests flush the database, so the locales, Wagtail's root page and the Site are made here.
    """
    chinese, _ = Locale.objects.get_or_create(language_code="zh-hans")
    english, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=chinese))
    home = root.add_child(
        instance=HomePage(title="邻里", slug="linli", locale=chinese, headline="社区服务，一站办理")
    )
    home.save_revision().publish()
    english_home = home.copy_for_translation(english)
    english_home.title = "Linli"
    english_home.headline = "Community services in one place"
    english_home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="邻里")
    return home
