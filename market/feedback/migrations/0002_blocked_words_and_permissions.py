"""Administrators keep the blocked words (reviewers read them while moderating), and a first short list of the
phrases that spam on review sites carries. Object-level permissions are in rules.py.
"""

from django.db import migrations

from market.accounts.grants import grant_model_permissions

# Advertising and fake-review phrases: each holds a review back for a moderator, it does not refuse it.
FIRST_BLOCKED_WORDS = [
    ("加微信", "Advertising: add me on WeChat"),
    ("代开发票", "Fake invoices"),
    ("刷单", "Paid fake orders and reviews"),
    ("好评返现", "Cash back for a good review"),
    ("兼职日结", "Job spam"),
]


def set_up(apps, schema_editor):
    grant_model_permissions(apps, "administrator", "feedback", ["blockedword"])
    grant_model_permissions(apps, "reviewer", "feedback", ["blockedword"], actions=("view",))
    BlockedWord = apps.get_model("feedback", "BlockedWord")
    for word, note in FIRST_BLOCKED_WORDS:
        BlockedWord.objects.get_or_create(word=word, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
