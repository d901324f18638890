"""Template helpers shared by every page: theme colour classes, sector grouping, icons."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from members.models import Sector

register = template.Library()

# The four priority themes have a steady colour each (see static/css/portal.css).
THEME_CLASS_COUNT = 4

# Inline SVG icons (24x24, stroked with the text colour): no icon font, no extra request.
_ICON_PATHS = {
    "arrow-right": '<path d="M5 12h14M13 6l6 6-6 6"/>',
    "lock": '<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>',
    "people": (
        '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/>'
        '<path d="M16 4.5a3.5 3.5 0 0 1 0 7M18 14a6.5 6.5 0 0 1 3.5 6"/>'
    ),
    "screen": '<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/>',
    "hybrid": (
        '<rect x="10" y="4" width="11" height="8" rx="1.5"/><path d="M13 15h5"/>'
        '<circle cx="6" cy="9" r="2.5"/><path d="M2 18a4 4 0 0 1 8 0"/>'
    ),
    "external": '<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>',
    "globe": (
        '<circle cx="12" cy="12" r="9"/>'
        '<path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18"/>'
    ),
    "search": '<circle cx="11" cy="11" r="6.5"/><path d="M16 16l5 5"/>',
    "calendar": '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>',
    "home": '<path d="M3 11l9-7 9 7M5 10v10h14V10"/>',
}


@register.simple_tag
def icon(name: str, label: str = ""):
    """An inline SVG icon; decorative unless a label is given."""
    paths = _ICON_PATHS.get(name)
    if paths is None:
        return ""
    if label:
        accessibility = format_html('role="img" aria-label="{}"', label)
    else:
        accessibility = mark_safe('aria-hidden="true" focusable="false"')
    return format_html(
        '<svg class="icon" {} viewBox="0 0 24 24" width="20" height="20" fill="none" '
        'stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        'stroke-linejoin="round">{}</svg>',
        accessibility,
        mark_safe(paths),  # noqa: S308 - constant markup defined above
    )


@register.filter
def theme_class(theme) -> str:
    """The CSS class that gives a theme its colour: theme-1 … theme-4 by its order.

    The colour is a class, not an inline style, so the pages work under a strict
    Content-Security-Policy. A theme outside the four gets the neutral structure colour.
    """
    order = getattr(theme, "order", None)
    if isinstance(order, int) and 1 <= order <= THEME_CLASS_COUNT:
        return f"theme-{order}"
    return "theme-other"


@register.filter
def by_sector(institutions) -> list[tuple[str, list]]:
    """Institutions grouped by sector, sectors in their canonical order: [(label, [...])]."""
    grouped: dict[str, list] = {}
    for institution in institutions:
        grouped.setdefault(institution.sector, []).append(institution)
    return [(sector.label, grouped[sector.value]) for sector in Sector if sector.value in grouped]
