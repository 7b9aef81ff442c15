"""Every form a person posts is checked by the server, whose messages are translated and shown inline: the
browser's own required-field popups (in the browser's language) must not block it, nor a half-filled draft.

Only the templates that hold a posted form are checked (a template without one has nothing to check), and the
list of them is itself checked, so that the test cannot pass by finding nothing.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [
    path
    for folder in ("templates", "cms/templates", "search/templates", "market")
    for path in (ROOT / folder).rglob("*.html")
    if "/admin/" not in str(path)
]
FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
POSTED = re.compile(r"""\bmethod\s*=\s*["']?post\b""", re.IGNORECASE)
NOVALIDATE = re.compile(r"\snovalidate\b", re.IGNORECASE)


def posted_forms(template: Path) -> list[str]:
    """The opening tags of the template's forms that are sent with POST."""
    return [tag for tag in FORM_TAG.findall(template.read_text(encoding="utf-8")) if POSTED.search(tag)]


WITH_POSTED_FORMS = sorted(path for path in TEMPLATES if posted_forms(path))


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_templates_with_posted_forms_are_found():
    found = {name(path) for path in WITH_POSTED_FORMS}
    assert {
        "templates/accounts/sign_in.html",
        "templates/accounts/sign_up.html",
        "templates/accounts/password_change.html",
        "market/licensing/templates/licensing/portal/step_business.html",
        "market/discounts/templates/discounts/merchant/counter.html",
        "cms/templates/cms/notice_page.html",
    } <= found
    # Templates that only show things are left out, not checked in vain.
    assert len(found) < len(TEMPLATES)


@pytest.mark.parametrize("template", WITH_POSTED_FORMS, ids=name)
def test_posted_forms_leave_validation_to_the_server(template):
    for tag in posted_forms(template):
        assert NOVALIDATE.search(tag), tag
