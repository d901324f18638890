from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = _("Themes and lessons")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import search_backend, signals

        signals.connect()
        connection_created.connect(
            search_backend.add_sqlite_unaccent, dispatch_uid="themes-sqlite-unaccent"
        )
