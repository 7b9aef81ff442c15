"""Who sees the staff licensing screens: reviewers and approvers (editors, merchants and residents never)."""

from market.accounts.roles import Role
from market.admin_viewsets import StaffViewOnlyPolicy, works_as
from market.licensing.rules import is_approver, is_reviewer


def works_on_licensing(user) -> bool:
    return works_as(user, is_reviewer | is_approver)


class LicensingStaffPolicy(StaffViewOnlyPolicy):
    predicate = is_reviewer | is_approver
    groups = [Role.REVIEWER.value, Role.APPROVER.value]
