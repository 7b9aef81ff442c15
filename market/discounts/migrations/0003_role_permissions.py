"""The model permissions of the roles' work in the admin: reviewers verify eligibility, administrators keep the
groups and the micro-profit caps, approvers decide subsidy claims. Object-level checks are in rules.py.
"""

from django.db import migrations

GRANTS = {
    "reviewer": [
        ("eligibilityapplication", ["view", "change"]),
        ("eligibilityproof", ["view"]),
        ("eligibility", ["view", "change"]),
        ("eligibilitygroup", ["view"]),
        ("benefitcode", ["view", "change"]),
    ],
    "administrator": [
        ("eligibilitygroup", ["add", "change", "delete", "view"]),
        ("microprofitservicetype", ["add", "change", "delete", "view"]),
    ],
    "approver": [
        ("subsidyclaim", ["view", "change"]),
        ("subsidyclaimline", ["view"]),
        ("microprofitsale", ["view"]),
        ("redemption", ["view"]),
    ],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for role, models in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for model, actions in models:
            content_type, _ = ContentType.objects.get_or_create(app_label="discounts", model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("discounts", "0002_eligibility_groups"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
