"""Workshops of the Community: face-to-face, virtual or hybrid; registrations, agenda,
materials, outcomes and follow-up commitments."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from members.links import TitledDetailPageMixin
from members.models import Sector
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
    DONE = "done", pgettext_lazy("commitment status", "Done")
    DROPPED = "dropped", _("Dropped")


class Commitment(Orderable):
    """An agreement or follow-up commitment made at a workshop, tracked until done."""

    workshop = ParentalKey(Workshop, on_delete=models.CASCADE, related_name="commitments")
    description = models.TextField(_("agreement or commitment"), max_length=1000)
    responsible_institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("responsible institution"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PENDING,
        db_index=True,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [models.Index(fields=["status", "due_date"], name="workshops_commitment_due_idx")]

    def __str__(self):
        return self.description[:80]

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in (CommitmentStatus.PENDING, CommitmentStatus.IN_PROGRESS)
            and self.due_date < timezone.localdate()
        )


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
