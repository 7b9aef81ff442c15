"""Signals of the register, sent with `market.events.send_after_commit` once the change is committed.

Search follows all three; licensing emails the merchant about listing changes.
"""

from django.dispatch import Signal

# Sent from Organization with organization, from_status, to_status, actor (None for the system) and reason, by
# the listing services in market.registry.services.
listing_status_changed = Signal()

# Sent from Organization with organization_ids when what merchants show residents changes without review: the
# public profile, an outlet's phone, hours and photos (a change application's approval sends
# `application_state_changed` instead).
merchant_changed = Signal()

# Sent from Category with category_ids (those saved or deleted) and organization_ids (the merchants filed under
# them or their sub-categories, found before a delete) whenever the category tree changes; see Category.save.
category_tree_changed = Signal()
