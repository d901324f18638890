"""Checks on uploaded files (by their content, never by their name: members.uploads) and
on evidence that any app may ask for: a public investment's code (CUI)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from . import uploads

cui_validator = RegexValidator(
    r"^[0-9]{7}$",
    _("A CUI (Código Único de Inversiones) is a number of exactly 7 digits."),
    code="invalid_cui",
)


def cui_record_url(cui: str) -> str:
    """The official public record of a public investment (only a link: nothing is fetched)."""
    return settings.COMMITMENT_CUI_URL.format(cui=cui) if cui else ""


def validate_logo(file) -> None:
    """An institution logo: a real JPEG, PNG, GIF or WebP image of at most LOGO_MAX_BYTES.
    Only a new upload is read (a stored logo was checked when it was uploaded)."""
    if file and not getattr(file, "_committed", False):
        uploads.check_upload(file, kind=uploads.LOGO)
