"""Create the six roles of the domain brief as groups, with the permissions of their work.

Later apps grant their own models' permissions to these groups in their own migrations.
"""

from django.db import migrations

ROLES = ["resident", "merchant", "reviewer", "approver", "editor", "administrator"]
STAFF_ROLES = ["reviewer", "approver", "editor", "administrator"]
ADMINISTRATOR_PERMISSIONS = [
    ("accounts", "user", ["add", "change", "delete", "view"]),
    ("auth", "group", ["add", "change", "delete", "view"]),
]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in STAFF_ROLES:
        groups[name].permissions.add(access_admin)

    for app_label, model, actions in ADMINISTRATOR_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            groups["administrator"].permissions.add(permission)

    # Our editor role takes over Wagtail's default "Editors" group and its page and image rights.
    wagtail_editors = Group.objects.filter(name="Editors").first()
    if wagtail_editors is not None:
        for grant in GroupPagePermission.objects.filter(group=wagtail_editors):
            GroupPagePermission.objects.get_or_create(
                group=groups["editor"], page_id=grant.page_id, permission_id=grant.permission_id
            )
        for grant in GroupCollectionPermission.objects.filter(group=wagtail_editors):
            GroupCollectionPermission.objects.get_or_create(
                group=groups["editor"], collection_id=grant.collection_id, permission_id=grant.permission_id
            )
        groups["editor"].permissions.add(*wagtail_editors.permissions.all())
        wagtail_editors.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
