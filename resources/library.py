"""The Community's library: studies, reports, guides and other resources.

A resource is a Wagtail snippet with drafts, revisions, locking and the same moderation
workflow as the contributions ("Moderación de contribuciones"): members propose one from
the portal (it lands as a draft in review), facilitators add and publish them in the admin.
The row holds the published version; later edits live in its latest revision until they
are published.

A resource carries a file (a private Wagtail document, served only through Wagtail's
document view and the `before_serve_document` hook of this app), or a link to where it is
published elsewhere, or neither: a "description only" entry for a document the portal
does not hold.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.search import index

from themes.models import ModeratedSnippet, Visibility, visibility_field

FIRST_YEAR = 1950
LAST_YEAR = 2100

http_only = URLValidator(schemes=["http", "https"])


class ResourceKind(models.TextChoices):
    STUDY = "study", _("Study")
    REPORT = "report", _("Report")
    GUIDE = "guide", _("Guide")
    PRESENTATION = "presentation", _("Presentation")
    DATASET = "dataset", _("Dataset")
    LEGAL_TEXT = "legal_text", _("Legal text")
    OTHER = "other", _("Other")


class TaggedResource(TaggedItemBase):
    content_object = ParentalKey(
        "resources.Resource", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Resource(ModeratedSnippet):
    """A study, report, guide, presentation, dataset or legal text of the library."""

    detail_url_name = "resources:detail"

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ResourceKind.choices, default=ResourceKind.STUDY
    )
    summary = models.TextField(
        _("summary"),
        max_length=3000,
        help_text=_("What the resource is about and why it is useful, in a few sentences."),
    )
    themes = ParentalManyToManyField(
        "themes.Theme", verbose_name=_("themes"), blank=True, related_name="resources"
    )
    tags = ClusterTaggableManager(through=TaggedResource, blank=True, verbose_name=_("tags"))
    institutions = ParentalManyToManyField(
        "members.Institution",
        verbose_name=_("author institutions"),
        blank=True,
        related_name="resources",
        help_text=_("Institutions of the Community that wrote or published it."),
    )
    districts = ParentalManyToManyField(
        "members.District",
        verbose_name=_("districts covered"),
        blank=True,
        related_name="resources",
    )
    other_authors = models.CharField(
        _("other authors"),
        max_length=300,
        blank=True,
        help_text=_(
            "People or organisations outside the Community's directory, "
            "e.g. Ministerio de Energía y Minas."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("The year it was published or written."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("file"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kept privately: members-only files are never served to others."),
    )
    external_url = models.URLField(
        _("external link"),
        max_length=500,
        blank=True,
        validators=[http_only],
        help_text=_("Where it is published elsewhere, instead of a file."),
    )
    visibility = visibility_field()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_resources",
        help_text=_("The member who proposed it from the portal, if one did."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("summary", boost=2),
        index.SearchField("other_authors"),
        index.AutocompleteField("title"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("institutions", [index.SearchField("name")]),
        index.FilterField("live"),
        index.FilterField("visibility"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("year"),
    ]

    class Meta:
        ordering = ["-year", "-first_published_at", "-pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        # Wagtail's snippet drafts and locking check these; declared here so that data
        # migrations (the facilitators' role) can grant them.
        default_permissions = ("add", "change", "delete", "view", "publish", "lock", "unlock")
        indexes = [
            models.Index(fields=["live", "visibility", "-year"], name="resources_public_idx"),
            models.Index(fields=["proposed_by", "-updated_at"], name="resources_proposer_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=True) | models.Q(external_url=""),
                name="resources_resource_file_or_link",
            ),
        ]

    def clean(self):
        super().clean()
        if self.document_id and self.external_url:
            raise ValidationError(
                {"external_url": _("Give a file or a link, not both.")}, code="file_and_link"
            )

    @property
    def has_no_file(self) -> bool:
        """A "description only" entry: the portal holds neither the file nor a link."""
        return not self.document_id and not self.external_url

    @property
    def is_public(self) -> bool:
        return self.live and self.visibility == Visibility.PUBLIC

    @property
    def members_only(self) -> bool:
        return self.visibility == Visibility.MEMBERS


class ResourceTombstone(models.Model):
    """The trace a resource leaves when it stops being public (unpublished, deleted or
    made members-only), so that OAI-PMH harvesters learn to drop it (`deletedRecord`
    "persistent": kept for good). It holds no title nor summary, only what a deleted
    record's header shows: the resource's id, when it was withdrawn, and the sets it
    was in then (its kind, its themes' slugs). Removed when the resource is public again.
    Written by `services.resource_tombstone_*` from the signals in `signals.py`."""

    resource_id = models.BigIntegerField(_("resource id"), unique=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ResourceKind.choices)
    # " slug-a slug-b " (padded with spaces, so that `contains=" slug "` finds one theme
    # on SQLite and PostgreSQL alike), or "" when it had no theme.
    theme_slugs = models.CharField(_("theme slugs"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("withdrawn resource")
        verbose_name_plural = _("withdrawn resources")

    def __str__(self):
        return f"{self.resource_id} ({self.withdrawn_at:%Y-%m-%d})"

    @property
    def themes(self) -> list[str]:
        return self.theme_slugs.split()
