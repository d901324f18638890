"""A full-page cache of the public pages for anonymous visitors, in the shared cache (Redis).

Anonymous visitors all see the same page for the same address and language, so the page
is rendered once and then served from the cache, without a database query, until
something it may show changes (`AnonymousPageCacheMiddleware`, early in MIDDLEWARE).

Only for a request that carries neither a session cookie nor a messages cookie: without a
session there is no login (nor a passed page password, nor a pending message in the
session), so the visitor is anonymous by construction and nothing personal can be in the
page. Such requests never even load a session. Admin, account, document and other
private paths are never cached.

Only responses that are safe to share are stored: status 200, not streamed, no Set-Cookie
(a CSRF token used by the page sets the CSRF cookie, so a page with a form never
qualifies; a new session or a message does too), no `Cache-Control: private/no-store/
no-cache`, no `Vary` beyond Cookie and Accept-Language (both covered below), and no
`csrfmiddlewaretoken` anywhere in the body (a second guard against a token rendered
without the cookie being set). The language switcher is made of plain links, and the
anonymous header shows only a "Log in" link, so public pages carry no token.

Key: the host, the scheme, the path with its query string and the language. The
language comes from the URL: with `i18n_patterns(prefix_default_language=False)`
Django's LocaleMiddleware serves Spanish on every unprefixed path whatever the language
cookie or Accept-Language say, and English under /en/; the cookie only chooses where
`set_language` redirects. So the path decides (`_language`, read before LocaleMiddleware
runs), and the language is in the key anyway.

Invalidation: every stored page carries two version tokens (`members.cache_versions.Generation`):
the lessons listing's (changed when contributions, their tags, tags, institutions or
themes change) and the content's (`CONTENT`, also used by the workshops' dashboard
panels), changed here when a contribution's comments, a resource, a
workshop (its registrations, agenda, commitments), a Wagtail page (published,
unpublished, moved, deleted), a site setting, a theme or an institution changes. A new
token makes every stored page unreachable, so a facilitator's publication shows on the
next anonymous request. The tokens and the page are read in one round trip to Redis.
Writes that bypass signals (`QuerySet.update`, `bulk_create`) are
seen after PAGE_CACHE_TIMEOUT seconds at most, which also bounds how long a page shows
what depends on the clock (a registration deadline passing).
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re, get_max_age
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from members.cache_versions import CONTENT
from members.models import Institution
from resources.library import Resource
from resources.pages import SectionComment
from themes.listing_cache import LISTINGS
from themes.models import Comment, Theme
from workshops.models import AgendaItem, Commitment, Registration, Workshop

PAGES = CONTENT
KEY_PREFIX = "col:page"
# Paths never served from or stored in the cache, besides the rules above.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/i18n/",
    "/healthz",
    "/cuentas/",
    "/en/cuentas/",
    "/bench/",
    # The API throttles per address and answers conditional requests itself (ETag, 304).
    "/api/",
)
HIT_HEADER = "X-Page-Cache"
# Longer query strings are not cached: anyone can invent addresses, and each stored page
# takes tens of kilobytes of Redis for PAGE_CACHE_TIMEOUT seconds.
MAX_QUERY_STRING = 200
_SHAREABLE_VARY = {"cookie", "accept-language"}


def timeout() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 120)


def _may_use_cache(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _language(request) -> str:
    """The language LocaleMiddleware will activate: with
    `i18n_patterns(prefix_default_language=False)` that of the URL's prefix, else the
    default, whatever the cookie or Accept-Language say."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _key(request) -> str:
    raw = "\n".join(
        [request.scheme, request.get_host(), request.get_full_path(), _language(request)]
    )
    return f"{KEY_PREFIX}:{hashlib.sha256(raw.encode()).hexdigest()}"


GENERATIONS = (LISTINGS, PAGES)


