from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ColPortalConfig(AppConfig):
    name = "col_portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the deployment checks)
            page_cache,
        )

        page_cache.connect()
