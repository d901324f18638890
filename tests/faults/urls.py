"""The portal's URLs plus one page whose database is down (for the 503 tests)."""

from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.urls import path

from col_portal.urls import handler404, handler500
from col_portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


urlpatterns = [
    *i18n_patterns(path("fallo/base-de-datos/", database_down), prefix_default_language=False),
    *portal_urlpatterns,
]
