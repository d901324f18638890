"""Sitemaps of the themes and of the published PUBLIC contributions, in both languages.

Search engines never log in: members-only, draft and archived contributions are not
listed (`selectors.public_contributions`). Addresses use settings.SITE_URL, like the
feeds and the OpenGraph tags.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import public_contributions, themes_ordered


class _PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc or super().get_domain(site)


class ThemeSitemap(_PortalSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return list(themes_ordered())


class LessonListSitemap(_PortalSitemap):
    """The themes index and the lessons list."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["themes:index", "themes:lesson_list"]

    def location(self, item):
        return reverse(item)


class ContributionSitemap(_PortalSitemap):
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
