"""The composition root's pages: the home page of the portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from members.selectors import core_group_institutions, participation_by_sector
from resources.blocks import HighlightsBlock
from themes.selectors import themes_ordered

from .structured_data import home_json_ld


class HomePage(Page):
    """The front door: what the Community is, its themes, its Core Group, the call to join."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What the Community of Learning is and why it exists."),
    )
    join_call = models.TextField(
        _("call to join"),
        blank=True,
        max_length=600,
        help_text=_("Short invitation shown above the 'Join the Community' button."),
    )

    highlights = StreamField(
        HighlightsBlock(),
        blank=True,
        verbose_name=_("highlights"),
        help_text=_("A few short cards or quotes shown under the introduction."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("highlights"),
        FieldPanel("join_call"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "resources.FoundationalDocumentPage",
        "resources.NewsIndexPage",
        "resources.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lists, not querysets: two queries whatever the number of institutions.
        context["themes"] = list(themes_ordered())
        context["core_group"] = list(core_group_institutions())
        participation = participation_by_sector()
        context["participation"] = participation
        context["participation_max"] = max(
            [max(row.institutions, row.members) for row in participation], default=0
        )
        # The language the editors wrote intro and join_call in, to mark it up (lang=…)
        # when the interface is in the other language.
        context["content_language"] = self.locale.language_code
        context["json_ld"] = home_json_ld(request)
        return context


class OpenDataFile(models.Model):
    """A file of the open data (col_portal.opendata) as last written: what the "Datos
    abiertos" page says of it (rows, size, when its content last changed) without reading
    the storage. `digest` tells a rebuild whether the content changed at all."""

    name = models.CharField(_("file"), max_length=120, primary_key=True)
    dataset = models.CharField(_("dataset"), max_length=80, blank=True)
    format = models.CharField(_("format"), max_length=16)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    digest = models.CharField(max_length=64)
    modified_at = models.DateTimeField(_("content last changed"))
    checked_at = models.DateTimeField(_("last rebuilt"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("open-data file")
        verbose_name_plural = _("open-data files")

    def __str__(self):
        return self.name
