"""What every page needs: the main navigation and the language links.

Nothing here touches the database, so the error pages can use it too.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

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


def _navigation(path: str) -> list[dict]:
    items = []
    for name, label in NAVIGATION:
        try:
            url = reverse("wagtail_serve", args=[""]) if name == "home" else reverse(name)
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


def _language_links(request) -> list[dict]:
    current_language = (get_language() or settings.LANGUAGE_CODE)[:2]
    # The full path keeps the query string (a page of results, a search) across the switch.
    full_path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(full_path, code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": settings.SITE_URL + url,
                "current": code == current_language,
            }
        )
    return links


def portal(request):
    return {
        "main_navigation": _navigation(request.path),
        "language_links": _language_links(request),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
