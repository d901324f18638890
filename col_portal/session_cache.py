"""A short per-session cache of the two pages signed-in people reload most: the admin home
(Wagtail's dashboard, the facilitators' first screen) and "My space" (`/miembros/`).

Both are rendered for one person, so the anonymous page cache (col_portal.page_cache) does
not serve them; Wagtail's admin home alone costs about 50 ms of CPU (sidebar, panels,
templates). Here the finished page is kept for SESSION_PAGE_CACHE_TIMEOUT seconds (30)
for the same session, and served again while nothing it shows has changed.

Key: the path, the language, the session key and the CSRF cookie (the page's forms carry
a token of that cookie's secret, so another browser of the same person never gets them).
Each stored page carries version tokens (themes.listing_cache.Generation), read with it in
one round trip; a page stored under older ones is rendered again:
- `PERSON` (one per person): their profile, roles, notifications, two-factor devices and
  registrations;
- `BACKOFFICE`: what the admin home lists (contributions and their moderation, comments,
  membership applications, invitations, Wagtail pages, revisions and locks, resources);
- the lessons listing's and the content's tokens of the page cache (workshops,
  registrations, commitments, pages, institutions, themes).
Writes that bypass signals (`QuerySet.update`) show after the timeout at most.

Never used for a request with a pending message (a message is shown once, by a fresh
render), nor stored when the response sets a cookie or is not a plain 200.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from themes.listing_cache import CONTENT, LISTINGS, Generation

from .page_cache import lookup, store

KEY_PREFIX = "col:session-page"
HIT_HEADER = "X-Session-Cache"
PATHS = {"/admin/", "/miembros/", "/en/miembros/"}
BACKOFFICE = Generation("col:backoffice:version")


def person(pk) -> Generation:
    return Generation(f"col:person:{pk}:version")


def timeout() -> int:
    return getattr(settings, "SESSION_PAGE_CACHE_TIMEOUT", 30)


def _has_pending_messages(request) -> bool:
    return bool(request.COOKIES.get(CookieStorage.cookie_name) or request.session.get("_messages"))


def _may_use_cache(request) -> bool:
    if request.method != "GET" or request.path not in PATHS or request.GET:
        return False
    if timeout() <= 0 or not request.user.is_authenticated:
        return False
    if not request.session.session_key or settings.CSRF_COOKIE_NAME not in request.COOKIES:
        return False
    return not _has_pending_messages(request)


def _key(request) -> str:
    raw = "\n".join(
        [
            request.path,
            translation.get_language() or "",
            request.session.session_key,
            request.COOKIES[settings.CSRF_COOKIE_NAME],
        ]
    )
    return f"{KEY_PREFIX}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _generations(request) -> list[Generation]:
    return [person(request.user.pk), BACKOFFICE, LISTINGS, CONTENT]


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    # Views under csrf_protect (Wagtail's admin) set the CSRF cookie again with the value
    # the browser already has: that one changes nothing; any other cookie does.
    csrf_name = settings.CSRF_COOKIE_NAME
    for name, morsel in response.cookies.items():
        if name != csrf_name or morsel.value != request.COOKIES.get(csrf_name):
            return False
    return True


class SessionPageCacheMiddleware:
    """Last in MIDDLEWARE: the session, language, person and messages are known here, and
    the middlewares above still add their headers (CSP, security) to a cached answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request)
        versions, cached = lookup(key, _generations(request))  # before rendering
        if cached is not None:
            cached[HIT_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            store(key, versions, response, timeout(), hit_header=HIT_HEADER)
            response[HIT_HEADER] = "miss"
        return response


def _person_changed(pk) -> None:
    if pk:
        person(pk).changed()


# Models whose rows belong to one person (the field naming them), and models the admin
# home lists.
_PERSONAL = {
    "members.user": "pk",
    "members.notification": "recipient_id",
    "mfa.authenticator": "user_id",
    "workshops.registration": "user_id",
}
_BACKOFFICE = {
    "themes.contribution",
    "themes.comment",
    "members.membershipapplication",
    "members.invitation",
    "resources.resource",
    "wagtailcore.revision",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
}


def _on_change(sender, instance, **kwargs) -> None:
    label = sender._meta.label_lower
    if label in _PERSONAL:
        _person_changed(getattr(instance, _PERSONAL[label], None))
    elif label in _BACKOFFICE or isinstance(instance, _page_class()):
        BACKOFFICE.changed()


def _page_class():
    from wagtail.models import Page

    return Page


def _on_groups(sender, instance, **kwargs) -> None:
    _person_changed(getattr(instance, "pk", None))


def _on_notifications_read(sender, user, **kwargs) -> None:
    _person_changed(user.pk)


def connect() -> None:
    """Receivers that make the stored pages out of date when what they show changes (one
    receiver for every model: pages of any type are Wagtail pages)."""
    from django.contrib.auth import get_user_model

    from members.notifications import notifications_read

    for signal in (post_save, post_delete):
        signal.connect(_on_change, dispatch_uid=f"col-session-cache-{signal is post_save}")
    m2m_changed.connect(
        _on_groups, sender=get_user_model().groups.through, dispatch_uid="col-session-groups"
    )
    notifications_read.connect(_on_notifications_read, dispatch_uid="col-session-read")
