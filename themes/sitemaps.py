"""Sitemaps of the themes and of the published PUBLIC contributions, in both languages.

Search engines never log in: members-only, draft and archived contributions are not
listed (`selectors.public_contributions`). Addresses name the scheme and host the sitemap
was asked at (members.links), like the feeds and the OpenGraph tags.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import public_contributions, themes_ordered


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        # The sitemap view passes the request's scheme, and the request's host as the site.
        return protocol or "https"


class ThemeSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return list(themes_ordered())


class LessonListSitemap(PortalSitemap):
    """The themes index and the lessons list."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["themes:index", "themes:lesson_list"]

    def location(self, item):
        return reverse(item)


class ContributionSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return public_contributions().only("slug", "last_published_at").order_by("pk")

    def lastmod(self, item):
        return item.last_published_at


SITEMAPS = {
    "themes": ThemeSitemap,
    "lesson-lists": LessonListSitemap,
    "lessons": ContributionSitemap,
}
