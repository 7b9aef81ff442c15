"""Rows Wagtail's own migrations left with English names that the admin shows beside ours:

- the moderation workflow and its task, both "Moderators approval" (0003 took them over), are named in Chinese, the
  default language; market/seeded_names.py gives their English name where the admin shows `str()` of them;
- Wagtail's default "Moderators" group: 0003 gave its approval task to our administrator role, so no one needs it,
  and the admin listed it beside the roles. It is removed unless someone was put in it or a task still names it (as
  accounts' 0002_roles removed "Editors").

A workflow or task an administrator already renamed keeps its name.
"""

from django.db import migrations

WAGTAIL_NAME = "Moderators approval"
WORKFLOW_NAME = "页面审核"
TASK_NAME = "管理员审批"


def rename_and_drop(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name=WAGTAIL_NAME).update(name=WORKFLOW_NAME)
    Task.objects.filter(name=WAGTAIL_NAME).update(name=TASK_NAME)
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None or moderators.user_set.exists():
        return
    if GroupApprovalTask.objects.filter(groups=moderators).exists():
        return
    moderators.delete()


def restore_names(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).update(name=WAGTAIL_NAME)
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).update(name=WAGTAIL_NAME)


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_notice_proposed_changes")]

    operations = [migrations.RunPython(rename_and_drop, restore_names)]
