"""Pieces of the workshops that other pages compose. Lower apps never import workshops: a
theme page or the home page shows upcoming workshops through these tags.

    {% load workshops_tags %}
    {% upcoming_workshops theme=theme limit=3 %}          a section with its heading
    {% upcoming_workshops limit=3 section=False level=3 %} only the cards and the link
    {% workshop_calendar_link %}                           inside <head>: the public feed
"""

from django import template
from django.contrib.auth.models import AnonymousUser

from ..models import RegistrationStatus, Workshop, WorkshopStatus
from ..selectors import upcoming_for, with_my_registration

register = template.Library()

STATUS_TONES = {
    WorkshopStatus.OPEN: "positive",
    WorkshopStatus.CLOSED: "warning",
    WorkshopStatus.CANCELLED: "negative",
}


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


@register.inclusion_tag("workshops/includes/upcoming_workshops.html", takes_context=True)
def upcoming_workshops(context, theme=None, limit=3, level=3, section=True):
    """Cards of the next workshops the viewer may see (of a theme, if given); cancelled
    ones are left out here (the full list still shows them)."""
    user = _viewer(context)
    workshops = upcoming_for(user).exclude(status=WorkshopStatus.CANCELLED)
    if theme is not None:
        tagged = Workshop.themes.through.objects.filter(theme=theme).values("workshop_id")
        workshops = workshops.filter(pk__in=tagged)
    workshops = with_my_registration(workshops.order_by("starts_at", "pk"), user)
    return {
        "workshops": list(workshops[: int(limit)]),
        "theme": theme,
        "level": int(level),
        "section": section,
    }


@register.inclusion_tag("workshops/includes/calendar_link.html")
def workshop_calendar_link():
    """<link rel="alternate" type="text/calendar"> to the public calendar feed."""
    return {}


@register.filter
def seats_left(workshop) -> int:
    """Free seats, from the confirmed_count annotation of selectors.with_seat_counts."""
    return max(workshop.capacity - getattr(workshop, "confirmed_count", 0), 0)


@register.filter
def status_tone(status: str) -> str:
    """The colour tone of a workshop status badge (the words say it; colour repeats it)."""
    return STATUS_TONES.get(status, "neutral")


@register.filter
def my_registration(workshop):
    """The viewer's live registration (not cancelled), from selectors.with_my_registration."""
    for registration in getattr(workshop, "my_registrations", None) or []:
        if registration.status != RegistrationStatus.CANCELLED:
            return registration
    return None


@register.filter
def first_theme(workshop):
    """The workshop's first theme (prefetched), for the card's colour."""
    themes = list(workshop.themes.all())
    return themes[0] if themes else None
