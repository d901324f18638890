"""Checks on uploaded files: by their content, never by their name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def validate_logo(file) -> None:
    """A logo must be a real PNG, JPEG, GIF or WebP image of at most LOGO_MAX_BYTES."""
    limit = settings.LOGO_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The logo is too large (%(size)s). The maximum is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="logo_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("The logo must be a PNG, JPEG, GIF or WebP image."), code="logo_not_image"
        ) from exc
    finally:
        file.seek(position)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            _("The logo must be a PNG, JPEG, GIF or WebP image."), code="logo_not_image"
        )
