"""Signals of the discount tracker, sent with `market.events.send_after_commit` once the change is committed.

Search follows all three: a merchant's offers and micro-profit services are in its search record ("offers for my
group", "micro-profit services only").
"""

from django.dispatch import Signal

# Sent from Offer with offer and actor when a merchant publishes or changes an offer.
offer_changed = Signal()
# Sent from MicroProfitService with service and actor when a merchant lists or re-prices a micro-profit service.
micro_profit_service_changed = Signal()
# Sent from MicroProfitServiceType with service_type and organization_ids (the merchants offering a service of
# the type) when the bureau edits a type's terms in the admin: its dates decide when their services are in force.
micro_profit_terms_changed = Signal()
