"""Who may do what with reviews and complaints (object-level: the author's review, the merchant's own outlets).

The services check these through `user.has_perm(...)`; pages ask the same questions to decide what to offer.
A member of staff never decides their own case: their own review, a complaint they made or one against their shop.
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


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


@rules.predicate
def wrote_review(user, review) -> bool:
    return review is not None and _signed_in(user) and review.author_id == user.pk


@rules.predicate
def works_for_reviewed_merchant(user, review) -> bool:
    return review is not None and _signed_in(user) and review.organization.owner_id == user.pk


@rules.predicate
def works_for_outlet_merchant(user, location) -> bool:
    return location is not None and _signed_in(user) and location.organization.owner_id == user.pk


@rules.predicate
def made_complaint(user, complaint) -> bool:
    return complaint is not None and _signed_in(user) and complaint.complainant_id == user.pk


@rules.predicate
def complaint_against_own_merchant(user, complaint) -> bool:
    return complaint is not None and _signed_in(user) and complaint.organization.owner_id == user.pk


# Residents' acts.
rules.add_perm("feedback.write_review", is_resident & ~works_for_outlet_merchant)
rules.add_perm("feedback.change_review", is_resident & wrote_review)
# Anyone may report a review, signed in or not; its author has other ways to change it.
rules.add_perm("feedback.report_review", ~wrote_review)
# Anyone may complain, signed in or not, except about their own business.
rules.add_perm("feedback.file_complaint", ~works_for_merchant)
rules.add_perm("feedback.view_complaint", made_complaint | is_bureau_staff)
# The merchant's acts, for its own business.
rules.add_perm("feedback.reply_to_review", is_merchant & works_for_reviewed_merchant)
rules.add_perm("feedback.view_merchant_complaint", is_merchant & complaint_against_own_merchant)
rules.add_perm("feedback.respond_to_complaint", is_merchant & complaint_against_own_merchant)
# The bureau's acts.
not_own_complaint = ~made_complaint & ~complaint_against_own_merchant
rules.add_perm("feedback.moderate_review", is_reviewer & ~wrote_review & ~works_for_reviewed_merchant)
rules.add_perm("feedback.assign_complaint", (is_reviewer | is_approver) & not_own_complaint)
rules.add_perm("feedback.handle_complaint", is_reviewer & not_own_complaint)
rules.add_perm("feedback.view_complaint_evidence", is_bureau_staff & not_own_complaint)
rules.add_perm("feedback.view_reports", is_bureau_staff)
