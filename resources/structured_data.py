"""schema.org JSON-LD of a library resource's page: a Report (reports) or a CreativeWork
(every other kind), with its breadcrumbs. Built from what the view already loads."""

from django.urls import reverse
from django.utils.translation import gettext as _

from members.links import absolute_url
from members.structured_data import (
    breadcrumbs,
    content_license_url,
    local_datetime,
    organization,
    script,
)
from themes.structured_data import theme_reference

from .library import ResourceKind


def resource(item, request) -> dict:
    url = absolute_url(item.get_absolute_url(), request)
    data = {
        "@type": "Report" if item.kind == ResourceKind.REPORT else "CreativeWork",
        "@id": url,
        "url": url,
        "name": item.title,
        "description": item.summary,
        "genre": item.get_kind_display(),
        "inLanguage": item.language,
        "dateModified": local_datetime(item.last_published_at or item.first_published_at),
    }
    if item.year:
        data["datePublished"] = str(item.year)
    themes = list(item.themes.all())
    if themes:
        data["about"] = [theme_reference(theme, request) for theme in themes]
    authors = [organization(institution) for institution in item.institutions.all()]
    if authors:
        data["author"] = authors
    if item.other_authors:
        data["creditText"] = item.other_authors
    tags = [tag.name for tag in item.tags.all()]
    if tags:
        data["keywords"] = tags
    if item.document is not None:
        data["associatedMedia"] = {
            "@type": "MediaObject",
            "contentUrl": absolute_url(item.document.url, request),
            "encodingFormat": item.document.content_type,
        }
    elif item.external_url:
        data["sameAs"] = item.external_url
    return data


def resource_json_ld(item, request):
    """Nothing for a resource an anonymous visitor may not read (members-only)."""
    if not item.is_public:
        return script()
    library = reverse("resources:library")
    trail = [
        (_("Resources library"), library),
        (item.get_kind_display(), f"{library}?kind={item.kind}"),
        (item.title, None),
    ]
    return script(resource(item, request), breadcrumbs(request, trail))


def _page_url(page, request) -> str:
    url = page.get_url(request) or ""
    return absolute_url(url, request) if url.startswith("/") else url


def article_page_json_ld(page, request):
    """A news article or call: an Article, and its breadcrumbs (the news index; the parent
    is cached on the page, so the template's own breadcrumb asks for it no more)."""
    index = page.get_parent()
    url = _page_url(page, request)
    article = {
        "@type": "Article",
        "@id": url,
        "url": url,
        "headline": page.title,
        "description": page.summary,
        "datePublished": page.date.isoformat() if page.date else None,
        "inLanguage": page.locale.language_code,
        "license": content_license_url(),
    }
    trail = breadcrumbs(request, [(index.title, None), (page.title, None)])
    trail["itemListElement"][0]["item"] = _page_url(index, request)
    return script({key: value for key, value in article.items() if value}, trail)
