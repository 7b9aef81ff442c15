"""How the domain tells the rest of the project what happened: the one event convention.

The producing app declares its signals in `signals.py` and sends them with `send_after_commit` from its services;
a consuming app (search, cms, or another domain app above the producer) keeps its receivers in `receivers.py`,
decorated with `@receiver`, and imports that module in its `AppConfig.ready()`.

Events are sent once the transaction commits, so no listener ever sees a change that was rolled back. A listener
that fails is logged and does not stop the others; work that must not be lost (a statutory notice page, a search
reindex) is handed to a background task by its receiver, which retries, and a drift check repairs what still slips.

One more moment is offered, for batching only: `event_queued` is sent at once, inside the transaction, each time an
event is queued. After the commit each event is delivered by its own callback, so a receiver cannot tell which is
the transaction's last; a consumer that wants to do its work once per transaction (search: one reindex for all the
merchants a transaction changed) notes what it needs when the event is queued and registers its own
`transaction.on_commit` callback then. What it notes must be harmless if the transaction rolls back, when no event
is sent and no callback runs.
"""

import logging
from functools import partial

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Sent from the same sender, with event (the signal queued) and details (the keyword arguments it will be sent
# with), at once and still inside the transaction. Received by search to batch its reindex.
event_queued = Signal()


def send_after_commit(signal, sender, **details) -> None:
    """Send `signal` from `sender` with these keyword arguments when the current transaction commits (at once
    outside a transaction)."""
    transaction.on_commit(partial(send_now, signal, sender, **details))
    _send_robust(event_queued, sender, event=signal, details=details)


def send_now(signal, sender, **details) -> None:
    _send_robust(signal, sender, **details)


def _send_robust(signal, sender, **details) -> None:
    for receiver, result in signal.send_robust(sender, **details):
        if isinstance(result, Exception):
            logger.error(
                "Receiver %s.%s failed on a %s event",
                getattr(receiver, "__module__", "?"),
                getattr(receiver, "__qualname__", repr(receiver)),
                getattr(sender, "__name__", sender),
                exc_info=result,
            )
