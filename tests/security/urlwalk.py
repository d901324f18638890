"""Every URL pattern of the portal, read from the URL conf itself (so that a pattern added
later is walked too), and the requests the security tests make.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

OUR_APPS = ("col_portal", "members", "themes", "resources", "workshops")
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Pattern:
    route: str  # the whole route, without the language prefix
    name: str | None  # the namespaced name, e.g. "themes:lesson_detail"
    i18n: bool  # under i18n_patterns: served in every language
    module: str  # the view's module
    app_label: str  # the model's app of a generic (viewset) view, if any

    @property
    def key(self) -> str:
        return self.name or self.route

    @property
    def ours(self) -> bool:
        """A view of this portal (its apps' own views and their Wagtail viewsets)."""
        return self.module.split(".")[0] in OUR_APPS or self.app_label in OUR_APPS


def _view_module(callback) -> tuple[str, str]:
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    module = (view_class or callback).__module__
    model = (getattr(callback, "view_initkwargs", None) or {}).get("model")
    if model is None and view_class is not None:
        model = getattr(view_class, "model", None)
    app_label = model._meta.app_label if model is not None and hasattr(model, "_meta") else ""
    return module, app_label


def _walk(resolver, prefix: str, namespace: str, i18n: bool):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            here_i18n = i18n or isinstance(entry.pattern, LocalePrefixPattern)
            route = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + route, inner, here_i18n)
        elif isinstance(entry, URLPattern):
            module, app_label = _view_module(entry.callback)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Pattern(prefix + str(entry.pattern), name, i18n, module, app_label)


def all_patterns() -> list[Pattern]:
    """Every pattern once. Names used by two patterns are not keys (their routes are)."""
    found = list(_walk(get_resolver(), "", "", False))
    names = [pattern.name for pattern in found if pattern.name]
    duplicated = {name for name in names if names.count(name) > 1}
    return [
        Pattern(p.route, None if p.name in duplicated else p.name, p.i18n, p.module, p.app_label)
        if p.name in duplicated
        else p
        for p in found
    ]


def url_for(pattern: Pattern, language: str, *, path=None, args=(), kwargs=None) -> str:
    """A concrete address of the pattern in `language` (the default one has no prefix)."""
    if path is None:
        with translation.override(language):
            path = reverse(pattern.name, args=args or None, kwargs=kwargs or None)
        return path
    if pattern.i18n and language != settings.LANGUAGE_CODE:
        return f"/{language}{path}"
    return path


def dummy_url(pattern: Pattern) -> str:
    """An address of a pattern with made-up arguments (ids that may not exist)."""
    samples = {
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "app_label": "themes",
        "model_name": "contribution",
        "app_name": "themes",
        "action_name": "approve",
        "uidb64": "MQ",
        "token": "x-x",
    }
    route = pattern.route
    if isinstance(pattern.route, str) and pattern.name:
        names = [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)]
        positional = len(re.findall(r"\((?!\?)", route))
        kwargs = {name: samples.get(name, "1") for name in names}
        try:
            return reverse(pattern.name, kwargs=kwargs or None, args=["1"] * positional or None)
        except NoReverseMatch:
            pass  # written out from the route below
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: samples.get(m.group(1), "1"), route)
    path = path.replace("^", "").replace("$", "").replace(".*", "x")
    return "/" + path


def is_login_redirect(response, *, expected_next: str | None, language: str) -> bool:
    """A redirect to the portal's log-in page, coming back to `expected_next` (a path)."""
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    with translation.override(language):
        login = reverse("account_login")
    if location.netloc or location.path != login:
        return False
    following = parse_qs(location.query).get("next", [""])[0]
    if expected_next == "":
        return following == ""
    if expected_next is None:
        return following.startswith("/") and not following.startswith("//")
    return urlsplit(following).path == urlsplit(expected_next).path


__all__ = [
    "LANGUAGES",
    "Pattern",
    "all_patterns",
    "dummy_url",
    "is_login_redirect",
    "url_for",
]
