"""Signals of flexible work, sent with `market.events.send_after_commit` once the change is committed."""

from django.dispatch import Signal

# Sent with post and actor when the merchant publishes, corrects or closes a post.
post_changed = Signal()
# Sent with post, actor and reason when bureau staff take a post down; the merchant is told the reason.
post_taken_down = Signal()
# Sent with application, from_state, to_state and actor at each step: applied, invited, declined, hired,
# withdrawn, ended because the post was taken down.
application_changed = Signal()
