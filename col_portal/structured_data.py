"""schema.org JSON-LD of the home page: the portal as a WebSite whose search engines may
send searches to (a SearchAction with the site search's URL template)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from members.links import absolute_url
from members.structured_data import community, script


def website(request) -> dict:
    """On the home page (its address in the language being read is the request's)."""
    search = absolute_url(reverse("search"), request)
    return {
        "@type": "WebSite",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute_url(request.path, request),
        "inLanguage": (get_language() or settings.LANGUAGE_CODE)[:2],
        "publisher": community(request, settings.WAGTAIL_SITE_NAME),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def home_json_ld(request):
    return script(website(request))
