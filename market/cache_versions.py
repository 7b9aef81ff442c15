"""Versions in the shared cache: what cached things are keyed by, replaced when what they show changes.

A reader puts the current version in the keys of what it caches; `replace` deletes the version, so the next read
makes a new one and nothing kept under the old one is read again (nothing is searched for and deleted). Used by the
page cache (cms), the register's pages (registry), and search's synonyms, vocabulary and filter choices.
"""

import uuid

from django.core.cache import cache


def current(name: str, read=cache.get) -> str:
    """The version under this key, made when there is none. `read` may answer from values already fetched for the
    request (search.request_reads)."""
    version = read(name)
    if version is None:
        made = uuid.uuid4().hex
        # add, not set: of two processes making one at once, both go on with the one that was stored.
        cache.add(name, made, None)
        version = cache.get(name, made)
    return version


def current_joined(*names: str) -> str:
    """The current versions of several keys, read in one round trip, joined for a cache key."""
    found = cache.get_many(names)
    return ":".join(found[name] if name in found else current(name) for name in names)


def replace(*names: str) -> None:
    cache.delete_many(names)
