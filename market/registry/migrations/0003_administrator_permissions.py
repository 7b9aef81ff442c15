"""Administrators keep the category tree (zh and en names, parents, order)."""

from django.db import migrations

from market.accounts.grants import grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, "administrator", "registry", ["category"])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_location_photo"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
