"""Moderation: an editor submits, an administrator (the editors' supervisor) approves and so publishes."""

import pytest
from wagtail.models import Task, Workflow, WorkflowState

from cms.models import StandardPage
from market.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(home_pages):
    home, _ = home_pages
    page = home.add_child(instance=StandardPage(title="关于我们", slug="about", live=False))
    page.save_revision()
    return page


def test_the_home_pages_are_under_the_page_approval_workflow(home_pages):
    for home in home_pages:
        workflow = home.get_workflow()
        assert workflow.name == "Page approval" and workflow.active  # stored in English, the msgid of its name
        assert str(workflow) == "页面审核" and str(workflow.name) == "页面审核"  # shown in the active language
        task = workflow.tasks.get().specific
        assert [group.name for group in task.groups.all()] == [Role.ADMINISTRATOR.value]


def test_an_editor_may_edit_and_submit_but_not_publish(draft):
    editor = UserFactory(role=Role.EDITOR)
    permissions = draft.permissions_for_user(editor)

    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert draft.permissions_for_user(UserFactory(role=Role.ADMINISTRATOR)).can_publish()


def test_publishing_through_the_admin_as_an_editor_leaves_the_page_unpublished(client, draft):
    editor = UserFactory(role=Role.EDITOR)
    client.force_login(editor)

    client.post(
        f"/admin/pages/{draft.pk}/edit/",
        {"title": "关于我们", "slug": "about", "introduction": "新的介绍", "body-count": "0", "action-publish": "1"},
    )

    draft.refresh_from_db()
    assert not draft.live
    # The edit was kept as a draft revision: the request was processed, only the publishing refused.
    assert draft.get_latest_revision().content["introduction"] == "新的介绍"


def test_a_submitted_page_goes_live_only_when_an_administrator_approves(client, draft):
    editor = UserFactory(role=Role.EDITOR)
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    client.force_login(editor)

    client.post(
        f"/admin/pages/{draft.pk}/edit/",
        {"title": "关于我们", "slug": "about", "introduction": "本站介绍", "body-count": "0", "action-submit": "1"},
    )

    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    draft.refresh_from_db()
    assert not draft.live
    task = state.current_task_state.task.specific
    assert task.get_actions(draft, editor) == []
    assert "approve" in [name for name, *_ in task.get_actions(draft, administrator)]

    state.current_task_state.task.specific.on_action(state.current_task_state, administrator, "approve")

    draft.refresh_from_db()
    assert draft.live and draft.specific.introduction == "本站介绍"


def test_the_seeded_names_migration_stores_them_in_english_and_leaves_a_renamed_workflow(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("cms.migrations.0006_seeded_names_in_english")
    Workflow.objects.filter(name="Page approval").update(name="页面审核")  # as 0005 left them
    Task.objects.filter(name="Administrator's approval").update(name="管理员审批")
    Workflow.objects.create(name="店铺信息审核")  # an administrator's own

    migration.store_english_names(apps, None)

    assert sorted(Workflow.objects.values_list("name", flat=True)) == ["Page approval", "店铺信息审核"]
    assert list(Task.objects.values_list("name", flat=True)) == ["Administrator's approval"]
    migration.store_chinese_names(apps, None)
    assert sorted(Workflow.objects.values_list("name", flat=True)) == ["店铺信息审核", "页面审核"]
