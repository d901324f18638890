"""Workshops of the Community: face-to-face, virtual or hybrid; registrations, agenda,
materials, outcomes and follow-up commitments."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from members.links import TitledDetailPageMixin
from members.models import Sector
from members.storage import private_storage
from members.validators import cui_record_url, cui_validator
from themes.models import visibility_field

https_only = URLValidator(schemes=["http", "https"])


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("Face-to-face")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")


class WorkshopStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for registration")
    CLOSED = "closed", _("Registration closed")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", pgettext_lazy("workshop status", "Cancelled")


class Workshop(TitledDetailPageMixin, ClusterableModel):
    """A meeting of the Community. Draft ones are seen only in the admin."""

    detail_url_name = "workshops:detail"

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), max_length=6000)
    themes = ParentalManyToManyField(
        "themes.Theme", verbose_name=_("themes"), blank=True, related_name="workshops"
    )
    modality = models.CharField(
        _("modality"), max_length=16, choices=Modality.choices, default=Modality.IN_PERSON
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    # The start first announced, once an announced workshop has moved to another (schema.org's
    # previousStartDate: it was rescheduled); empty if it never moved, or moved back.
    previous_starts_at = models.DateTimeField(null=True, blank=True, editable=False)
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Auditorio de la Cámara de Comercio."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    districts = ParentalManyToManyField(
        "members.District",
        verbose_name=_("districts"),
        blank=True,
        related_name="workshops",
        help_text=_("The district of the venue, or the districts the workshop is about."),
    )
    city = models.CharField(
        _("city"), max_length=80, blank=True, help_text=_("Moquegua, Ilo, Omate…")
    )
    online_url = models.URLField(
        _("online meeting link"),
        max_length=500,
        blank=True,
        validators=[https_only],
        help_text=_("Shown only to confirmed participants and facilitators."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("Seats; when they are taken, members join a waitlist.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=WorkshopStatus.choices,
        default=WorkshopStatus.DRAFT,
        db_index=True,
    )
    visibility = visibility_field()
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        blank=True,
        related_name="facilitated_workshops",
    )
    outcomes = models.TextField(
        _("outcomes"), blank=True, max_length=10000, help_text=_("What was discussed and agreed.")
    )
    lessons = ParentalManyToManyField(
        "themes.Contribution",
        verbose_name=_("lessons shared"),
        blank=True,
        related_name="workshops",
    )
    # Raised by the services whenever the time, place, link or status (cancelled) changes:
    # each change is announced once, and it is the calendar event's SEQUENCE (RFC 5545).
    logistics_version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        indexes = [
            models.Index(
                fields=["status", "visibility", "starts_at"], name="workshops_listing_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="workshops_ends_after_start"
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The workshop must end after it starts.")
        if self.modality in (Modality.VIRTUAL, Modality.HYBRID) and not self.online_url:
            errors["online_url"] = _("A virtual or hybrid workshop needs an online meeting link.")
        if self.modality in (Modality.IN_PERSON, Modality.HYBRID) and not self.venue.strip():
            errors["venue"] = _("A face-to-face or hybrid workshop needs a venue.")
        if (
            self.registration_opens_at
            and self.registration_deadline
            and self.registration_deadline < self.registration_opens_at
        ):
            errors["registration_deadline"] = _(
                "The registration deadline cannot be before registration opens."
            )
        if (
            self.registration_deadline
            and self.ends_at
            and self.registration_deadline > self.ends_at
        ):
            errors["registration_deadline"] = _(
                "The registration deadline cannot be after the workshop ends."
            )
        if self.pk and self.capacity is not None:
            confirmed = self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
            if self.capacity < confirmed:
                errors["capacity"] = _(
                    "%(count)s people are already confirmed: the capacity cannot be lower."
                ) % {"count": confirmed}
        if errors:
            raise ValidationError(errors)

    @property
    def has_place(self) -> bool:
        return self.modality in (Modality.IN_PERSON, Modality.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.modality in (Modality.VIRTUAL, Modality.HYBRID)

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_under_way(self) -> bool:
        now = timezone.now()
        return self.starts_at <= now < self.ends_at and self.status in (
            WorkshopStatus.OPEN,
            WorkshopStatus.CLOSED,
        )

    def advertises_seats(self, now=None) -> bool:
        """Whether free seats are worth showing: registration is open, or will open. A
        workshop whose registration is closed, past its deadline or under way shows none."""
        now = now or timezone.now()
        if self.status != WorkshopStatus.OPEN or self.starts_at <= now:
            return False
        return not (self.registration_deadline and now > self.registration_deadline)

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != WorkshopStatus.OPEN or self.starts_at <= now:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_deadline and now > self.registration_deadline)


class AgendaItem(Orderable):
    workshop = ParentalKey(Workshop, on_delete=models.CASCADE, related_name="agenda_items")
    time = models.TimeField(_("time"))
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=150, blank=True)
    speaker_institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("speaker's institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    commitment = models.ForeignKey(
        "Commitment",
        verbose_name=_("contested commitment reviewed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return f"{self.time:%H:%M} {self.title}"


class Material(Orderable):
    """A file (a Wagtail document) or a link used or produced in the workshop."""

    workshop = ParentalKey(Workshop, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("file"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    url = models.URLField(_("link"), max_length=500, blank=True, validators=[https_only])

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.document_id and not self.url:
            raise ValidationError(_("Give a file or a link."))
        if self.document_id and self.url:
            raise ValidationError(_("Give a file or a link, not both."))


class CommitmentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")
    DROPPED = "dropped", _("Dropped")


OPEN_COMMITMENT_STATUSES = (CommitmentStatus.PENDING, CommitmentStatus.IN_PROGRESS)
CLOSED_COMMITMENT_STATUSES = (
    CommitmentStatus.FULFILLED,
    CommitmentStatus.NOT_FULFILLED,
    CommitmentStatus.DROPPED,
)


class CommitmentSource(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    AGREEMENT_SPACE = "agreement_space", _("Agreement space")
    PLEDGE = "pledge", _("Institution's own pledge")


class AgreementSpaceKind(models.TextChoices):
    DIALOGUE_TABLE = "dialogue_table", _("Dialogue table")
    TECHNICAL_TABLE = "technical_table", _("Technical table")
    INTER_INSTITUTIONAL = "inter_institutional", _("Inter-institutional agreement")


class AgreementSpace(TitledDetailPageMixin, models.Model):
    """A dialogue table, a technical table or an agreement between institutions, outside
    the Community's own workshops, whose agreements are followed as commitments. Managed
    by the facilitators; a draft one is seen only in the admin."""

    detail_url_name = "workshops:agreement_space"

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=AgreementSpaceKind.choices)
    convener = models.ForeignKey(
        "members.Institution",
        verbose_name=_("convener institution"),
        on_delete=models.PROTECT,
        related_name="convened_agreement_spaces",
    )
    description = models.TextField(_("description"), max_length=6000, blank=True)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    minutes = models.ManyToManyField(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("minutes"),
        blank=True,
        related_name="+",
        help_text=_("The minutes and agreements signed, as documents of the library."),
    )
    visibility = visibility_field()
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Unpublished spaces and their commitments are seen only in the admin."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "name"]
        verbose_name = _("agreement space")
        verbose_name_plural = _("agreement spaces")

    def __str__(self):
        return self.name

    @property
    def title(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("It cannot end before it starts.")})


class Commitment(Orderable, ClusterableModel):
    """Something agreed, tracked from the agreement to the evidence that it was kept.

    It comes from a workshop (an inline line of the workshop, as it always did), from an
    agreement space, or is an institution's own pledge; it is visible to whoever may see
    its source. Its status and progress change only through reports (`CommitmentUpdate`,
    an append-only history), which members of other sectors confirm or contest."""

    detail_url_name = "workshops:commitment"

    workshop = ParentalKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="commitments",
        null=True,
        blank=True,
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=CommitmentSource.choices,
        default=CommitmentSource.WORKSHOP,
        db_index=True,
    )
    agreement_space = models.ForeignKey(
        AgreementSpace,
        verbose_name=_("agreement space"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitments",
    )
    description = models.TextField(_("agreement or commitment"), max_length=1000)
    responsible_institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("responsible institution"),
        on_delete=models.PROTECT,
        related_name="commitments",
        help_text=_("The institution that leads it."),
    )
    supporting_institutions = models.ManyToManyField(
        "members.Institution",
        verbose_name=_("supporting institutions"),
        blank=True,
        related_name="supported_commitments",
    )
    themes = models.ManyToManyField(
        "themes.Theme", verbose_name=_("themes"), blank=True, related_name="commitments"
    )
    districts = models.ManyToManyField(
        "members.District", verbose_name=_("districts"), blank=True, related_name="commitments"
    )
    agreed_on = models.DateField(
        _("agreed on"),
        null=True,
        blank=True,
        help_text=_("Left empty, the date of the workshop or agreement space."),
    )
    due_date = models.DateField(_("due date"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PENDING,
        db_index=True,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # Contested and not yet put on a workshop's agenda: in the facilitators' queue.
    needs_review = models.BooleanField(_("contested, to review"), default=False, db_index=True)
    last_change_at = models.DateTimeField(_("last change"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [models.Index(fields=["status", "due_date"], name="workshops_commitment_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="workshops_commitment_progress_max"
            ),
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def title(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url_name, kwargs={"pk": self.pk})

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_COMMITMENT_STATUSES and self.due_date < timezone.localdate()

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_COMMITMENT_STATUSES

    def source_date(self):
        """The date of the agreement that gave the commitment, from its source."""
        if self.source == CommitmentSource.WORKSHOP and self.workshop_id:
            return timezone.localdate(self.workshop.starts_at)
        if self.source == CommitmentSource.AGREEMENT_SPACE and self.agreement_space_id:
            return self.agreement_space.started_on
        return None

    @property
    def agreement_date(self):
        return self.agreed_on or self.source_date()

    @property
    def source_object(self):
        if self.source == CommitmentSource.WORKSHOP:
            return self.workshop
        if self.source == CommitmentSource.AGREEMENT_SPACE:
            return self.agreement_space
        return None

    def clean(self):
        super().clean()
        errors = {}
        if self.source == CommitmentSource.AGREEMENT_SPACE and not self.agreement_space_id:
            errors["agreement_space"] = _("Choose the agreement space it comes from.")
        if self.source != CommitmentSource.AGREEMENT_SPACE and self.agreement_space_id:
            errors["agreement_space"] = _(
                "Only a commitment that comes from an agreement space names one."
            )
        if self.source == CommitmentSource.PLEDGE and self.workshop_id:
            errors["source"] = _("A commitment made at a workshop is not an own pledge.")
        try:
            agreed = self.agreement_date
        except (Workshop.DoesNotExist, AgreementSpace.DoesNotExist):
            agreed = self.agreed_on
        if agreed and self.due_date and self.due_date < agreed:
            errors["due_date"] = _("The due date cannot be before the agreement (%(date)s).") % {
                "date": date_format(agreed, "DATE_FORMAT")
            }
        if errors:
            raise ValidationError(errors)


class CommitmentMilestone(Orderable):
    """A step of a commitment with its planned date, and the date it was reached: progress
    told in milestones as well as a percentage. Facilitators edit them with the commitment
    in the admin; the responsible institution's members mark them reached when they report."""

    commitment = ParentalKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    planned_on = models.DateField(_("planned date"))
    reached_on = models.DateField(_("date reached"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title

    @property
    def is_late(self) -> bool:
        return self.reached_on is None and self.planned_on < timezone.localdate()

    def clean(self):
        super().clean()
        if self.reached_on and self.reached_on > timezone.localdate():
            raise ValidationError({"reached_on": _("A milestone cannot be reached in the future.")})


def _evidence_upload_to(instance, filename):
    return f"commitments/{timezone.now():%Y/%m}/{filename}"


class EvidenceFields(models.Model):
    """Evidence given with a report or a verdict: any of a library document, a link, a
    photo and a public investment's code (CUI), linked to its official public record."""

    note = models.TextField(_("note"), max_length=3000, blank=True)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    url = models.URLField(_("link"), max_length=500, blank=True, validators=[https_only])
    photo = models.FileField(
        _("photo"), storage=private_storage, upload_to=_evidence_upload_to, blank=True
    )
    cui = models.CharField(
        _("CUI of a public investment"),
        max_length=7,
        blank=True,
        validators=[cui_validator],
        help_text=_("The Código Único de Inversiones: 7 digits."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    # Hidden by a facilitator (an abusive note): the entry stays, its note is not shown.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("reason"), max_length=500, blank=True)

    # Only moderation may touch a stored entry: the history is never rewritten.
    MUTABLE_FIELDS = frozenset({"hidden_at", "hidden_reason"})

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= self.MUTABLE_FIELDS:
                raise ValueError("History entries are append-only.")
        super().save(*args, **kwargs)

    @property
    def cui_url(self) -> str:
        return cui_record_url(self.cui)

    @property
    def has_evidence(self) -> bool:
        return bool(self.document_id or self.url or self.photo or self.cui)


class CommitmentUpdate(EvidenceFields):
    """One dated entry of a commitment's history: a report of its status and progress by a
    member of a responsible institution (or a change recorded by a facilitator)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    previous_status = models.CharField(max_length=16, choices=CommitmentStatus.choices)
    status = models.CharField(_("status"), max_length=16, choices=CommitmentStatus.choices)
    previous_progress = models.PositiveSmallIntegerField(default=0)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("commitment report")
        verbose_name_plural = _("commitment reports")
        indexes = [models.Index(fields=["commitment", "created_at"], name="workshops_cu_when_idx")]

    def __str__(self):
        return f"{self.commitment} — {self.get_status_display()} ({self.progress} %)"


class Verdict(models.TextChoices):
    CONFIRM = "confirm", pgettext_lazy("commitment verdict", "Confirmed")
    CONTEST = "contest", _("Contested")


class CommitmentVerdict(EvidenceFields):
    """A member of another sector's institution confirms or contests a report. One verdict
    per institution and report: the first stands (a second is refused)."""

    update = models.ForeignKey(CommitmentUpdate, on_delete=models.CASCADE, related_name="verdicts")
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verdict = models.CharField(_("verdict"), max_length=8, choices=Verdict.choices)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("confirmation or contest")
        verbose_name_plural = _("confirmations and contests")
        constraints = [
            models.UniqueConstraint(
                fields=["update", "institution"], name="workshops_one_verdict_per_institution"
            ),
        ]

    def __str__(self):
        return f"{self.institution} — {self.get_verdict_display()}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class Registration(models.Model):
    """One person's place at a workshop. One row per person and workshop: cancelling and
    registering again reuses it (at the end of the waitlist if the workshop is full)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RegistrationStatus.choices, db_index=True
    )
    # Waitlist order: when the person (last) asked for a place.
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="workshops_one_registration"),
        ]
        indexes = [
            models.Index(
                fields=["workshop", "status", "requested_at"], name="workshops_reg_queue_idx"
            ),
            models.Index(fields=["user", "status"], name="workshops_reg_user_idx"),
        ]

    def __str__(self):
        return f"{self.user} — {self.workshop}"


def _calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a person's calendar of registrations (regenerable)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_calendar_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    def regenerate(self) -> None:
        self.token = _calendar_token()
        self.save(update_fields=["token", "created_at"])


class WalkIn(models.Model):
    """Someone who attended without having registered, recorded by a facilitator on the
    attendance page. Counted as attended in the participation by sector."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="walk_ins")
    name = models.CharField(_("name"), max_length=150)
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    other_institution = models.CharField(
        _("other institution"),
        max_length=200,
        blank=True,
        help_text=_("When the institution is not in the list."),
    )
    sector = models.CharField(
        _("sector"),
        max_length=32,
        choices=Sector.choices,
        blank=True,
        help_text=_("Taken from the institution when it is in the list."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("walk-in participant")
        verbose_name_plural = _("walk-in participants")

    def __str__(self):
        return self.name

    @property
    def institution_label(self) -> str:
        return self.institution.name if self.institution_id else self.other_institution

    def clean(self):
        super().clean()
        if self.institution_id:
            self.sector = self.institution.sector
            self.other_institution = ""
        elif not self.other_institution.strip() or not self.sector:
            raise ValidationError(
                _("Choose the institution from the list, or write its name and choose its sector.")
            )
