"""A brief cache of what the lessons list computes over every readable contribution: the
facet counts, the number of results and the search matches.

These cost tens of milliseconds each at 20,000 contributions, and they are the same for
every viewer of one class. Entries are keyed by

- the viewer class, from the visibility rule (`members` if `is_member(user)`, else
  `public`), so that a count that includes members-only contributions is never shown to
  anyone else;
- the normalised filters and search query;
- a version token that changes whenever something the list shows may have changed
  (a contribution saved, published, unpublished, archived or deleted; its tags, a tag,
  an institution or a theme changed: see `connect()`), so nothing stale is shown. The
  token changes both when the change is made and once its transaction commits, so a
  request that read the old rows in between cannot leave them behind under the new token.
  The token is read before computing: a result computed while the rows change is stored
  under a token that is already out of date, and never read.

Writes that bypass signals (`QuerySet.update`, `bulk_create`, raw SQL) are seen at the
latest after TIMEOUT seconds; code that makes such a change and needs it shown at once
calls `forget_cached_listings()`. The cache is Redis in production, shared by every
process; without REDIS_URL it is each process's own memory, so with several processes a
count may lag behind in the others for up to TIMEOUT seconds.
"""

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.signals import published, unpublished

# col_portal.session_cache still reads CONTENT here; this line goes with that module.
from members.cache_versions import Generation
from members.models import Institution
from members.roles import is_member

from .models import Contribution, LessonApplication, TaggedContribution, Theme

TIMEOUT = 300  # seconds
_MISSING = object()

LISTINGS = Generation("themes:listing:version")
VERSION_KEY = LISTINGS.key


def viewer_class(user) -> str:
    """Who sees the same contributions: the visibility rule's two classes of viewer."""
    return "members" if is_member(user) else "public"


def forget_cached_listings() -> None:
    """Make every cached listing figure unreachable (they expire by themselves)."""
    LISTINGS.bump()


def cached(name: str, user, parts: dict, compute: Callable[[], Any], *, timeout=TIMEOUT):
    """`compute()`, or what it returned for the same viewer class and parts lately.

    `parts` (JSON-serialisable, plain values) must hold everything the result depends on
    besides the viewer class and the data.
    """
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[
        :32
    ]
    key = f"themes:listing:{name}:{viewer_class(user)}:{digest}"
    version = LISTINGS.current()  # before computing: see the module's docstring
    value = cache.get(key, _MISSING, version=version)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout, version=version)
    return value


def connect() -> None:
    """Forget cached figures when anything they count or name changes.

    Deletions are followed for contributions, tags, institutions and themes only: a
    receiver on the tag and theme links would stop Django from deleting those in bulk when
    their contribution goes, and the contribution's own signal covers them then.
    """

    def uid(model, what):
        return f"col-themes-listing-{model._meta.label_lower}-{what}"

    for model in (
        Contribution,
        LessonApplication,
        TaggedContribution,
        Contribution.secondary_themes.through,
        Tag,
        Institution,
        Theme,
    ):
        post_save.connect(LISTINGS.changed, sender=model, dispatch_uid=uid(model, "save"))
    for model in (Contribution, LessonApplication, Tag, Institution, Theme):
        post_delete.connect(LISTINGS.changed, sender=model, dispatch_uid=uid(model, "delete"))
    # Sent once a revision is published (its tags and themes written) or unpublished.
    # (An application's count shows on its lesson's cards: the same goes for it.)
    for model in (Contribution, LessonApplication):
        published.connect(LISTINGS.changed, sender=model, dispatch_uid=uid(model, "published"))
        unpublished.connect(LISTINGS.changed, sender=model, dispatch_uid=uid(model, "unpublished"))
