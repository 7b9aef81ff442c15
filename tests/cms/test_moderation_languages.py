"""Issue 15, item 10: where Wagtail names the moderation workflow and its task — the page editor's status panel and
submit button, the workflow history, the page history, the workflow report and its moderation emails — a Chinese admin
reads 页面审核 / 管理员审批 and an English one "Page approval" / "Administrator's approval"; the database keeps one
name, and saving the workflow's form in either language keeps it."""

import re

import pytest
from django.core import mail
from wagtail.models import Workflow, WorkflowState
from wagtail.users.models import UserProfile

from cms.models import StandardPage
from market.accounts.roles import Role
from tests.factories import UserFactory
from tests.page_structure import PageStructure, page_structure
from tests.posted import as_posted

pytestmark = pytest.mark.django_db

NAMES = {
    "en": ("Page approval", "Administrator's approval"),
    "zh-hans": ("页面审核", "管理员审批"),
}
OTHER = {"en": "zh-hans", "zh-hans": "en"}


def speaking(language, **kwargs):
    user = UserFactory(**kwargs)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def administrators():
    """One administrator reading the admin in each language; both approve the task and receive its emails."""
    return {
        language: speaking(language, username=f"admin-{language}", role=Role.ADMINISTRATOR, email=f"{language}@gov.cn")
        for language in NAMES
    }


@pytest.fixture
def submitted(client, home_pages, administrators):
    """A page an editor wrote and submitted for moderation through the admin."""
    home, _ = home_pages
    page = home.add_child(instance=StandardPage(title="关于我们", slug="about", live=False))
    page.save_revision()
    client.force_login(UserFactory(role=Role.EDITOR, email="editor@gov.cn"))
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": "关于我们", "slug": "about", "introduction": "本站介绍", "body-count": "0", "action-submit": "1"},
    )
    assert response.status_code == 302
    return page


def texts_seen(client, user, url) -> list[str]:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return page_structure(response).texts


OPENED_BY_A_TOGGLE = re.compile(
    r'(<[^>]*(?:data-side-panel="status"|data-w-dropdown-target="content")[^>]*?)\s+hidden\b'
)


def with_panels_open(response) -> PageStructure:
    """The page editor as a reader finds it after opening the status side panel and the "More actions" menu (their
    toggles remove `hidden`)."""
    opened = PageStructure()
    opened.feed(OPENED_BY_A_TOGGLE.sub(r"\1", response.content.decode()))
    opened.close()
    return opened


def names_in(texts, language) -> bool:
    return all(any(name in text for text in texts) for name in NAMES[language])


def mentions(texts, language) -> list[str]:
    return [text for text in texts if any(name in text for name in NAMES[language])]


def test_the_moderation_emails_name_the_workflow_and_task_in_each_recipients_language(submitted, administrators):
    for language, administrator in administrators.items():
        (email,) = [email for email in mail.outbox if email.to == [administrator.email]]
        _workflow, task = NAMES[language]
        assert task in email.subject and task in email.body, language
        assert not mentions([email.subject, email.body], OTHER[language]), language
    chinese = next(email for email in mail.outbox if email.to == [administrators["zh-hans"].email])
    assert "审核阶段" in chinese.subject  # the rest of the email is Chinese too


def test_the_editor_status_panel_listing_and_histories_name_them_in_the_admins_language(
    client, submitted, administrators
):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(submitted.pk))
    for language, administrator in administrators.items():
        workflow, task = NAMES[language]
        client.force_login(administrator)
        editor_page = with_panels_open(client.get(f"/admin/pages/{submitted.pk}/edit/")).texts
        assert any(task in text for text in editor_page), language  # "Sent to 管理员审批 …" in the status panel
        history = page_structure(client.get(f"/admin/pages/{submitted.pk}/workflow_history/"))
        assert workflow in history.heading_texts() and workflow in history.link_texts, language
        detail = page_structure(client.get(f"/admin/pages/{submitted.pk}/workflow_history/detail/{state.pk}/"))
        assert workflow in detail.heading_texts(), language
        page_history = texts_seen(client, administrator, f"/admin/pages/{submitted.pk}/history/")
        assert names_in(page_history, language), language  # "'页面审核' started. Next step '管理员审批'"
        report = texts_seen(client, administrator, "/admin/reports/workflow/")
        assert workflow in report, language

        for texts in [editor_page, history.texts, detail.texts, page_history, report]:
            assert not mentions(texts, OTHER[language]), language


def test_an_editor_is_offered_to_submit_to_the_workflow_named_in_their_language(client, home_pages):
    home, _ = home_pages
    page = home.add_child(instance=StandardPage(title="关于我们", slug="about", live=False))
    for language, (workflow, _task) in NAMES.items():
        client.force_login(speaking(language, username=f"editor-{language}", role=Role.EDITOR))
        buttons = with_panels_open(client.get(f"/admin/pages/{page.pk}/edit/")).button_names
        assert [name for name in buttons if workflow in name], (language, buttons)
        assert not [name for name in buttons if NAMES[OTHER[language]][0] in name], language


def test_saving_the_workflow_form_as_shown_keeps_the_stored_name_and_a_rename_shows_as_typed(client, home_pages):
    workflow = Workflow.objects.get(name="Page approval")
    chinese = speaking("zh-hans", username="chen", role=Role.ADMINISTRATOR, is_superuser=True)
    english = speaking("en", username="smith", role=Role.ADMINISTRATOR, is_superuser=True)
    edit_url = f"/admin/workflows/edit/{workflow.pk}/"
    client.force_login(chinese)
    shown = client.get(edit_url).context
    form = as_posted(shown["form"], shown["pages_formset"], shown["content_type_form"])
    assert form["name"] == "页面审核"  # the field shows the name as the Chinese admin reads it

    response = client.post(edit_url, form)

    assert response.status_code == 302, page_structure(response).message_texts
    workflow.refresh_from_db()
    assert workflow.name == "Page approval"  # still the one stored name, shown in each language
    assert "Page approval" in texts_seen(client, english, "/admin/workflows/list/")
    assert "页面审核" in texts_seen(client, chinese, "/admin/workflows/list/")

    client.post(edit_url, {**form, "name": "网站内容审核"})
    for reader in [chinese, english]:
        assert "网站内容审核" in texts_seen(client, reader, "/admin/workflows/list/")


def test_a_copy_of_the_database_keeps_the_stored_names_whatever_language_is_active():
    """dumpdata, and the tests' serialized rollback, write each name as stored: restored, a role group is still found
    by its role and the workflow by its English name."""
    from django.contrib.auth.models import Group
    from django.core import serializers
    from django.utils import translation

    with translation.override("zh-hans"):
        rows = [Group.objects.get(name=Role.RESIDENT.value), Workflow.objects.get()]
        copied = serializers.serialize("json", rows)

    assert f'"name": "{Role.RESIDENT.value}"' in copied
    assert '"name": "Page approval"' in copied
    assert "居民" not in copied and "页面审核" not in copied
