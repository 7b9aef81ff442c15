"""Who sees the feedback screens in the admin: reviewers, approvers and administrators (editors never).

What each may do there is still decided act by act in rules.py, which the services check.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from market.accounts.roles import Role
from market.accounts.rules import is_bureau_staff

STAFF_GROUPS = [Role.REVIEWER.value, Role.APPROVER.value, Role.ADMINISTRATOR.value]


def works_on_feedback(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or is_bureau_staff.test(user)


class FeedbackStaffPolicy(BasePermissionPolicy):
    """Staff may view; nobody adds, edits or deletes through Wagtail's generic views, because every change is an
    act of the feedback services."""

    def user_has_permission(self, user, action):
        return action == "view" and works_on_feedback(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name__in=STAFF_GROUPS)).distinct()
