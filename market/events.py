"""How the domain tells the rest of the project what happened: the one event convention.

The producing app declares its signals in `signals.py` and sends them with `send_after_commit` from its services;
a consuming app (search, cms, or another domain app above the producer) keeps its receivers in `receivers.py`,
decorated with `@receiver`, and imports that module in its `AppConfig.ready()`.

Events are sent once the transaction commits, so no listener ever sees a change that was rolled back. A listener
that fails is logged and does not stop the others; work that must not be lost (a statutory notice page, a search
reindex) is handed to a background task by its receiver, which retries, and a drift check repairs what still slips.
"""

import logging
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)


def send_after_commit(signal, sender, **details) -> None:
    """Send `signal` from `sender` with these keyword arguments when the current transaction commits (at once
    outside a transaction)."""
    transaction.on_commit(partial(send_now, signal, sender, **details))


def send_now(signal, sender, **details) -> None:
    for receiver, result in signal.send_robust(sender, **details):
        if isinstance(result, Exception):
            logger.error(
                "Receiver %s.%s failed on a %s event",
                getattr(receiver, "__module__", "?"),
                getattr(receiver, "__qualname__", repr(receiver)),
                getattr(sender, "__name__", sender),
                exc_info=result,
            )
