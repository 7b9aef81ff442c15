"""Administrators keep the holiday calendar, the licence types and the per-category review policy."""

from django.db import migrations

MODELS = ["calendarday", "licencetype", "categoryreviewpolicy"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    administrators, _ = Group.objects.get_or_create(name="administrator")
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="licensing", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            administrators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("licensing", "0002_holiday_calendar_2025_2026"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
