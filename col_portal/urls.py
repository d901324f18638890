from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from resources import document_views, oai

from . import api, search, views
from .sitemaps import SITEMAPS, robots_txt

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    # OAI-PMH for harvesters: one address, whatever the language.
    path("oai/", oai.endpoint, name="oai"),
    # Before Wagtail's admin: its log-in form is replaced by the portal's (allauth).
    path("admin/login/", views.to_portal_login, name="admin_login"),
    # Before Wagtail's admin too: logging out only by POST.
    path("admin/logout/", views.admin_logout, name="admin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own route of the same name: the same view, with our headers.
    re_path(r"^documents/(\d+)/(.*)$", document_views.serve, name="document_download"),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # The read-only JSON API (col_portal/api.py): one address for every language, before
    # Wagtail's pages; its own 404s are JSON.
    path("api/", include((api.urlpatterns, "api"))),
]

if settings.BENCH_BASELINE_VIEW:
    urlpatterns.append(path("bench/baseline", views.bench_baseline, name="bench_baseline"))

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("cuentas/", include("allauth.urls")),
    path("", include("members.urls")),
    path("", include("themes.urls")),
    path("", include("workshops.urls")),
    path("", include("resources.urls")),
    path("", include("col_portal.territory_urls")),
    path("buscar/", search.search, name="search"),
    path("datos-abiertos/", views.open_data, name="open_data"),
    # Wagtail's log-in form for private pages, replaced by the portal's (allauth) as well.
    path("_util/login/", views.to_portal_login, name="page_privacy_login"),
    # Wagtail serves every page not matched above; it must stay last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler404 = "col_portal.views.page_not_found"
handler500 = "col_portal.views.server_error"
