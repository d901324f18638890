"""sitemap.xml and robots.txt: what search engines may find — public content only.

The sitemap lists the live, public Wagtail pages in every language (each with its
translations as alternates), the themes and public lessons (themes.sitemaps), the public
published resources and the public workshops that are not drafts, each in both languages.
Addresses name the scheme and host the sitemap was asked at (members.links), like the
feeds and the OpenGraph tags.
"""

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from members.links import absolute_url
from members.selectors import provinces_with_districts
from resources.selectors import public_resources
from themes.sitemaps import SITEMAPS as THEME_SITEMAPS
from themes.sitemaps import PortalSitemap
from workshops.selectors import public_workshops


class PageSitemap(WagtailSitemap):
    """Live public pages of the site in every language, with hreflang alternates."""

    def __init__(self, request=None):
        super().__init__(request)
        self._pages = None

    def items(self):
        if self._pages is None:
            self._pages = self._live_public_pages()
        return self._pages

    def _live_public_pages(self) -> list[Page]:
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        in_site = Q()
        for path in homes.values_list("path", flat=True):
            in_site |= Q(path__startswith=path)
        if not in_site:
            return []
        return list(
            Page.objects.live().public().filter(in_site).select_related("locale").order_by("path")
        )

    def _location(self, page) -> str | None:
        parts = page.get_url_parts(self.request)
        if parts is None:
            return None
        return absolute_url(parts[2], self.request)

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        # Every language's pages are in the list: a page's translations are found in it.
        locations = {item.pk: self._location(item) for item in self.items()}
        by_key: dict = {}
        for item in self.items():
            if locations[item.pk]:
                by_key.setdefault(item.translation_key, []).append(
                    (item.locale.language_code, locations[item.pk])
                )
        urls = []
        for item in pages:
            location = locations[item.pk]
            if not location:
                continue
            translations = sorted(by_key.get(item.translation_key, []))
            alternates = []
            if len(translations) > 1:
                alternates = [{"lang_code": code, "location": url} for code, url in translations]
                default = dict(translations).get(settings.LANGUAGE_CODE)
                if default:
                    alternates.append({"lang_code": "x-default", "location": default})
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "changefreq": None,
                    "priority": None,
                    "alternates": alternates,
                }
            )
        return urls


class LibraryListSitemap(PortalSitemap):
    """The library's list, the workshops' list and the open data."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["resources:library", "workshops:list", "open_data"]

    def location(self, item):
        return reverse(item)


class ResourceSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return public_resources().only("slug", "last_published_at").order_by("pk")

    def lastmod(self, item):
        return item.last_published_at


class WorkshopSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return public_workshops().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class TerritorySitemap(PortalSitemap):
    """The territory's index and the page of each province and district."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        provinces = list(provinces_with_districts())
        districts = [district for province in provinces for district in province.districts.all()]
        return ["territory:index", *provinces, *districts]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()


SITEMAPS = {
    "pages": PageSitemap,
    **THEME_SITEMAPS,
    "lists": LibraryListSitemap,
    "resources": ResourceSitemap,
    "workshops": WorkshopSitemap,
    "territory": TerritorySitemap,
}


# Members' and personal areas: nothing there for search engines (they answer with a
# login page or a 404 anyway). Each in Spanish (no prefix) and in English (/en/).
PRIVATE_PATHS = [
    "/cuentas/",
    "/miembros/",
    "/mis-contribuciones/",
    "/mis-talleres/",
    "/recursos/proponer/",
    "/recursos/mis-propuestas/",
    "/buscar/",
]


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    english = [
        f"/{code}{path}"
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
        for path in PRIVATE_PATHS
    ]
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        *(f"Disallow: {path}" for path in [*PRIVATE_PATHS, *english]),
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
