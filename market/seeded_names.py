"""Names of rows the Wagtail admin shows that the database keeps in one language: the role groups, the moderation
workflow and its task our migrations seed (accounts/0002, cms/0003 and 0006), and Django's permissions. Each is shown
in the admin's language wherever Wagtail reads `.name` — its listings, the group and permission screens, the page
editor's status panel and dialogs, the workflow history and its moderation emails (in each recipient's language).

The database keeps one name: a role group its role's value (`Group.objects.get(name=role)`), the seeded workflow and
task their English name, which is also the msgid of their translation, a permission what Django stored (English,
built from the model's name, or its `Meta.permissions` label). `install()` (MarketConfig.ready) puts a descriptor on
the `name` of Group, Workflow, Task and Permission that reads a `DisplayedName`: the stored name for comparing,
querying and saving, whose `str()` — what templates and `%` formatting use — is the name in the active language. A
row an administrator adds or renames shows its name as typed; a form that sends back the name as shown (the workflow
edit form in Chinese) keeps the stored one rather than saving the translation.
"""

import copy
import functools

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from market.accounts.roles import Role

# As cms/migrations/0006_seeded_names_in_english.py stores them.
MODERATION_WORKFLOW = "Page approval"
MODERATION_TASK = "Administrator's approval"

GROUP_NAMES = {role.value: role.label for role in Role}
WORKFLOW_NAMES = {MODERATION_WORKFLOW: _("Page approval")}
TASK_NAMES = {MODERATION_TASK: _("Administrator's approval")}

# Django names a model's default permissions "Can add <verbose name>" when it creates them, in English; they are
# named again from the model's translated verbose name.
DEFAULT_PERMISSION_NAMES = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}
# Wagtail's strings around these names that its Chinese catalog lacks: the permission labels its group screen
# passes through {% trans %} as stored or shortened (wagtailusers_tags.normalize_permission_label), and the
# moderation status of the page editor's status panel.
WAGTAIL_CATALOG_GAPS = [
    gettext_noop("Can view"),
    gettext_noop("Can choose"),
    gettext_noop("Can access Wagtail admin"),
    gettext_noop("Can submit translations"),
    gettext_noop("Sent to %(task_name)s %(started_at)s"),
]


class DisplayedName(str):
    """A name as the database keeps it (compare, query and save it as it is) whose `str()` is the name shown."""

    def __new__(cls, stored: str, display):
        name = super().__new__(cls, stored)
        name.display = display
        return name

    def __str__(self) -> str:
        return str(self.display())

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self):
        return str, (str.__str__(self),)


class ShownInAdminLanguage:
    """The `name` of a model: reads a DisplayedName; a value equal to the stored name as shown keeps the stored one."""

    def __init__(self, field_attribute, display):
        self.field_attribute = field_attribute  # Django's own, which loads a deferred name
        self.field = field_attribute.field
        self.display = display  # (instance, stored name) -> the name in the active language

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        stored = self.field_attribute.__get__(instance, owner)
        if not isinstance(stored, str) or isinstance(stored, DisplayedName):
            return stored
        return DisplayedName(stored, lambda: self.display(instance, stored))

    def __set__(self, instance, value):
        if isinstance(value, DisplayedName):
            value = str.__str__(value)
        stored = instance.__dict__.get(self.field.attname)
        shown_back = isinstance(value, str) and value != stored and isinstance(stored, str) and stored
        if shown_back and value == self.display(instance, stored):
            value = stored
        instance.__dict__[self.field.attname] = value


def group_name(group, name: str) -> str:
    return str(GROUP_NAMES.get(name, name))


def workflow_name(workflow, name: str) -> str:
    return str(WORKFLOW_NAMES.get(name, name))


def task_name(task, name: str) -> str:
    return str(TASK_NAMES.get(name, name))


def permission_name(permission, name: str) -> str:
    from django.contrib.auth import get_permission_codename
    from django.contrib.contenttypes.models import ContentType

    if permission.content_type_id is None:
        return gettext(name)
    model = ContentType.objects.get_for_id(permission.content_type_id).model_class()
    if model is None:
        return gettext(name)
    options = model._meta
    for action, label in DEFAULT_PERMISSION_NAMES.items():
        if action in options.default_permissions and permission.codename == get_permission_codename(action, options):
            return label % {"name": options.verbose_name}
    for codename, label in options.permissions:
        if codename == permission.codename:
            return gettext(str(label))
    return gettext(name)


WORKFLOW_LOG_ACTIONS = ["wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.workflow.reject",
                        "wagtail.workflow.resume", "wagtail.workflow.cancel"]  # fmt: skip


def shown_titles(data):
    """A log entry's data with the titles of the seeded workflow and task as shown: Wagtail stored `.name` there."""
    if isinstance(data, dict):
        return {
            key: workflow_name(None, task_name(None, value))
            if key == "title" and isinstance(value, str)
            else shown_titles(value)
            for key, value in data.items()
        }
    return data


def name_workflows_in_history(actions) -> None:
    """Wagtail's `register_log_actions` hook, after Wagtail's own: the page history's workflow entries name the
    seeded workflow and task in the reader's language."""
    for action in WORKFLOW_LOG_ACTIONS:
        formatter = actions.formatters.get(action)
        if formatter is None or getattr(formatter, "shows_seeded_names", False):
            continue
        format_message = formatter.format_message

        def format_shown(log_entry, format_message=format_message):
            shown = copy.copy(log_entry)
            shown.data = shown_titles(log_entry.data)
            return format_message(shown)

        formatter.format_message = format_shown
        formatter.shows_seeded_names = True


def stored_name(field, instance):
    """What serialisers write for the name (dumpdata, the tests' serialized rollback): the stored name. They call
    `value_to_string`, which would otherwise be `str()` of the name: the shown one, in whatever language is active."""
    value = field.value_from_object(instance)
    return str.__str__(value) if isinstance(value, str) else value


def install() -> None:
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Task, Workflow

    for model, display in [(Group, group_name), (Workflow, workflow_name), (Task, task_name),
                           (Permission, permission_name)]:  # fmt: skip
        attribute = model.__dict__["name"]
        if not isinstance(attribute, ShownInAdminLanguage):
            model.name = ShownInAdminLanguage(attribute, display)
            field = model._meta.get_field("name")
            field.value_to_string = functools.partial(stored_name, field)
    # Their own __str__ returns `.name`: give the name shown, a plain string.
    for model in [Group, Workflow, Task]:
        model.__str__ = lambda instance: str(instance.name)
