"""Every main page works in Chromium under the enforced Content-Security-Policy, and the browser blocks nothing.

The test settings enforce the same policy as production (market/settings/base.py; only dev.py reports without
blocking). Each page is loaded, with its scripts run, and the browser's `securitypolicyviolation` events and
console errors are collected: there must be none. The policy header itself is checked on each response too.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from cms.models import NoticeIndexPage, NoticePage, PolicyIndexPage, PolicyPage
from market.accounts.roles import Role
from search.backends.database import refresh_entries
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, ScheduleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") + " at " + event.sourceFile + ":" +
    event.lineNumber + " " + (event.sample || "")
  );
});
"""


class PolicyWatch:
    """What the browser refused on this page, from the DOM's violation events and the console."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        self.events: list[str] = []
        self.headers: dict[str, str] = {}
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.console.append(f"{self.page.url}: {message.text}")

    def _response(self, response):
        if response.request.resource_type == "document":
            self.headers[response.url] = response.headers.get("content-security-policy", "")

    def visit(self, path: str):
        self._collect()
        response = self.page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        self.page.wait_for_load_state("networkidle")
        return response

    def _collect(self):
        # Each document has its own list: read it before leaving the page.
        if self.page.url.startswith("http"):
            self.events += [f"{self.page.url}: {text}" for text in self.page.evaluate("window.__cspViolations || []")]

    def violations(self) -> list[str]:
        self._collect()
        return self.events + self.console


@pytest.fixture
def register(home_page):
    """A listed merchant with an outlet, a notice and a policy document, in the search entries."""
    category = CategoryFactory(code="housekeeping", name="家政服务", name_en="Housekeeping")
    merchant = OrganizationFactory(alternate_name="红星家政", categories=[category])
    ScheduleFactory(location=LocationFactory(organization=merchant, address_1="珠江路88号"))
    refresh_entries()
    notices = home_page.add_child(instance=NoticeIndexPage(title="公示", slug="notices"))
    notices.save_revision().publish()
    notice = notices.add_child(
        instance=NoticePage(
            title="公示1",
            slug="notice-1",
            merchant_name="红星家政",
            credit_code="91320100MA00000008",
            category_names="家政服务",
            outlet_addresses="红星家政: 玄武区 珠江路88号",
            notice_starts_on=datetime.date(2099, 3, 2),
            notice_ends_on=datetime.date(2099, 3, 9),
        )
    )
    notice.save_revision().publish()
    policies = home_page.add_child(instance=PolicyIndexPage(title="政策文件", slug="policy"))
    policies.save_revision().publish()
    policy = policies.add_child(
        instance=PolicyPage(
            title="国务院关于加强和改进社区服务工作的意见",
            slug="guofa-2006-14",
            issuing_body="国务院",
            document_number="国发〔2006〕14号",
            date_issued=datetime.date(2006, 4, 9),
            preamble="<p>各省、自治区、直辖市人民政府：</p>",
            body=[("section", {"heading": "一、指导思想", "content": "<p>以人为本。</p>"})],
        )
    )
    policy.save_revision().publish()
    return {"merchant": merchant, "notices": notices, "notice": notice, "policy": policy}


def assert_enforced_without_unsafe_inline(csp: str):
    assert csp, "no Content-Security-Policy header"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert re.search(r"(^|; )script-src 'self'", csp)


def test_the_public_pages_work_under_the_policy_and_nothing_is_blocked(page, register):
    watch = PolicyWatch(page)
    paths = [
        "/",
        "/search/?q=家政",
        "/merchants/",
        f"/merchants/{register['merchant'].pk}/",
        register["notices"].url,
        register["notice"].url,
        register["policy"].url,
        "/accounts/sign-in/",
        "/en/",
    ]

    for path in paths:
        watch.visit(path)
        expect(page.get_by_role("heading", level=1).first).to_be_visible()

    # The search box's suggestions (a script of our own, fetching from the API) still work.
    watch.visit("/")
    search_box = page.get_by_role("combobox")
    search_box.press_sequentially("jz")
    expect(page.get_by_role("listbox")).to_be_visible()

    assert watch.violations() == []
    assert len(watch.headers) >= len(paths)
    for url, csp in watch.headers.items():
        assert_enforced_without_unsafe_inline(csp), url
        assert "frame-ancestors 'none'" in csp


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MERCHANT])
def test_the_account_pages_work_under_the_policy(page, sign_in, home_page, role):
    user = UserFactory(role=role)
    watch = PolicyWatch(page)

    sign_in(page, user)
    watch.visit("/accounts/")
    expect(page.locator(f"#{role.value}-features")).to_be_visible()
    watch.visit("/benefits/" if role == Role.RESIDENT else "/portal/")

    assert watch.violations() == []
    for csp in watch.headers.values():
        assert_enforced_without_unsafe_inline(csp)


def test_the_wagtail_admin_works_under_the_policy_for_staff(page, sign_in, register):
    editor = UserFactory(role=Role.EDITOR)
    watch = PolicyWatch(page)

    sign_in(page, editor)
    watch.visit("/admin/")
    expect(page.locator(".w-dashboard").get_by_role("heading", level=1)).to_be_visible()
    # The page editor: rich text, StreamField, a date picker (Wagtail's inline scripts, given the nonce).
    watch.visit(f"/admin/pages/{register['policy'].pk}/edit/")
    expect(page.locator("#id_date_issued")).to_be_visible()
    # The date picker exists only if its inline script ran.
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_attached()
    # The rich text editor wrote its own <style> elements, and the browser applied every one (a refused one has no
    # style sheet).
    style_sheets = page.evaluate("Array.from(document.querySelectorAll('style'), (style) => style.sheet !== null)")
    assert style_sheets and all(style_sheets)
    watch.visit(f"/admin/pages/{register['notices'].pk}/")

    assert watch.violations() == []
    for url, csp in watch.headers.items():
        assert_enforced_without_unsafe_inline(csp), url
    editor_policy = next(csp for url, csp in watch.headers.items() if url.endswith("/edit/"))
    assert "'nonce-" in re.search(r"script-src ([^;]*)", editor_policy).group(1)
    assert "'nonce-" in re.search(r"style-src ([^;]*)", editor_policy).group(1)
