"""Names of rows our migrations seed that the Wagtail admin shows: the role groups, and the moderation workflow and
its task (cms/migrations/0003 and 0005). They are translated when displayed, Chinese in the Chinese admin and
English in the English one.

The role groups keep the names the code knows them by (`Group.objects.get(name=role)`); the workflow and its task
are stored in Chinese, the default language, so that the few Wagtail screens still reading `.name` (a page's
moderation status and history, Wagtail's moderation emails) show Chinese rather than English.

`install()` (MarketConfig.ready) makes `str()` of a group, workflow or task the translated name; the main admin
screens that read `.name` are given `str()` instead: our group viewset (market/accounts/admin_groups.py) and the
Wagtail workflow cells overridden under templates/wagtailadmin/. A row an administrator adds or renames shows the
name as typed.
"""

from django.utils.translation import gettext_lazy as _

from market.accounts.roles import Role

# As cms/migrations/0005_seeded_names.py names them.
MODERATION_WORKFLOW = "页面审核"
MODERATION_TASK = "管理员审批"

GROUP_NAMES = {role.value: role.label for role in Role}
WORKFLOW_NAMES = {MODERATION_WORKFLOW: _("Page approval")}
TASK_NAMES = {MODERATION_TASK: _("Administrator's approval")}


def group_name(name: str) -> str:
    return str(GROUP_NAMES.get(name, name))


def workflow_name(name: str) -> str:
    return str(WORKFLOW_NAMES.get(name, name))


def task_name(name: str) -> str:
    return str(TASK_NAMES.get(name, name))


def install() -> None:
    from django.contrib.auth.models import Group
    from wagtail.models import Task, Workflow

    Group.__str__ = lambda group: group_name(group.name)
    Workflow.__str__ = lambda workflow: workflow_name(workflow.name)
    Task.__str__ = lambda task: task_name(task.name)
