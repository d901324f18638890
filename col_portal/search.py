"""The site search (/buscar/): one query across pages, lessons, resources and workshops.

Each kind of content starts from its own app's visibility rule
(`contributions_visible_to`, `resources_visible_to`, `workshops_visible_to`, live public
pages in the language being read), and search only narrows it: nothing comes back that
the visitor could not open. The query is reduced to words (`themes.search.clean_query`)
before it reaches any database, so odd input (very long, control characters, SQL or HTML)
is searched as plain words or not at all, never an error.
"""

import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from resources.selectors import resources_visible_to
from resources.selectors import with_card_relations as with_resource_relations
from themes.search import QUERY_MAX_LENGTH, clean_query, matching_ids
from themes.selectors import contributions_visible_to, with_card_relations
from workshops.selectors import (
    matching_workshops,
    with_my_registration,
    with_seat_counts,
    workshops_visible_to,
)

# Results shown per group; the lessons and the library link to their full lists.
GROUP_SIZE = 8
# The most matches counted per group (beyond this, people refine the query).
COUNT_LIMIT = 1000


@dataclass
class Group:
    key: str
    title: str
    count: int = 0
    items: list = field(default_factory=list)
    more_url: str = ""
    more_label: str = ""


def shown_query(raw: str) -> str:
    """The query as it can be echoed back: no control characters, spaces collapsed, cut."""
    visible = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in raw)
    return " ".join(visible.split())[:QUERY_MAX_LENGTH]


def _ordered(queryset, ids: list[int]) -> list:
    by_pk = queryset.in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


def search_pages(request, query: str) -> tuple[int, list[Page]]:
    """Live, public pages in the language being read (not the tree's root)."""
    base = Page.objects.live().public().filter(depth__gt=1, locale=Locale.get_active())
    ids = matching_ids(base, query, limit=COUNT_LIMIT)
    shown = _ordered(Page.objects.all(), ids[:GROUP_SIZE])
    return len(ids), shown


def search_contributions(user, query: str) -> tuple[int, list]:
    ids = matching_ids(contributions_visible_to(user), query, limit=COUNT_LIMIT)
    shown = _ordered(with_card_relations(contributions_visible_to(user)), ids[:GROUP_SIZE])
    return len(ids), shown


def search_resources(user, query: str) -> tuple[int, list]:
    ids = matching_ids(resources_visible_to(user), query, limit=COUNT_LIMIT)
    shown = _ordered(with_resource_relations(resources_visible_to(user)), ids[:GROUP_SIZE])
    return len(ids), shown


def search_workshops(user, query: str) -> tuple[int, list]:
    matches = matching_workshops(workshops_visible_to(user), query)
    # One pass over the workshops for the count (up to COUNT_LIMIT, as the other groups)
    # and the order; seats are counted for the shown ones only, not for every match.
    ids = list(matches.order_by("-starts_at", "-pk").values_list("pk", flat=True)[:COUNT_LIMIT])
    shown = workshops_visible_to(user).filter(pk__in=ids[:GROUP_SIZE])
    shown = with_my_registration(with_seat_counts(shown), user).prefetch_related("themes")
    return len(ids), list(shown.order_by("-starts_at", "-pk"))


def _more(url_name: str, query: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'q': query})}"


def search(request):
    raw = request.GET.get("q", "")
    query_shown = shown_query(raw[: QUERY_MAX_LENGTH * 4])
    query = clean_query(query_shown)
    user = request.user
    groups: list[Group] = []
    if query:
        count, items = search_pages(request, query)
        groups.append(Group("pages", _("Pages"), count, items))
        count, items = search_contributions(user, query)
        groups.append(
            Group(
                "lessons",
                _("Lessons and experiences"),
                count,
                items,
                _more("themes:lesson_list", query),
                _("All matching lessons"),
            )
        )
        count, items = search_resources(user, query)
        groups.append(
            Group(
                "resources",
                _("Resources library"),
                count,
                items,
                _more("resources:library", query),
                _("All matching resources"),
            )
        )
        count, items = search_workshops(user, query)
        groups.append(Group("workshops", _("Workshops"), count, items))
    return render(
        request,
        "col_portal/search.html",
        {
            "query": query_shown,
            "searched": bool(query),
            "nothing_to_search": bool(query_shown) and not query,
            "groups": groups,
            "total": sum(group.count for group in groups),
            "group_size": GROUP_SIZE,
        },
    )
