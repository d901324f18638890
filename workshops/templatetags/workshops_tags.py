"""Pieces of the workshops that other pages compose. Lower apps never import workshops: a
theme page or the home page shows upcoming workshops through these tags.

    {% load workshops_tags %}
    {% upcoming_workshops theme=theme limit=3 %}          a section with its heading
    {% upcoming_workshops limit=3 section=False level=3 %} only the cards and the link
    {% workshop_calendar_link %}                           inside <head>: the public feed
    {% my_institution_commitments %}                       "My space": what to report on
"""

from datetime import timedelta

from django import template
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.utils import timezone

from members.roles import is_member

from ..models import RegistrationStatus, Workshop, WorkshopStatus
from ..selectors import (
    commitments_visible_to,
    open_commitments_of,
    upcoming_for,
    with_my_registration,
)

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


@register.inclusion_tag("workshops/includes/my_institution_commitments.html", takes_context=True)
def my_institution_commitments(context, limit=3):
    """For a member of an institution: how many open commitments it leads or supports,
    how many are overdue or due soon, and the first few to report on (two queries)."""
    user = _viewer(context)
    if not (is_member(user) and user.institution_id):
        return {"shown": False}
    today = timezone.localdate()
    soon = today + timedelta(days=settings.COMMITMENT_REMINDER_DAYS)
    visible = commitments_visible_to(user).order_by().values("pk")
    commitments = open_commitments_of(user.institution).filter(pk__in=visible)
    counts = commitments.order_by().aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon)),
    )
    return {
        "shown": True,
        "institution": user.institution,
        "counts": counts,
        "days": settings.COMMITMENT_REMINDER_DAYS,
        "commitments": list(commitments[: int(limit)]) if counts["open"] else [],
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
