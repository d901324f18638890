"""Pieces of the lessons that other pages compose: cards of the latest contributions and
the feed autodiscovery links.

    {% load themes_tags %}
    {% latest_contributions theme=theme limit=6 %}   on a theme page
    {% latest_contributions featured=True limit=3 %} on the home page (featured first)
    {% contribution_feed_links theme=theme %}        inside <head>
    {% most_applied_lessons theme=theme %}           "most applied" (theme page, home page)
    {% applications_in district=district %}          applications made in a place
"""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from .. import selectors
from ..models import Contribution
from ..selectors import contributions_visible_to, with_card_relations

register = template.Library()


def _latest(user, *, theme=None, featured=False, limit=6) -> list[Contribution]:
    queryset = contributions_visible_to(user)
    if theme is not None:
        secondary = Contribution.secondary_themes.through.objects.filter(theme=theme).values(
            "contribution_id"
        )
        queryset = queryset.filter(Q(primary_theme=theme) | Q(pk__in=secondary))
    if featured:
        # Featured ones first, then the newest, so the section is never empty needlessly.
        ordering = ("-is_featured", "-first_published_at", "-pk")
    else:
        ordering = ("-first_published_at", "-pk")
    return list(with_card_relations(queryset.order_by(*ordering))[:limit])


@register.inclusion_tag("themes/includes/latest_contributions.html", takes_context=True)
def latest_contributions(context, theme=None, featured=False, limit=6, level=3):
    """Cards of the newest contributions the viewer may read (of a theme, if given)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        user = AnonymousUser()
    return {
        "contributions": _latest(user, theme=theme, featured=featured, limit=int(limit)),
        "theme": theme,
        "level": level,
    }


def _viewer(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return AnonymousUser() if user is None else user


@register.inclusion_tag("themes/includes/most_applied.html", takes_context=True)
def most_applied_lessons(context, theme=None, limit=3, level=2):
    """Cards of the lessons the viewer may read that institutions applied most (of a
    theme, if given); nothing at all when none was applied yet."""
    return {
        "contributions": selectors.most_applied_lessons(
            _viewer(context), theme=theme, limit=int(limit)
        ),
        "theme": theme,
        "level": level,
    }


@register.inclusion_tag("themes/includes/applications_in.html")
def applications_in(district=None, province=None, limit=6):
    """The public applications of lessons made in a district (or a province): the
    territory pages show only what anyone may read."""
    applications = selectors.public_applications_in(district=district, province=province)
    return {
        "applications": list(applications[: int(limit)]),
        "count": applications.count(),
        "limit": int(limit),
        "district": district,
    }


@register.inclusion_tag("themes/includes/feed_links.html")
def contribution_feed_links(theme=None):
    """<link rel="alternate"> to the RSS and Atom feeds (of a theme, if given)."""
    return {"theme": theme}


@register.filter
def institutions(contribution: Contribution) -> list:
    """The author's institution, then the co-authors' other institutions, once each."""
    found = [contribution.author_institution]
    seen = {contribution.author_institution_id}
    for person in contribution.coauthors.all():
        if person.institution_id and person.institution_id not in seen:
            seen.add(person.institution_id)
            found.append(person.institution)
    return found
