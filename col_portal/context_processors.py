"""What every page needs: the main navigation and the language links."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# (url name, label). Sections whose app has not been built yet are left out of the menu.
NAVIGATION = [
    ("home", _("Home")),
    ("themes:index", _("Themes")),
    ("themes:lesson_list", _("Lessons")),
    ("workshops:list", _("Workshops")),
    ("resources:library", _("Resources")),
    ("resources:foundational_document", _("Foundational Document")),
    ("members:apply", _("Join")),
]


def _navigation(path: str):
    items = []
    for name, label in NAVIGATION:
        try:
            url = "/" if name == "home" else reverse(name)
        except NoReverseMatch:
            continue
        if name == "home":
            url = reverse("wagtail_serve", args=[""])
        current = path == url if name == "home" else path.startswith(url)
        items.append({"url": url, "label": label, "current": current})
    return items


def portal(request):
    path = request.path
    current_language = get_language() or settings.LANGUAGE_CODE
    languages = [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "current": code == current_language,
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "main_navigation": _navigation(path),
        "language_links": languages,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
