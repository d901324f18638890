"""RSS and Atom feeds of published public contributions: all of them, and per theme.

Feeds are read by programs that never log in and are cached by others, so they start from
`selectors.public_contributions()` for everyone: members-only contributions never appear
in a feed, not even when a member asks for it.
"""

from contextvars import ContextVar

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from members.links import site_url

from .models import Contribution, Theme
from .selectors import public_contributions, with_listing_relations

FEED_SIZE = 30


# The address of the request being answered (links follow the host it was sent to).
_base_url: ContextVar[str | None] = ContextVar("feed_base_url", default=None)


def absolute(path: str) -> str:
    """`path` on the address the feed was asked at (SITE_URL outside a request)."""
    return (_base_url.get() or site_url()) + path


class SiteFeed(Feed):
    """A feed whose links follow the host it was asked at (the other apps' feeds too)."""

    def get_feed(self, obj, request):
        token = _base_url.set(site_url(request))
        try:
            return super().get_feed(obj, request)
        finally:
            _base_url.reset(token)


def latest_public(theme: Theme | None = None) -> list[Contribution]:
    queryset = public_contributions()
    if theme is not None:
        secondary = Contribution.secondary_themes.through.objects.filter(theme=theme).values(
            "contribution_id"
        )
        queryset = queryset.filter(Q(primary_theme=theme) | Q(pk__in=secondary))
    queryset = with_listing_relations(queryset).order_by("-first_published_at", "-pk")
    return list(queryset[:FEED_SIZE])


class LatestRssFeed(SiteFeed):
    """/lecciones/rss/: the 30 latest public contributions."""

    def title(self):
        return _("Lessons and experiences · Moquegua Community of Learning")

    def description(self):
        return _(
            "The latest experiences, lessons learned and good practices on mining "
            "governance published by members of the Moquegua Community of Learning."
        )

    def link(self):
        return absolute(reverse("themes:lesson_list"))

    def feed_url(self):
        return absolute(reverse("themes:feed_rss"))

    def items(self):
        return latest_public()

    def item_title(self, item: Contribution):
        return item.title

    def item_description(self, item: Contribution):
        return item.summary

    def item_link(self, item: Contribution):
        return absolute(item.get_absolute_url())

    def item_guid(self, item: Contribution):
        # Stable across title changes and languages.
        return absolute(reverse("themes:lesson_detail", kwargs={"slug": item.slug}))

    def item_pubdate(self, item: Contribution):
        return item.first_published_at

    def item_updateddate(self, item: Contribution):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item: Contribution):
        return item.author_institution.name

    def item_categories(self, item: Contribution):
        return [tag.name for tag in item.tags.all()]


class LatestAtomFeed(LatestRssFeed):
    """/lecciones/atom/"""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return absolute(reverse("themes:feed_atom"))


class ThemeRssFeed(LatestRssFeed):
    """/temas/<slug>/rss/: the 30 latest public contributions of one theme."""

    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme: Theme):
        return _("%(theme)s · Lessons and experiences · Moquegua Community of Learning") % {
            "theme": theme.name
        }

    def description(self, theme: Theme):
        return _(
            "The latest lessons and experiences on “%(theme)s” published by members of the "
            "Moquegua Community of Learning."
        ) % {"theme": theme.name}

    def link(self, theme: Theme):
        return absolute(theme.get_absolute_url())

    def feed_url(self, theme: Theme):
        return absolute(reverse("themes:theme_feed_rss", kwargs={"slug": theme.slug}))

    def items(self, theme: Theme):
        return latest_public(theme)


class ThemeAtomFeed(ThemeRssFeed):
    """/temas/<slug>/atom/"""

    feed_type = Atom1Feed

    def subtitle(self, theme: Theme):
        return self.description(theme)

    def feed_url(self, theme: Theme):
        return absolute(reverse("themes:theme_feed_atom", kwargs={"slug": theme.slug}))
