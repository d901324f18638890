from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ColPortalConfig(AppConfig):
    name = "col_portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the deployment checks)
            opendata_schedule,
            page_cache,
        )

        page_cache.connect()
        # The open data is rebuilt after each publication (debounced, after the commit).
        opendata_schedule.connect()
