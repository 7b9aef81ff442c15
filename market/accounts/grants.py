"""Give a role the permissions of its work, from a data migration (historical models only)."""

ACTIONS = ("add", "change", "delete", "view")


def grant_model_permissions(apps, role: str, app_label: str, models, actions=ACTIONS) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=role)
    for model in models:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            group.permissions.add(permission)
