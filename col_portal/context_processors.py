"""What every page needs: the main navigation and the language links.

Nothing here touches the database, so the error pages can use it too, except on a Wagtail
page, whose language links lead to its translations (looked up, and given up quietly
if the database fails).
"""

import logging
from functools import partial

from django.conf import settings
from django.db import Error as DatabaseError
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from members.links import absolute_url
from members.roles import is_facilitator
from resources.page_content import FOUNDATIONAL_DOCUMENT_SLUG

logger = logging.getLogger(__name__)

# (url name, label). Sections whose app has not been built yet are left out of the menu
# until their URL exists.
NAVIGATION = [
    ("home", _("Home")),
    ("themes:index", _("Themes")),
    ("themes:lesson_list", _("Lessons")),
    ("workshops:list", _("Workshops")),
    ("resources:library", _("Resources")),
    ("resources:foundational_document", _("Foundational Document")),
    # "Únete" in Spanish: a context keeps it apart from other uses of "Join".
    ("members:apply", pgettext_lazy("main navigation", "Join")),
]


# Items that are Wagtail pages, at the address the seed gives them (the same slug in both
# languages): no database lookup on every request.
PAGE_ITEMS = {
    "home": "",
    "resources:foundational_document": f"{FOUNDATIONAL_DOCUMENT_SLUG}/",
}


def _navigation(path: str) -> list[dict]:
    items = []
    for name, label in NAVIGATION:
        try:
            if name in PAGE_ITEMS:
                url = reverse("wagtail_serve", args=[PAGE_ITEMS[name]])
            else:
                url = reverse(name)
        except NoReverseMatch:
            continue
        if path == url:
            current = "page"
        elif name != "home" and path.startswith(url):
            # Inside the section (a theme page under Themes): marked, but not "this page".
            current = "true"
        else:
            current = ""
        items.append({"name": name, "url": url, "label": label, "current": current})
    return items


def _link(code: str, name: str, url: str, current_language: str, *, alternate=True) -> dict:
    return {
        "code": code,
        "name": name,
        "url": url,
        "current": code == current_language,
        # Listed as <link rel="alternate" hreflang>: only the same content in that language.
        "alternate": alternate,
    }


def _language_links(request, current_language: str) -> list[dict]:
    # The full path keeps the query string (a page of results, a search) across the switch.
    full_path = request.get_full_path()
    return [
        _link(code, name, translate_url(full_path, code), current_language)
        for code, name in settings.LANGUAGES
    ]


def _served_page(request):
    """The Wagtail page this request is serving, or None (other views, previews, 404s).

    Wagtail's serve view has already routed the request and keeps the result on it, so
    finding the page again costs nothing.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        return None

    path = match.args[0] if match.args else match.kwargs.get("path", "")
    return Page.find_for_request(request, path)


def _page_language_links(request, page, current_language: str) -> list[dict]:
    """Links to the page's live translations; where one is missing, to the home page in
    that language (not an alternate of this page), or, with no pages in that language
    at all, to the same address (Wagtail serves this page there)."""
    translations = {
        translation.locale.language_code: translation
        for translation in page.get_translations(inclusive=True).live().select_related("locale")
    }
    links = []
    for code, name in settings.LANGUAGES:
        translation = translations.get(code)
        if translation is not None:
            links.append(_link(code, name, translation.get_url(request), current_language))
            continue
        site = Site.find_for_request(request)
        home = None
        if site is not None:
            root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
            home = (
                Page.objects.live()
                .filter(translation_key__in=root_key, locale__language_code=code)
                .first()
            )
        if home is not None:
            links.append(
                _link(code, name, home.get_url(request), current_language, alternate=False)
            )
        else:
            # No pages at all in that language: Wagtail serves this same page there, with
            # the interface in that language.
            links.append(_link(code, name, translate_url(request.path, code), current_language))
    return links


def _reaches_back_office(request) -> bool:
    user = getattr(request, "user", None)  # absent on pages served before authentication
    return user is not None and is_facilitator(user)


def portal(request):
    current_language = (get_language() or settings.LANGUAGE_CODE)[:2]
    context = {
        "main_navigation": _navigation(request.path),
        "site_name": settings.WAGTAIL_SITE_NAME,
        # The header's "Back office" link: from the roles the page loads anyway, not from
        # all of the person's permissions (facilitators and administrators reach the admin).
        # A callable, so templates that never ask (feeds, sitemaps) never load the person.
        "reaches_back_office": partial(_reaches_back_office, request),
    }
    page = None
    try:
        page = _served_page(request)
        if page is not None:
            context["language_links"] = _page_language_links(request, page, current_language)
            context["page_canonical_url"] = absolute_url(page.get_url(request), request)
    except DatabaseError:
        logger.warning("Language links of a page fell back to the plain ones", exc_info=True)
    if "language_links" not in context:
        context["language_links"] = _language_links(request, current_language)
    # hreflang alternates name the host and scheme this page was asked at.
    for link in context["language_links"]:
        link["absolute_url"] = absolute_url(link["url"], request)
    context["x_default_url"] = next(
        (
            link["absolute_url"]
            for link in context["language_links"]
            if link["code"] == settings.LANGUAGE_CODE and link["alternate"]
        ),
        "",
    )
    return context
