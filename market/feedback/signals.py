"""Signals of resident feedback, sent with `market.events.send_after_commit` once the change is committed.

`ratings_changed` is for search: the averages it indexes and sorts by are `market.feedback.ratings.ratings_for`.
The others drive this app's own emails (receivers.py) and are there for any other listener.
"""

from django.dispatch import Signal

# Sent with organization_ids (a list of merchant ids) whose published ratings changed: a review published,
# edited, held back, rejected, removed or deleted. Read the new average and count with ratings.ratings_for(ids).
ratings_changed = Signal()
# Sent with review and reply when the merchant replies to a published review in public.
review_replied = Signal()
# Sent with review and reason when a moderator rejects a held review or removes a published one.
review_taken_down = Signal()
# Sent with complaint when it is filed (the complainant gets a receipt with the reference and the due date).
complaint_filed = Signal()
# Sent with complaint when the bureau asks the merchant to respond by complaint.merchant_response_due_on.
merchant_asked_to_respond = Signal()
# Sent with complaint once its outcome is recorded (the complainant and the merchant are told).
complaint_outcome_recorded = Signal()
