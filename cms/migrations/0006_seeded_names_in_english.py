"""The moderation workflow and its task are stored under their English names, which are also the msgids of their
translations: market/seeded_names.py shows them in the admin's language wherever Wagtail reads `.name` (the page
editor's status panel, the workflow history, the moderation emails), where the Chinese names 0005 stored were shown
to English readers too.

A workflow or task an administrator renamed keeps its name.
"""

from django.db import migrations

CHINESE_NAMES = {"workflow": "页面审核", "task": "管理员审批"}
ENGLISH_NAMES = {"workflow": "Page approval", "task": "Administrator's approval"}


def rename(apps, names_from, names_to):
    for kind, model in [("workflow", "Workflow"), ("task", "Task")]:
        apps.get_model("wagtailcore", model).objects.filter(name=names_from[kind]).update(name=names_to[kind])


def store_english_names(apps, schema_editor):
    rename(apps, CHINESE_NAMES, ENGLISH_NAMES)


def store_chinese_names(apps, schema_editor):
    rename(apps, ENGLISH_NAMES, CHINESE_NAMES)


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_seeded_names")]

    operations = [migrations.RunPython(store_english_names, store_chinese_names)]
