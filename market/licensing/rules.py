"""Who may do what in the licensing workflow (object-level: a merchant acts only on their own applications).

The services check these through `user.has_perm(...)`; the portal and the admin can ask the same questions to
decide what to show.
"""

import rules

from market.accounts.rules import (
    is_administrator,
    is_approver,
    is_bureau_staff,
    is_merchant,
    is_reviewer,
    works_for_merchant,
)


@rules.predicate
def owns_application(user, application) -> bool:
    if application is None or not user.is_authenticated:
        return False
    return application.applicant_id == user.pk or application.organization.owner_id == user.pk


@rules.predicate
def accepted_or_recommended(user, application) -> bool:
    """Four eyes: whoever accepted or recommended an application does not decide it, even holding both roles."""
    if application is None or not user.is_authenticated:
        return False
    return took_part_before_the_decision(user, application)


def took_part_before_the_decision(user, application) -> bool:
    from market.licensing.models import ApplicationEvent, EventAction

    if application.recommended_by_id == user.pk:
        return True
    return ApplicationEvent.objects.filter(
        application=application,
        actor=user,
        action__in=[EventAction.ACCEPTED, EventAction.RECOMMENDED_APPROVAL, EventAction.RECOMMENDED_REJECTION],
    ).exists()


# A member of staff never decides their own case: the applicant's or owner's own application or listing.
not_own_application = ~owns_application
not_own_organization = ~works_for_merchant

# The applicant's acts.
rules.add_perm("licensing.start_application", is_merchant)
rules.add_perm("licensing.submit_application", is_merchant & owns_application)
rules.add_perm("licensing.answer_information_request", is_merchant & owns_application)
rules.add_perm("licensing.withdraw_application", is_merchant & owns_application)
rules.add_perm("licensing.view_application", owns_application | is_bureau_staff)
# The reviewer's (经办人) acts.
rules.add_perm("licensing.assign_application", (is_reviewer | is_approver) & not_own_application)
rules.add_perm("licensing.accept_application", is_reviewer & not_own_application)
rules.add_perm("licensing.request_information", is_reviewer & not_own_application)
rules.add_perm("licensing.recommend_on_application", is_reviewer & not_own_application)
rules.add_perm("licensing.run_public_notice", is_reviewer & not_own_application)
rules.add_perm("licensing.answer_objection", (is_reviewer | is_approver) & not_own_application)
rules.add_perm("licensing.pause_decision_clock", is_reviewer & not_own_application)
rules.add_perm("licensing.record_decision_publication", is_reviewer & not_own_application)
# The approver's (审批人) acts.
rules.add_perm("licensing.decide_application", is_approver & not_own_application & ~accepted_or_recommended)
rules.add_perm("licensing.extend_decision_period", is_approver & not_own_application)
rules.add_perm("licensing.change_listing_status", is_approver & not_own_organization)
# Anyone signed in may object to a public notice (the applicant has other remedies).
rules.add_perm("licensing.object_to_public_notice", rules.is_authenticated & ~owns_application)
# The fee schedule (Art. 58: free unless a law or administrative regulation provides a fee): all bureau staff see
# it; administrators and approvers keep it.
rules.add_perm("licensing.view_fee_schedule", is_bureau_staff)
rules.add_perm("licensing.edit_fee_schedule", is_administrator | is_approver)
