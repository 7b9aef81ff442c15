"""The staff's licensing screens are wholly translated: rendered in Chinese they show none of the English labels
our catalogs translate, and rendered in English they show them."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.licensing.services.workflow import request_information
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CATALOGS = [
    Path(settings.BASE_DIR) / "market/licensing/locale/zh_Hans/LC_MESSAGES/django.po",
    Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES/django.po",
]


def licensing_labels() -> set[str]:
    """The English msgids of the licensing screens (the app catalog, and the project catalog's entries used by
    market/licensing): labels of at least two words, without placeholders, so that they cannot be data."""
    labels = set()
    for catalog in CATALOGS:
        for entry in catalog.read_text(encoding="utf-8").split("\n\n"):
            references = " ".join(line for line in entry.splitlines() if line.startswith("#:"))
            if catalog.parts[-5] != "licensing" and "market/licensing" not in references:
                continue
            match = re.search(r'^msgid "(.+)"$', entry, re.MULTILINE)
            label = match.group(1).replace('\\"', '"') if match else ""
            if re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", label) and "%" not in label and "{" not in label:
                labels.add(label)
    return labels


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style", "template")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style", "template") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(response) -> str:
    parser = Text()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


SCREENS = [
    "/admin/",
    "/admin/review_queue/",
    "/admin/review_queue/{application}/",
    "/admin/merchants/",
    "/admin/snippets/licensing/calendarday/",
    "/admin/snippets/licensing/holidaycalendaryear/",
    "/admin/snippets/licensing/categoryreviewpolicy/",
    "/admin/settings/licensing/licensingauthority/",
]


@pytest.fixture
def screens(workflow):
    application = workflow.under_review()
    request_information(application, workflow.people.reviewer, ["租赁合同"])
    return [url.format(application=application.pk) for url in SCREENS]


def render(client, user, language, url):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return visible_text(response)


def test_the_licensing_admin_screens_show_no_english_label_in_chinese(client, screens):
    administrator = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    labels = licensing_labels()
    assert len(labels) > 100

    for url in screens:
        chinese = render(client, administrator, "zh-hans", url)
        english = render(client, administrator, "en", url)
        left_in_english = sorted(label for label in labels if label in chinese)
        assert left_in_english == [], url
        assert any(label in english for label in labels), url
