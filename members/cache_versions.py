"""Version tokens for families of cache entries, shared by every app (the lessons'
listing figures, the anonymous page cache, the facilitators' dashboard panels)."""

import uuid

from django.core.cache import cache
from django.db import transaction


class Generation:
    """A version token for a family of cache entries, changed whenever what they were
    computed from changes: entries are stored under the token, so a new token makes all
    of them unreachable at once (they expire by themselves).

    The lessons' listing figures use one (themes.listing_cache.LISTINGS); the anonymous
    page cache (col_portal.page_cache) uses it and `CONTENT` too, so that whatever makes a
    listing figure stale also makes the cached pages stale.
    """

    def __init__(self, key: str):
        self.key = key

    def current(self) -> str:
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, uuid.uuid4().hex, None)
            version = cache.get(self.key) or "fallback"
        return version

    def bump(self) -> None:
        # A fresh random token, not a counter: if the token was evicted, a counter starting
        # again could meet entries written under its earlier values.
        cache.set(self.key, uuid.uuid4().hex, None)

    def changed(self, **kwargs) -> None:
        """A signal receiver: a new token now, and once more after the commit, once per
        transaction (a bulk delete sends one signal a row), so that a request that read
        the old rows in between cannot leave them behind under the new token."""
        self.bump()
        # Checked in Django's list of pending callbacks, which forgets ours if the
        # transaction (or the savepoint that registered it) is rolled back.
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            return
        if not any(entry[1] == self.bump for entry in connection.run_on_commit):
            transaction.on_commit(self.bump, robust=True)

    def __eq__(self, other):
        return isinstance(other, Generation) and other.key == self.key

    def __hash__(self):
        return hash(self.key)


# Whatever else a public page or a dashboard figure shows (comments, resources,
# workshops and their registrations, Wagtail pages, site settings): bumped by the
# receivers of col_portal.page_cache.connect(), which see every app.
CONTENT = Generation("col:content:version")
