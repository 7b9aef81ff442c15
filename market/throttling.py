"""The public API's rate limit: per client address, counted in the shared cache so that it holds across workers.

Each client address gets a window that opens with its first request and lasts the rate's period; within it at
most the rate's number of requests are answered. The count is one atomic increment in the cache (Redis in
production), so workers answering the same client at once never lose a request between them. The address comes
from market.client_address: a forged X-Forwarded-For changes nothing.
"""

import math
import time
from functools import partial

from django.core.cache import cache
from django.utils.translation import gettext
from ninja.errors import Throttled
from ninja.throttling import BaseThrottle

from market.client_address import client_address

PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "hour": 3600, "h": 3600, "day": 86400, "d": 86400}


class ClientAddressRateThrottle(BaseThrottle):
    """At most `rate` requests ("60/min") per client address and window."""

    scope = "api"

    def __init__(self, rate: str):
        self.rate = rate
        count, _, period = rate.partition("/")
        self.num_requests, self.duration = int(count), PERIODS[period]
        self._wait: float | None = None

    def key(self, request) -> str:
        return f"throttle:{self.scope}:{client_address(request)}"

    def allow_request(self, request) -> bool:
        if getattr(request, "auth", None) is not None:
            return True
        key = self.key(request)
        now = time.time()
        count = self._count(key, now)
        if count <= self.num_requests:
            return True
        started = cache.get(f"{key}:since", now)
        self._wait = max(started + self.duration - now, 1)
        return False

    def _count(self, key: str, now: float) -> int:
        # Counted in the open window first: most requests fall in one, and trying to open one first cost a round
        # trip to the cache on each of them.
        try:
            return cache.incr(key)
        except ValueError:
            pass
        if cache.add(key, 1, timeout=self.duration):
            cache.set(f"{key}:since", now, timeout=self.duration)
            return 1
        # Another worker opened the window in between.
        try:
            return cache.incr(key)
        except ValueError:
            # ... and it closed again at once: this request opens the next one.
            cache.add(key, 1, timeout=self.duration)
            cache.set(f"{key}:since", now, timeout=self.duration)
            return 1

    def wait(self) -> float | None:
        return self._wait


def too_many_requests(request, error, *, api):
    """The API's answer to a throttled request: 429, in the language the client asked for."""
    seconds = math.ceil(error.wait) if error.wait else None
    if seconds:
        detail = gettext("Too many requests from your address. Try again in %(seconds)s seconds.") % {
            "seconds": seconds
        }
    else:
        detail = gettext("Too many requests from your address. Try again later.")
    return api.create_response(request, {"detail": detail}, status=429)


def answer_throttled_requests(api) -> None:
    """Gives `api` the translated 429 above instead of django-ninja's English one."""
    api.add_exception_handler(Throttled, partial(too_many_requests, api=api))
