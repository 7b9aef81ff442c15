"""Issue 15, item 10: the parts of the Wagtail admin we configure speak the admin's language. The main screens are
rendered in Chinese and in English; on the Chinese side no English label of ours shows (a msgid of our catalogs
whose Chinese differs, or the English name of a row our migrations seed: the role groups, the moderation workflow
and its task), and the seeded rows are named in each language."""

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
import wagtail
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.commerce.models import Order
from tests.factories import UserFactory
from tests.page_structure import page_structure

pytestmark = pytest.mark.django_db

SCREENS = ["/admin/", "/admin/users/", "/admin/groups/", "/admin/workflows/list/", "/admin/workflows/tasks/index/",
           "/admin/review_queue/", "/admin/snippets/"]  # fmt: skip
# Attributes whose text a person reads (tooltips) or hears (screen readers).
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}
WAGTAIL_DEFAULT_NAME = "Moderators approval"
SEEDED_ENGLISH_NAMES = {role.value for role in Role} | {WAGTAIL_DEFAULT_NAME, "Moderators"}
DJANGO_PERMISSION_NAME = re.compile(r"^Can [a-z]")  # as Django stores them: "Can add order", "Can view"


class Texts(HTMLParser):
    """Every text node and read attribute of a page, whitespace-normalised, leaving out scripts and templates."""

    def __init__(self):
        super().__init__()
        self.texts, self._skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._skipping += 1
        self.texts += [" ".join(value.split()) for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def texts_of(response) -> list[str]:
    parser = Texts()
    parser.feed(response.content.decode())
    return parser.texts


ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.M)


def entries(catalogs):
    for catalog in catalogs:
        for msgid, msgstr in ENTRY.findall(catalog.read_text(encoding="utf-8")):
            yield tuple("".join(re.findall(r'"(.*)"', part)) for part in (msgid, msgstr))


def our_english_labels() -> set[str]:
    """The msgids of our own catalogs that Chinese translates to something else, less those Wagtail and Django also
    use (their screens render theirs, e.g. a table's "Actions")."""
    base = Path(settings.BASE_DIR)
    ours = [base / "locale/zh_Hans/LC_MESSAGES/django.po", *base.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"),
            *base.glob("market/*/locale/zh_Hans/LC_MESSAGES/django.po")]  # fmt: skip
    theirs = [
        *Path(wagtail.__file__).parent.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"),
        *Path(django.__file__).parent.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"),
    ]
    shared = {english for english, _ in entries(theirs)}
    return {
        english
        for english, chinese in entries(ours)
        # Whole labels only: a word of three letters or more, no placeholder, translated to something else.
        if re.search(r"[A-Za-z]{3}", english) and "%" not in english and "{" not in english and chinese != english
    } - shared


@pytest.fixture
def administrator(client):
    user = UserFactory(username="chen", role=Role.ADMINISTRATOR, is_superuser=True)
    client.force_login(user)
    return user


def admin_in(language, user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def main_screens(client) -> list[str]:
    reviewer_group = Group.objects.get(name=Role.REVIEWER.value)
    screens = [*SCREENS, f"/admin/groups/edit/{reviewer_group.pk}/"]
    screens.append(f"/admin/users/edit/{UserFactory(username='wang', role=Role.REVIEWER).pk}/")
    snippets = client.get("/admin/snippets/").content.decode()
    screens += sorted(set(re.findall(r'href="(/admin/snippets/[a-z_]+/[a-z_]+/)"', snippets)))
    return screens


def test_the_main_admin_screens_show_no_english_label_of_ours_in_chinese(client, administrator):
    admin_in("zh-hans", administrator)
    labels = our_english_labels()
    assert {"Review queue", "Discount settings"} <= labels  # the catalogs were read

    found = {}
    for url in main_screens(client):
        response = client.get(url)
        assert response.status_code == 200, url
        texts = texts_of(response)
        english = sorted({text for text in texts if text in labels or text in SEEDED_ENGLISH_NAMES})
        english += sorted({text for text in texts if DJANGO_PERMISSION_NAME.match(text)})
        english += sorted({text for text in texts if WAGTAIL_DEFAULT_NAME in text and text not in english})
        if english:
            found[url] = english
    assert found == {}, found


def test_the_seeded_groups_workflow_and_task_are_named_in_each_language(client, administrator):
    for language, reviewer, workflow, task, others in [
        ("zh-hans", "经办人", "页面审核", "管理员审批", ["Reviewer", "Page approval", "Administrator's approval"]),
        ("en", "Reviewer", "Page approval", "Administrator's approval", ["经办人", "页面审核", "管理员审批"]),
    ]:
        admin_in(language, administrator)
        groups = texts_of(client.get("/admin/groups/"))
        workflows = texts_of(client.get("/admin/workflows/list/"))
        tasks = texts_of(client.get("/admin/workflows/tasks/index/"))
        user_form = texts_of(client.get(f"/admin/users/edit/{UserFactory(role=Role.MERCHANT).pk}/"))

        assert reviewer in groups and reviewer in user_form, language
        assert "Moderators" not in groups  # Wagtail's unused default group is gone
        assert workflow in workflows and task in workflows, language
        assert task in tasks and workflow in tasks, language
        for other in others:
            assert not any(other in text for text in groups + workflows + tasks + user_form), (language, other)


def test_the_group_screen_names_roles_and_permissions_in_the_admins_language(client, administrator):
    reviewer_group = Group.objects.get(name=Role.REVIEWER.value)
    for language, role, add_order, view, access_admin in [
        ("en", "Reviewer", "Can add order", "Can view", "Can access Wagtail admin"),
        ("zh-hans", "经办人", None, "可查看", "可进入 Wagtail 管理后台"),
    ]:
        admin_in(language, administrator)
        response = client.get(f"/admin/groups/edit/{reviewer_group.pk}/")
        page = page_structure(response)
        with translation.override(language):
            add_order = add_order or f"可添加{Order._meta.verbose_name}"
        assert response.context["form"]["name"].value() == Role.REVIEWER.value  # what is stored and saved …
        with translation.override(language):
            assert str(response.context["form"]["name"].value()) == role  # … shows as the role's name
        assert role in " ".join(page.heading_texts(1)), language
        assert add_order in page.texts and view in page.texts and access_admin in page.texts, language
        if language == "zh-hans":
            assert not [text for text in page.texts if DJANGO_PERMISSION_NAME.match(text)]


def test_a_role_group_saved_with_its_name_as_shown_keeps_its_role_and_a_new_name_is_kept_as_typed():
    group = Group.objects.get(name=Role.REVIEWER.value)
    with translation.override("zh-hans"):
        group.name = str(group.name)  # "经办人", as the group form shows and sends it back
        group.save()
    group.refresh_from_db()
    assert group.name == Role.REVIEWER.value and Group.objects.filter(name=Role.REVIEWER.value).exists()

    with translation.override("en"):
        group.name = "Senior reviewer"
        group.save()
    assert Group.objects.filter(name="Senior reviewer").exists()
