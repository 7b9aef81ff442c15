"""The shared cache on Redis (market/redis_cache.py): a counter is one trip to Redis, with Django's answers."""

import pytest
from django.core.cache import cache, caches

from market.redis_cache import ReusingRedisCache

pytestmark = pytest.mark.requires_service("redis")


def test_a_counter_counts_only_once_it_is_there():
    assert isinstance(caches["default"], ReusingRedisCache)
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counted")
    assert cache.get("counted") is None

    cache.add("counted", 1, timeout=60)

    assert cache.incr("counted") == 2
    assert cache.incr("counted", 5) == 7
    assert cache.decr("counted") == 6
    assert cache.get("counted") == 6


def test_a_counter_still_counts_after_redis_forgot_its_scripts():
    cache.add("counted", 1, timeout=60)
    cache.incr("counted")
    cache._cache.get_client(write=True).script_flush()

    assert cache.incr("counted") == 3
