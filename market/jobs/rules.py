"""Who may do what with job posts and applications (object-level: a merchant acts for its own posts only, a
resident for their own applications only). Services check these with `user.has_perm(...)`, object by object.

Applicants' details are for the resident and the post's merchant alone: no staff permission reads them; the
bureau sees counts in its reports.
"""

import rules

from market.accounts.rules import (
    is_approver,
    is_bureau_staff,
    is_merchant,
    is_resident,
    is_reviewer,
    works_for_merchant,
)


@rules.predicate
def posts_for_own_merchant(user, post) -> bool:
    return post is not None and user.is_authenticated and post.organization.owner_id == user.pk


@rules.predicate
def applied_to_own_post(user, application) -> bool:
    return application is not None and user.is_authenticated and application.post.organization.owner_id == user.pk


@rules.predicate
def own_application(user, application) -> bool:
    return application is not None and user.is_authenticated and application.resident_id == user.pk


# The merchant's acts: on its organization (publish) or on its own post and the applications to it.
rules.add_perm("jobs.publish_post", is_merchant & works_for_merchant)
rules.add_perm("jobs.manage_post", is_merchant & posts_for_own_merchant)
rules.add_perm("jobs.decide_application", is_merchant & applied_to_own_post)
# The resident's acts.
rules.add_perm("jobs.apply", is_resident)
rules.add_perm("jobs.withdraw_application", is_resident & own_application)
# The applicant's details and CV: the resident and the post's merchant, nobody else.
rules.add_perm("jobs.view_application", own_application | (is_merchant & applied_to_own_post))
# The bureau: staff take down a post that breaks the rules (never their own shop's); reports are counts only.
rules.add_perm("jobs.take_down_post", (is_reviewer | is_approver) & ~posts_for_own_merchant)
rules.add_perm("jobs.view_reports", is_bureau_staff)
