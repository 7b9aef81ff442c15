"""Every form a person posts is checked by the server, whose messages are translated and shown inline: the
browser's own required-field popups (in the browser's language) must not block it, nor a half-filled draft."""

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


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_posted_forms_leave_validation_to_the_server(template):
    for tag in re.findall(r"<form\b[^>]*>", template.read_text(encoding="utf-8")):
        if 'method="post"' in tag.lower():
            assert "novalidate" in tag, tag
