from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resources")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.permissions import register_permission_policy

        from . import signals
        from .permissions import document_permission_policy

        signals.connect()
        # Replaces the policy wagtail.documents registered (its app is ready before ours).
        register_permission_policy(get_document_model(), document_permission_policy())
