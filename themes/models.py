"""The four RIMAY Moquegua priority themes (and, with the lessons issue, contributions)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from members.links import TitledDetailPageMixin
from members.storage import private_storage
from members.validators import cui_record_url, cui_validator


class Theme(models.Model):
    """A priority theme of the RIMAY Moquegua consensus, named in Spanish and English."""

    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    short_description_es = models.TextField(_("short description (Spanish)"), max_length=600)
    short_description_en = models.TextField(_("short description (English)"), max_length=600)
    color = models.CharField(
        _("colour"),
        max_length=7,
        default="#1f4e79",
        help_text=_("Colour of the theme's chips and cards, e.g. #1f4e79."),
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("themes:detail", kwargs={"slug": self.slug})

    def _localized(self, field: str) -> str:
        language = (get_language() or "es")[:2]
        value = getattr(self, f"{field}_{language}", "") if language in ("es", "en") else ""
        return value or getattr(self, f"{field}_es")

    @property
    def name(self) -> str:
        return self._localized("name")

    @property
    def short_description(self) -> str:
        return self._localized("short_description")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


def visibility_field() -> models.CharField:
    """Who may see a lesson, a workshop or a library resource: everyone, or members only."""
    return models.CharField(
        _("visibility"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )


class ContributionKind(models.TextChoices):
    EXPERIENCE = "experience", _("Experience")
    LESSON = "lesson", _("Lesson learned")
    GOOD_PRACTICE = "good_practice", _("Good practice")


# The structured body that makes a lesson reusable, in reading order:
# (field name, label, question the author answers). Required on submit, not in a draft.
SECTIONS = [
    ("context", _("Context"), _("Where and when did this happen, and who took part?")),
    ("challenge", _("The problem or challenge"), _("What problem did you face?")),
    ("actions", _("What was done"), _("What did you and your partners do?")),
    ("results", _("Results"), _("What changed? What did not?")),
    ("lesson", _("The lesson learned"), _("What would you tell someone facing the same problem?")),
    (
        "recommendations",
        _("Recommendations for replicating it"),
        _("What does someone need to do it again elsewhere in the region?"),
    ),
]
SECTION_NAMES = [name for name, _label, _help in SECTIONS]
SECTION_MAX_LENGTH = 8000


class TaggedContribution(TaggedItemBase):
    content_object = ParentalKey(
        "themes.Contribution", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ModeratedSnippet(
    TitledDetailPageMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A member's piece that facilitators review through Wagtail's workflow before it is
    published (a lesson here; a library resource in resources): drafts, revisions, locking,
    search, and its own page on the portal (`detail_url_name`)."""

    class Meta:
        abstract = True


