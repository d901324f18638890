"""Institutions, people, invitations, the open call and the notification outbox."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .validators import validate_logo


class Sector(models.TextChoices):
    """Stakeholder sectors: the Community measures the balance of its dialogue by them."""

    GOVERNMENT_REGIONAL_LOCAL = "gov_regional_local", _("Regional and local government")
    GOVERNMENT_NATIONAL = "gov_national", _("National government")
    PRIVATE_MINING = "private_mining", _("Mining companies and private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisations")
    ACADEMIA = "academia", _("Academia and professional associations")
    COOPERATION = "cooperation", _("International cooperation and transparency initiatives")
    CITIZENS = "citizens", _("Citizens")


class Province(models.Model):
    """A province of the Moquegua region, with its INEI ubigeo code (four digits)."""

    ubigeo = models.CharField(_("ubigeo code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["ubigeo"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        # The territory pages are composed at the top of the site (col_portal).
        return reverse("territory:province", kwargs={"province": self.slug})


class District(models.Model):
    """A district of the Moquegua region, with its INEI ubigeo code (six digits)."""

    ubigeo = models.CharField(_("ubigeo code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="districts"
    )
    created_by = models.CharField(
        _("created by"),
        max_length=120,
        blank=True,
        help_text=_("The law that created the district, when it is recent."),
    )

    class Meta:
        ordering = ["ubigeo"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "territory:district",
            kwargs={"province": self.province.slug, "district": self.slug},
        )


class Institution(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, db_index=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    website = models.URLField(_("website"), blank=True, max_length=300)
    logo = models.ImageField(
        _("logo"),
        upload_to="institutions/logos/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG, GIF or WebP, at most 2 MB."),
    )
    is_core_group = models.BooleanField(_("Core Group member"), default=False, db_index=True)
    date_joined = models.DateField(_("date joined"), default=timezone.localdate)
    district = models.ForeignKey(
        District,
        verbose_name=_("district of its seat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="institutions",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """Short name where there is one (for chips and tight places)."""
        return self.short_name or self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: logs in with their e-mail address and belongs to one institution."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    wants_digest = models.BooleanField(
        _("weekly digest"),
        default=False,
        help_text=_("Receive a weekly e-mail with the newly published contributions."),
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the person may use the Django admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="members_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name.split() or [self.email])[0]

    # Wagtail's user listings read first/last name.
    @property
    def first_name(self):
        return self.get_short_name()

    @property
    def last_name(self):
        return " ".join(self.full_name.split()[1:])


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")


class Invitation(models.Model):
    """An invitation to join, sent by a facilitator (or by accepting an application).

    The link carries the token; it works once and only until it expires.
    """

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    message = models.TextField(
        _("personal message"),
        blank=True,
        max_length=2000,
        help_text=_("Optional words of welcome included in the invitation e-mail."),
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        help_text=_("The account created when the invitation was accepted."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    @property
    def status_label(self):
        if self.accepted_at:
            return _("Accepted")
        if self.revoked_at:
            return _("Revoked")
        if self.is_expired:
            return _("Expired")
        return _("Pending")

    def get_accept_path(self) -> str:
        return reverse("members:invitation_accept", kwargs={"token": self.token})


class MembershipApplication(models.Model):
    """A request to join made through the public open call ("Únete a la Comunidad")."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    position = models.CharField(_("position"), max_length=150, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("existing institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    new_institution_name = models.CharField(_("new institution"), max_length=200, blank=True)
    new_institution_short_name = models.CharField(
        _("short name of the new institution"), max_length=60, blank=True
    )
    new_institution_website = models.URLField(
        _("website of the new institution"), blank=True, max_length=300
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    motivation = models.TextField(_("motivation"), max_length=3000)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    decision_note = models.TextField(
        _("note to the applicant"),
        blank=True,
        max_length=2000,
        help_text=_("Included in the e-mail that tells the applicant of the decision."),
    )
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(institution__isnull=False) | ~models.Q(new_institution_name=""),
                name="members_application_names_an_institution",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"

    @property
    def institution_label(self) -> str:
        return self.institution.name if self.institution_id else self.new_institution_name


class Notification(models.Model):
    """The outbox: one message to one person, written in the same transaction as the change
    it tells of, and delivered by e-mail after commit (or by the periodic sweep).

    The same rows are the member's list of notifications in the portal.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    email = models.EmailField(_("e-mail address"))
    # Where an answer goes, when it is not the portal (a visitor's contact message).
    reply_to = models.EmailField(_("reply to"), blank=True)
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    # A key that makes a notification unique (e.g. "reminder:workshop:12:user:3"):
    # writing the same key twice creates one row, so nothing is ever sent twice.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # One optional text attachment (e.g. the workshop's .ics with a confirmation).
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment_content = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # After a failed attempt, not tried again before this time (growing back-off).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    failed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when delivery gave up after the last attempt."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["created_at"],
                name="members_notification_pending",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.email}"


class ContentLicence(models.TextChoices):
    """Licences the Community may publish its content and open data under (the value is
    the licence's canonical address, which JSON-LD and the data package name)."""

    CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0"
    CC_BY_SA_4 = "https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0"
    CC0_1 = "https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"
    ODC_BY_1 = "https://opendatacommons.org/licenses/by/1-0/", "ODC-BY 1.0"

    @classmethod
    def short_name(cls, url: str) -> str:
        return dict(cls.choices).get(url, url)


@register_setting(icon="doc-full")
class LicenceSettings(BaseSiteSetting):
    """The licence of what the Community publishes: lessons, pages and open data (read by
    members.licence, for JSON-LD and the open-data files alike)."""

    licence = models.CharField(
        _("licence"),
        max_length=200,
        choices=ContentLicence.choices,
        default=ContentLicence.CC_BY_4,
        help_text=_(
            "The licence of the lessons, pages and open data the Community publishes. "
            "It is named in every page's structured data and in the open-data files."
        ),
    )

    panels = [FieldPanel("licence")]

    class Meta:
        verbose_name = _("licence")
