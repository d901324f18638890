"""schema.org JSON-LD for the portal's pages: what every app's `structured_data` module
shares (the script element, breadcrumbs, an institution as an Organization, the licence).

Each app builds its dictionaries from the objects its views already load, and only for
what an anonymous visitor may read: a members-only or draft object gets no JSON-LD at all.
The block is a data block (`type="application/ld+json"`), which browsers never run, so
the Content-Security-Policy (`script-src 'self'`) does not apply to it.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .licence import current_licence
from .links import absolute_url

# `<`, `>` and `&` written as JSON escapes: the text can never close the script element
# nor start an HTML comment, whatever a title or summary holds.
_HTML_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def content_license_url() -> str:
    """The licence facilitators set (Settings → Licence), the same the open data names."""
    return current_licence().url


def script(*nodes: dict | None) -> SafeString:
    """One `<script type="application/ld+json">` holding the nodes (a @graph if several),
    as compact JSON; "" when there is nothing to say."""
    nodes = [node for node in nodes if node]
    if not nodes:
        return mark_safe("")
    data = {"@context": "https://schema.org"}
    data.update(nodes[0] if len(nodes) == 1 else {"@graph": nodes})
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    safe_text = mark_safe(text.translate(_HTML_ESCAPES))  # noqa: S308 (no <, > nor & left)
    return format_html('<script type="application/ld+json">{}</script>', safe_text)


def local_datetime(value) -> str | None:
    """ISO 8601 in the portal's time zone with its offset (2026-03-12T09:00:00-05:00)."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def breadcrumbs(request, trail: list[tuple[str, str | None]]) -> dict:
    """A BreadcrumbList from (name, path) pairs, the current page last (its path may be
    None)."""
    items = []
    for position, (name, path) in enumerate(trail, start=1):
        item = {"@type": "ListItem", "position": position, "name": str(name)}
        if path:
            item["item"] = absolute_url(path, request)
        items.append(item)
    return {"@type": "BreadcrumbList", "itemListElement": items}


def organization(institution) -> dict:
    """An institution of the Community (its name, short name and web site)."""
    data = {"@type": "Organization", "name": institution.name}
    if institution.short_name and institution.short_name != institution.name:
        data["alternateName"] = institution.short_name
    if institution.website:
        data["url"] = institution.website
    return data


def community(request, name: str) -> dict:
    """The Community itself, the organiser of its workshops."""
    return {"@type": "Organization", "name": str(name), "url": absolute_url("/", request)}


def core_group_json_ld(institutions, request):
    """The Core Group's page: the Community with its Core Group institutions as members."""
    if not institutions:
        return script()
    data = community(request, settings.WAGTAIL_SITE_NAME)
    data["member"] = [organization(institution) for institution in institutions]
    return script(data)
