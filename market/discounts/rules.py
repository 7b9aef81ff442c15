"""Who may do what in the discount tracker (object-level: residents see their own, merchants act for their own).

The services check these through `user.has_perm(...)`; pages can ask the same questions to decide what to show.
"""

import rules

from market.accounts.rules import (
    is_administrator,
    is_approver,
    is_bureau_staff,
    is_merchant,
    is_resident,
    is_reviewer,
    is_the_user,
    works_for_merchant,
)


@rules.predicate
def owns_application(user, application) -> bool:
    return application is not None and user.is_authenticated and application.resident_id == user.pk


@rules.predicate
def claims_for_own_merchant(user, claim) -> bool:
    return claim is not None and user.is_authenticated and claim.organization.owner_id == user.pk


@rules.predicate
def checked_the_claim(user, claim) -> bool:
    """Four eyes: whoever checked a claim does not decide it or record its payment."""
    return claim is not None and user.is_authenticated and claim.checked_by_id == user.pk


@rules.predicate
def claim_waiting_for_check(user, claim) -> bool:
    return claim is not None and claim.state == "submitted"


@rules.predicate
def flags_own_merchants_sale(user, flag) -> bool:
    return flag is not None and user.is_authenticated and flag.sale.organization.owner_id == user.pk


# The resident's acts.
rules.add_perm("discounts.apply_for_eligibility", is_resident)
rules.add_perm("discounts.withdraw_eligibility_application", is_resident & owns_application)
rules.add_perm("discounts.view_eligibility_application", owns_application | is_reviewer)
rules.add_perm("discounts.hold_benefit_code", is_resident & is_the_user)
rules.add_perm("discounts.view_savings", is_the_user | is_bureau_staff)
# The reviewer's (经办人) acts.
# A member of staff never decides their own case: their own eligibility, their own shop's claim.
rules.add_perm("discounts.verify_eligibility", is_reviewer & ~owns_application)
rules.add_perm("discounts.revoke_eligibility", is_reviewer)
# The merchant's acts, for its own organization.
rules.add_perm("discounts.serve_at_counter", is_merchant & works_for_merchant)
rules.add_perm("discounts.manage_offers", is_merchant & works_for_merchant)
rules.add_perm("discounts.claim_subsidy", is_merchant & works_for_merchant)
rules.add_perm("discounts.view_merchant_redemptions", (is_merchant & works_for_merchant) | is_bureau_staff)
# Subsidy claims, with four eyes: a reviewer checks (or rejects at the check), an approver who did not check it
# approves or rejects it and records the payment. Sales held for volume are cleared or rejected by a reviewer.
rules.add_perm("discounts.check_subsidy_claim", is_reviewer & ~claims_for_own_merchant)
rules.add_perm("discounts.decide_subsidy_claim", is_approver & ~claims_for_own_merchant & ~checked_the_claim)
rules.add_perm(
    "discounts.reject_subsidy_claim",
    ((is_reviewer & claim_waiting_for_check) | is_approver) & ~claims_for_own_merchant & ~checked_the_claim,
)
rules.add_perm("discounts.review_sale_flag", is_reviewer & ~flags_own_merchants_sale)
rules.add_perm("discounts.view_reports", is_bureau_staff)
# Printed cards for residents without a phone: administrators issue and withdraw them.
rules.add_perm("discounts.issue_benefit_card", is_administrator)
