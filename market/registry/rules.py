"""Who may change what the register shows about a merchant outside the licensing workflow: a merchant, for its own
organization, edits the public profile (description, contacts, the outlets' hours and photos).
"""

import rules

from market.accounts.roles import Role

is_merchant = rules.is_group_member(Role.MERCHANT.value)


@rules.predicate
def owns_organization(user, organization) -> bool:
    return organization is not None and user.is_authenticated and organization.owner_id == user.pk


rules.add_perm("registry.edit_public_profile", is_merchant & owns_organization)
