"""Signals of the marketplace, sent with `market.events.send_after_commit` once the change is committed.

Search follows `catalogue_changed` (a merchant's "bookable online" mark); notifications follow `order_changed`.
"""

from django.dispatch import Signal

# Sent from BookableService with organization and actor when a merchant adds, changes or withdraws a service.
catalogue_changed = Signal()
# Sent from Order with order, action (an OrderAction) and actor (None for Stripe's events) at each step.
order_changed = Signal()
