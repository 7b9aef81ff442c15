"""Signals of the licensing workflow, sent once the change is committed, for search, cms and email."""

from django.dispatch import Signal

# Sent with application, from_state, to_state, action (an EventAction), actor (None for the law or a job).
application_state_changed = Signal()
# Sent with application (its notice_starts_on and notice_ends_on are set).
public_notice_opened = Signal()
# Sent with application.
public_notice_closed = Signal()
# Sent with objection (its answer, answered_by and answered_at are set), to tell the objector.
objection_answered = Signal()
# Sent with application, when a correction changed what its public notice shows (names, categories, outlets)
# while the notice is published, so that the notice shows the current data.
public_notice_data_changed = Signal()
