"""Prioritisation rounds (TAP-Plus): facilitators frame a problem, members propose
solutions, each institution casts one ballot scoring every solution on the round's
criteria, and the results show each sector's view."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

# Every criterion is scored on the same scale, so that means can be compared and averaged
# across criteria (and the database can check each score).
SCALE_MIN = 1
SCALE_MAX = 5


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    PUBLISHED = "published", _("Results published")


class PrioritisationRound(ClusterableModel):
    """A round in which the Community prioritises solutions to a problem of one or more
    themes, framed in TAP-Plus terms (the missing pieces of the governance ecosystem)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    themes = models.ManyToManyField(
        "themes.Theme", verbose_name=_("themes"), related_name="prioritisation_rounds"
    )
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    implementation_gap = models.TextField(
        _("implementation gap"),
        max_length=4000,
        help_text=_("What the rules promise and what does not happen in practice."),
    )
    contextual_factors = models.TextField(
        _("contextual factors"),
        max_length=4000,
        help_text=_("Power, incentives, capacities and relations that explain the gap."),
    )
    complementary_measures = models.TextField(
        _("complementary measures"),
        max_length=4000,
        help_text=_(
            "The missing pieces beyond transparency, accountability and participation "
            "(sanctions, capacities, coordination...)."
        ),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RoundStatus.choices,
        default=RoundStatus.DRAFT,
        db_index=True,
    )
    min_sectors = models.PositiveSmallIntegerField(
        _("minimum sectors to publish"),
        default=3,
        help_text=_("Results can be published only when this many sectors have voted."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("results published"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("prioritisation round")
        verbose_name_plural = _("prioritisation rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="themes_round_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(min_sectors__gte=1), name="themes_round_min_sectors"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("themes:round_detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED


class Criterion(Orderable):
    """What members score each solution on, in this round (editable per round)."""

    round = ParentalKey(PrioritisationRound, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=400, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name


class SolutionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Solution(models.Model):
    """A member's proposal in a round; facilitators approve it before it is scored."""

    round = models.ForeignKey(
        PrioritisationRound, on_delete=models.CASCADE, related_name="solutions"
    )
    title = models.CharField(_("solution"), max_length=200)
    description = models.TextField(_("what it is"), max_length=3000)
    who_acts = models.CharField(_("who would act"), max_length=300)
    lessons = models.ManyToManyField(
        "themes.Contribution",
        verbose_name=_("supporting lessons"),
        blank=True,
        related_name="solutions",
    )
    districts = models.ManyToManyField(
        "members.District", verbose_name=_("districts"), blank=True, related_name="solutions"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="proposed_solutions",
    )
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="proposed_solutions",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SolutionStatus.choices,
        default=SolutionStatus.PENDING,
        db_index=True,
    )
    moderation_note = models.CharField(_("moderation note"), max_length=400, blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    def __str__(self):
        return self.title


class Ballot(models.Model):
    """An institution's one ballot in a round: any of its members edits it; the last
    save replaces what was there."""

    round = models.ForeignKey(PrioritisationRound, on_delete=models.CASCADE, related_name="ballots")
    institution = models.ForeignKey(
        "members.Institution", on_delete=models.PROTECT, related_name="ballots"
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "institution"], name="themes_ballot_one_per_institution"
            ),
        ]

    def __str__(self):
        return f"{self.round} — {self.institution}"


class Score(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="scores")
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "solution", "criterion"], name="themes_score_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=SCALE_MIN, value__lte=SCALE_MAX),
                name="themes_score_on_scale",
            ),
        ]

    def __str__(self):
        return f"{self.solution} — {self.criterion}: {self.value}"
