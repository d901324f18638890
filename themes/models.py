"""The four RIMAY Moquegua priority themes (and, with the lessons issue, contributions)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
