"""Signals of the discount tracker, sent after the change is committed, for search and cms to follow."""

from django.dispatch import Signal

# Sent with offer and actor when a merchant publishes or changes an offer ("offers for my group" in search).
offer_changed = Signal()
# Sent with redemption (a new record or a reversing one).
redemption_recorded = Signal()
