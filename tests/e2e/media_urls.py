"""The portal's URLs plus its public media, as the web server (Caddy) serves them in
production and `runserver` with DEBUG: the live server of the browser tests serves only
static files, and the open-data journey downloads files from MEDIA_ROOT."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from col_portal.urls import handler404, handler500
from col_portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_media),
    *portal_urlpatterns,
]
