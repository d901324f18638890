"""Checks on uploaded files: by their content, never by their name (members.uploads)."""

from . import uploads


def validate_logo(file) -> None:
    """An institution logo: a real JPEG, PNG, GIF or WebP image of at most LOGO_MAX_BYTES.
    Only a new upload is read (a stored logo was checked when it was uploaded)."""
    if file and not getattr(file, "_committed", False):
        uploads.check_upload(file, kind=uploads.LOGO)