class Contribution(ModeratedSnippet):
    """An experience, lesson learned or good practice shared by members.

    The row holds the published version; edits to a published contribution live in its
    latest revision until a facilitator approves them (Wagtail's drafts and workflows).
    """

    detail_url_name = "themes:lesson_detail"

    kind = models.CharField(
        _("kind"), max_length=16, choices=ContributionKind.choices, default=ContributionKind.LESSON
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=False)
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences: what happened and what was learned."),
    )
    primary_theme = models.ForeignKey(
        Theme,
        verbose_name=_("primary theme"),
        on_delete=models.PROTECT,
        related_name="primary_contributions",
    )
    secondary_themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("other themes"),
        blank=True,
        related_name="secondary_contributions",
    )

    context = models.TextField(_("context"), blank=True, max_length=SECTION_MAX_LENGTH)
    challenge = models.TextField(
        _("the problem or challenge"), blank=True, max_length=SECTION_MAX_LENGTH
    )
    actions = models.TextField(_("what was done"), blank=True, max_length=SECTION_MAX_LENGTH)
    results = models.TextField(_("results"), blank=True, max_length=SECTION_MAX_LENGTH)
    lesson = models.TextField(_("the lesson learned"), blank=True, max_length=SECTION_MAX_LENGTH)
    recommendations = models.TextField(
        _("recommendations for replicating it"), blank=True, max_length=SECTION_MAX_LENGTH
    )

    districts = ParentalManyToManyField(
        "members.District",
        verbose_name=_("districts"),
        blank=True,
        related_name="contributions",
        help_text=_("Where it happened; a lesson about a whole province has all its districts."),
    )
    period_start = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    anti_corruption_focus = models.BooleanField(
        _("transparency and anti-corruption focus"),
        default=False,
        help_text=_("The cross-cutting focus of the Community: curbing corruption."),
    )
    visibility = visibility_field()
    tags = ClusterTaggableManager(through=TaggedContribution, blank=True, verbose_name=_("tags"))

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    author_institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="contributions",
        help_text=_("The author's institution when the contribution was written."),
    )
    coauthors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-authors"),
        blank=True,
        related_name="coauthored_contributions",
    )
    builds_on = ParentalManyToManyField(
        "self",
        verbose_name=_("builds on"),
        symmetrical=False,
        blank=True,
        related_name="built_upon_by",
        help_text=_("Earlier published lessons that this one takes further."),
    )

    is_featured = models.BooleanField(_("featured on the home page"), default=False, db_index=True)
    is_archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived contributions are kept but shown to no one outside the admin."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("summary", boost=2),
        index.SearchField("context"),
        index.SearchField("challenge"),
        index.SearchField("actions"),
        index.SearchField("results"),
        index.SearchField("lesson", boost=2),
        index.SearchField("recommendations"),
        index.AutocompleteField("title"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("author_institution", [index.SearchField("name")]),
        index.FilterField("live"),
        index.FilterField("visibility"),
        index.FilterField("is_archived"),
        index.FilterField("primary_theme"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("anti_corruption_focus"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        ordering = ["-first_published_at", "-created_at"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        # Wagtail's snippet drafts and locking check these; declared here so that data
        # migrations (the facilitators' role) can grant them.
        default_permissions = ("add", "change", "delete", "view", "publish", "lock", "unlock")
        indexes = [
            models.Index(
                fields=["live", "visibility", "-first_published_at"],
                name="themes_contrib_public_idx",
            ),
            models.Index(fields=["primary_theme", "live"], name="themes_contrib_theme_idx"),
            models.Index(fields=["author", "-updated_at"], name="themes_contrib_author_idx"),
            # The readable rows with what the list's filters and counts read (PostgreSQL
            # answers them from the index alone): scanning the whole table, text and all,
            # made each count cost tens of milliseconds at 20,000 contributions.
            models.Index(
                fields=["visibility"],
                include=[
                    "id",
                    "primary_theme",
                    "kind",
                    "author_institution",
                    "first_published_at",
                    "anti_corruption_focus",
                ],
                condition=models.Q(live=True, is_archived=False),
                name="themes_contrib_readable_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="themes_contribution_period_ordered",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The end year cannot be before the start year.")
        if errors:
            raise ValidationError(errors)

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        """(name, label, text) of the structured body, in reading order."""
        return [(name, label, getattr(self, name)) for name, label, _help in SECTIONS]

    @property
    def place_names(self) -> str:
        """The districts' names, for exports (reads prefetched districts)."""
        return ", ".join(district.name for district in self.districts.all())

    @property
    def is_public(self) -> bool:
        return self.live and not self.is_archived and self.visibility == Visibility.PUBLIC

    def all_author_ids(self) -> set[int]:
        return {self.author_id, *(user.pk for user in self.coauthors.all())}

    def with_content_json(self, content):
        """Featured and archived belong to the contribution, not to a revision: publishing
        (or editing) a revision keeps what the facilitators set on the row."""
        obj = super().with_content_json(content)
        obj.is_featured = self.is_featured
        obj.is_archived = self.is_archived
        return obj


class ContributionAttachment(Orderable):
    """A file attached to a contribution: served only through the view that checks access."""

    contribution = ParentalKey(Contribution, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), storage=private_storage, upload_to="contributions/%Y/%m/")
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(default=0)

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


class CommentBase(models.Model):
    """What every member's comment has (on a lesson, on a section of the Foundational
    Document): its text and its moderation. Facilitators hide, never delete, with a reason.
    Each kind names what it comments on, its author and, for the audit log,
    `audit_log_name` (the hide and show-again actions are `<audit_log_name>_hide` and
    `<audit_log_name>_unhide`), and `place`: where it was written, in words."""

    audit_log_name = ""

    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden on"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_hidden=False) | ~models.Q(hidden_reason=""),
                name="%(app_label)s_%(class)s_hidden_has_reason",
            ),
        ]


class Comment(CommentBase):
    """A member's comment on a contribution."""

    audit_log_name = "themes.comment"

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )

    class Meta(CommentBase.Meta):
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["contribution", "created_at"])]

    def __str__(self):
        return f"{self.author} — {self.contribution}"

    def get_absolute_url(self) -> str:
        return f"{self.contribution.get_absolute_url()}#comentario-{self.pk}"

    @property
    def place(self) -> str:
        return str(self.contribution)


