"""Administrators keep the holiday calendar, the licence types and the per-category review policy."""

from django.db import migrations

from market.accounts.grants import grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, "administrator", "licensing", ["calendarday", "licencetype", "categoryreviewpolicy"])


class Migration(migrations.Migration):
    dependencies = [
        ("licensing", "0002_holiday_calendar_2025_2026"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
