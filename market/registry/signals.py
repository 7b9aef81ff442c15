"""Signals of the register, sent after the change is committed, for search and cms to follow."""

from django.dispatch import Signal

# Sent with organization, from_status, to_status, actor (None for the system) and reason.
listing_status_changed = Signal()
