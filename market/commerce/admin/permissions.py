"""Who sees the marketplace's admin screens: bureau staff who may read the ledger (rules.py, view_ledger).

Nobody adds, edits or deletes a record there: every change is an act of the commerce services, checked again on
the object (a refund needs commerce.refund_order).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from market.accounts.roles import Role

STAFF_GROUPS = [Role.REVIEWER.value, Role.APPROVER.value, Role.ADMINISTRATOR.value]


def may_view_ledger(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm("commerce.view_ledger")


class LedgerStaffPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and may_view_ledger(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name__in=STAFF_GROUPS)).distinct()
