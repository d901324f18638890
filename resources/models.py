"""The Community's library: documents kept privately and served through a checking view."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument

from members.storage import private_storage


class PrivateDocument(AbstractDocument):
    """A Wagtail document whose file lives outside the public media folder.

    Files are only reachable through Wagtail's document view (WAGTAILDOCS_SERVE_METHOD
    "serve_view"), where the `before_serve_document` hooks of the apps refuse members-only
    material to others.
    """

    file = models.FileField(upload_to="documents", storage=private_storage, verbose_name=_("file"))

    admin_form_fields = WagtailDocument.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]


# The library's resources and the page types live in their own modules; imported here so
# that Django registers them.
from .contact import ContactPage, ContactSettings  # noqa: E402, F401
from .library import (  # noqa: E402, F401
    Resource,
    ResourceKind,
    ResourceTombstone,
    TaggedResource,
)
from .pages import (  # noqa: E402, F401
    ArticlePage,
    FoundationalDocumentPage,
    NewsIndexPage,
    SectionComment,
    StandardPage,
)