def lookup(key: str) -> tuple[list[str], HttpResponse | None]:
    """The current versions and the page stored under `key` if it was stored under them:
    one round trip to the cache (a stored page carries the versions it was rendered
    under; one stored under older ones is out of date and is replaced)."""
    found = cache.get_many([*(generation.key for generation in GENERATIONS), key])
    versions = [found.get(g.key) or g.current() for g in GENERATIONS]
    stored = found.get(key)
    if stored is None or stored[0] != versions:
        return versions, None
    status, headers, content = stored[1:]
    response = HttpResponse(content, status=status)
    for header, value in headers:
        response[header] = value
    return versions, response


def store(key: str, versions: list[str], response, seconds: int) -> None:
    headers = [(h, v) for h, v in response.items() if h.lower() != HIT_HEADER.lower()]
    # The content in one block: a response written piecemeal (a feed is written by an
    # XML generator, a few bytes at a time) would otherwise be sent in thousands of chunks.
    entry = (versions, response.status_code, headers, response.content)
    cache.set(key, entry, seconds)


def _shareable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if control & {"private", "no-store", "no-cache"} or get_max_age(response) == 0:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    if not vary <= _SHAREABLE_VARY:
        return False
    return b"csrfmiddlewaretoken" not in response.content


class AnonymousPageCacheMiddleware:
    """Answers an anonymous GET/HEAD from the cache, or stores the finished answer.

    Placed right after WhiteNoise, before the session, locale, CSRF, auth and messages
    middlewares: a cached page skips them all (its stored headers already hold what they
    add: Vary, Content-Language, X-Frame-Options), and on the way out this middleware
    sees every cookie and header they set, so it never stores what they made personal.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request)
        versions, cached = lookup(key)  # read before rendering: see below
        if cached is not None:
            cached[HIT_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if request.method == "GET" and _shareable(request, response):
            # Stored with the versions read before rendering: a page rendered while the
            # content changed carries versions that are already out of date.
            store(key, versions, response, timeout())
            response[HIT_HEADER] = "miss"
        return response


def forget_cached_pages() -> None:
    """Make every cached page unreachable (for writes that bypass the signals)."""
    PAGES.bump()


def connect() -> None:
    """Forget the cached pages whenever something a public page shows changes (besides the
    lessons listing's own token, which the page keys include)."""

    def uid(sender, what):
        name = sender._meta.label_lower if hasattr(sender, "_meta") else str(sender)
        return f"col-page-cache-{name}-{what}"

    for model in (
        Comment,
        SectionComment,
        Resource,
        Workshop,
        Registration,
        AgendaItem,
        Commitment,
    ):
        post_save.connect(PAGES.changed, sender=model, dispatch_uid=uid(model, "save"))
        post_delete.connect(PAGES.changed, sender=model, dispatch_uid=uid(model, "delete"))
    for model in (Theme, Institution):  # the listing token covers them too; saved rarely
        post_save.connect(PAGES.changed, sender=model, dispatch_uid=uid(model, "save"))
    for model in (Resource, Workshop):
        published.connect(PAGES.changed, sender=model, dispatch_uid=uid(model, "published"))
        unpublished.connect(PAGES.changed, sender=model, dispatch_uid=uid(model, "unpublished"))
    # Any page type: the signals are sent with the specific class as sender.
    page_published.connect(PAGES.changed, dispatch_uid="col-page-cache-page-published")
    page_unpublished.connect(PAGES.changed, dispatch_uid="col-page-cache-page-unpublished")
    post_page_move.connect(PAGES.changed, dispatch_uid="col-page-cache-page-moved")
    page_slug_changed.connect(PAGES.changed, dispatch_uid="col-page-cache-page-slug")

    def page_deleted(sender, **kwargs):
        if issubclass(sender, Page):
            PAGES.changed()

    post_delete.connect(page_deleted, dispatch_uid="col-page-cache-page-deleted", weak=False)

    def setting_saved(sender, **kwargs):
        if issubclass(sender, BaseSiteSetting | BaseGenericSetting):
            PAGES.changed()

    post_save.connect(setting_saved, dispatch_uid="col-page-cache-setting-saved", weak=False)