class LessonApplication(ModeratedSnippet):
    """A member's report that their institution applied a published lesson: where, when,
    what they adapted, what happened and the evidence. Moderated like the lessons (the
    same workflow); shown only where its lesson may be read (selectors.applications_visible_to).
    Its page is its lesson's page, at an anchor."""

    detail_url_name = "themes:lesson_detail"

    lesson = models.ForeignKey(
        Contribution,
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="lesson_applications",
    )
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="lesson_applications",
        help_text=_("The institution that applied the lesson (the reporter's)."),
    )
    districts = ParentalManyToManyField(
        "members.District",
        verbose_name=_("districts"),
        related_name="lesson_applications",
        help_text=_("Where the lesson was applied."),
    )
    started_on = models.DateField(_("applied from"))
    ended_on = models.DateField(_("applied until"), null=True, blank=True)
    adapted = models.TextField(
        _("what was adapted"),
        max_length=4000,
        help_text=_("What you changed to make the lesson fit your institution and place."),
    )
    results = models.TextField(
        _("what happened"),
        max_length=4000,
        help_text=_("The results: what changed, for whom, with what figures if you have them."),
    )
    shortcomings = models.TextField(
        _("what did not work"),
        max_length=4000,
        blank=True,
        help_text=_("What did not work or was harder than expected: it helps the next one."),
    )
    evidence_url = models.URLField(
        _("link to evidence"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A page or document that shows it: a report, a record, a news item."),
    )
    cui = models.CharField(
        _("CUI of a public investment"),
        max_length=7,
        blank=True,
        validators=[cui_validator],
        help_text=_("The Código Único de Inversiones: 7 digits. We link to its public record."),
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [
        index.SearchField("adapted"),
        index.SearchField("results"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("application of a lesson")
        verbose_name_plural = _("applications of lessons")
        default_permissions = ("add", "change", "delete", "view", "publish", "lock", "unlock")
        indexes = [
            models.Index(fields=["lesson", "live"], name="themes_applic_lesson_idx"),
            models.Index(fields=["live", "-first_published_at"], name="themes_applic_new_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="themes_application_period_ordered",
            ),
        ]

    @property
    def title(self) -> str:
        return _("%(institution)s applied “%(lesson)s”") % {
            "institution": self.institution.name,
            "lesson": self.lesson.title,
        }

    def get_absolute_url(self) -> str:
        return f"{self.lesson.get_absolute_url()}#aplicacion-{self.pk}"

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date cannot be before the start date.")})

    @property
    def cui_url(self) -> str:
        return cui_record_url(self.cui)


# Prioritisation rounds (TAP-Plus) live in their own module.
from .prioritisation.models import (  # noqa: E402, F401
    Ballot,
    Criterion,
    PrioritisationRound,
    Score,
    Solution,
)
