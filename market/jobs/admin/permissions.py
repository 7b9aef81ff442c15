"""Who sees the bureau's job reports: reviewers, approvers and administrators (rules.py, view_reports)."""


def may_view_reports(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm("jobs.view_reports")
