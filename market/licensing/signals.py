"""Signals of the licensing workflow, sent from Application with `market.events.send_after_commit` once the
change is committed.

Licensing itself emails the merchant from them (receivers.py); cms opens and closes the public notice pages and
tells objectors the answer; search reindexes the merchant when an application's state changes.
"""

from django.dispatch import Signal

# Sent with application, from_state, to_state, action (an EventAction), actor (None for the law or a job).
application_state_changed = Signal()
# Sent with application (its notice_starts_on and notice_ends_on are set).
public_notice_opened = Signal()
# Sent with application (its notice_closed_at is set; it stays in public notice until decided).
public_notice_closed = Signal()
# Sent with objection (its answer, answered_by and answered_at are set), to tell the objector.
objection_answered = Signal()
# Sent with application, action (an EventAction: INFORMATION_REQUESTED during review, CLOCK_PAUSED or EXTENDED) and
# actor when an act in the decision stage stops or extends the decision clock and leaves the state as it was; the
# applicant is told in writing.
decision_clock_changed = Signal()

# Sent with application, when a correction changed what its public notice shows (names, categories, outlets)
# while the notice is published, so that the notice shows the current data.
public_notice_data_changed = Signal()
