"""Moderation: editors write and submit pages; an administrator (the editors' supervisor) approves them.

Wagtail's default workflow "Moderators approval" sits on the root page, so it covers both home pages and
everything under them, in every language. Its approval task moves from Wagtail's "Moderators" group to our
administrator role; editors keep add and change but never publish, so their only way out is to submit.
"""

from django.db import migrations

WORKFLOW_NAME = "Moderators approval"
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
ADMINISTRATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
SNIPPETS = ["mainmenu", "footer"]


def set_up_moderation(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    editors, _ = Group.objects.get_or_create(name="editor")
    administrators, _ = Group.objects.get_or_create(name="administrator")
    page_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")[0]

    def page_permission(codename):
        return Permission.objects.get_or_create(
            content_type=page_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
        )[0]

    GroupPagePermission.objects.filter(group=editors).exclude(
        permission__codename__in=EDITOR_PAGE_PERMISSIONS
    ).delete()
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=page_permission(codename))
    for codename in ADMINISTRATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=administrators, page=root, permission=page_permission(codename)
        )

    # Editors keep the navigation and footer; administrators may also delete them.
    for model in SNIPPETS:
        content_type = ContentType.objects.get_or_create(app_label="cms", model=model)[0]
        for action in ["add", "change", "delete", "view"]:
            permission = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )[0]
            administrators.permissions.add(permission)
            if action != "delete":
                editors.permissions.add(permission)

    task_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0]
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_type, active=True)
    task.active = True
    task.save()
    task.groups.set([administrators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    workflow.active = True
    workflow.save()
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_site_pages"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(set_up_moderation, migrations.RunPython.noop)]
