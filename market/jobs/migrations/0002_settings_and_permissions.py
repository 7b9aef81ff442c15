"""The bureau's starting settings and the roles' permissions in the admin.

The minimum hourly wage is a default for the bureau to check and edit (Settings › Flexible work settings): about
¥23.5 an hour is Nanjing's minimum for part-time work in 2025 under Jiangsu's minimum wage standard. Districts
that differ are added under Snippets › Minimum wages by district.
"""

from decimal import Decimal

from django.db import migrations

from market.accounts.grants import grant_model_permissions

SOURCE = (
    "江苏省最低工资标准，南京市非全日制用工小时最低工资约23.5元（2025年；默认值，请商务局核对修改）"
    " · Jiangsu minimum wage standard: Nanjing part-time hourly minimum about ¥23.5 (2025; a default for the bureau to check)"
)


def seed(apps, schema_editor):
    JobsSettings = apps.get_model("jobs", "JobsSettings")
    if not JobsSettings.objects.exists():
        JobsSettings.objects.create(
            priority_window_hours=48, minimum_hourly_wage=Decimal("23.50"), minimum_wage_source=SOURCE
        )
    grant_model_permissions(apps, "administrator", "jobs", ["jobssettings"], actions=("change", "view"))
    grant_model_permissions(apps, "administrator", "jobs", ["districtminimumwage"])
    for role in ("reviewer", "approver", "administrator"):
        grant_model_permissions(apps, role, "jobs", ["jobpost"], actions=("view", "change"))


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
