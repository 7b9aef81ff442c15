"""Who sees the feedback screens in the admin: reviewers, approvers and administrators (editors never)."""

from market.accounts.roles import Role
from market.accounts.rules import is_bureau_staff
from market.admin_viewsets import StaffViewOnlyPolicy, works_as


def works_on_feedback(user) -> bool:
    return works_as(user, is_bureau_staff)


class FeedbackStaffPolicy(StaffViewOnlyPolicy):
    predicate = is_bureau_staff
    groups = [Role.REVIEWER.value, Role.APPROVER.value, Role.ADMINISTRATOR.value]
