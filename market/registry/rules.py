"""Who may change what the register shows about a merchant outside the licensing workflow: a merchant, for its own
organization, edits the public profile (description, contacts, the outlets' hours and photos).
"""

import rules

from market.accounts.rules import is_merchant, works_for_merchant

rules.add_perm("registry.edit_public_profile", is_merchant & works_for_merchant)
