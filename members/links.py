"""The portal's own address, for absolute links.

A page, feed, sitemap or calendar answers a request: its links name the scheme and host
that request was sent to (`request.get_host()`, which Django checks against
ALLOWED_HOSTS; the scheme follows SECURE_PROXY_SSL_HEADER behind a proxy), so a portal
served at another port or name links to itself. What is made without a request (e-mails,
the tasks' notifications) uses settings.SITE_URL.
"""

from django.conf import settings
from django.urls import reverse


def site_url(request=None) -> str:
    """scheme://host[:port] of the portal, without a trailing slash."""
    if request is None:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(path: str, request=None) -> str:
    """`path` (starting with /) on the portal's address: the request's, else SITE_URL."""
    return site_url(request) + path


class TitledDetailPageMixin:
    """For a model with a title and a slug shown on its own page of the portal (a lesson,
    a workshop, a library resource): named by its title, found at `detail_url_name`."""

    detail_url_name: str

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url_name, kwargs={"slug": self.slug})
