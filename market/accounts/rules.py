"""Role predicates, in one place: who someone is. Each app's `rules.py` combines them with its own object
predicates (whose application, whose shop) into the permissions its services check with `user.has_perm`."""

import rules

from market.accounts.roles import Role

is_resident = rules.is_group_member(Role.RESIDENT.value)
is_merchant = rules.is_group_member(Role.MERCHANT.value)
is_reviewer = rules.is_group_member(Role.REVIEWER.value)
is_approver = rules.is_group_member(Role.APPROVER.value)
is_editor = rules.is_group_member(Role.EDITOR.value)
is_administrator = rules.is_group_member(Role.ADMINISTRATOR.value)
is_bureau_staff = is_reviewer | is_approver | is_administrator


@rules.predicate
def is_the_user(user, person) -> bool:
    """The target is the user themself (their savings, their code, their account)."""
    return person is not None and user.is_authenticated and person.pk == user.pk


@rules.predicate
def works_for_merchant(user, organization) -> bool:
    """The merchant's own account. Counter staff with accounts of their own would be added here."""
    return organization is not None and user.is_authenticated and organization.owner_id == user.pk
