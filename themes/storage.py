"""Storage for files that must never be reachable by a guessable public URL.

They live outside MEDIA_ROOT (settings.PRIVATE_MEDIA_ROOT) and are served only by views
that check who is asking.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """File system storage under PRIVATE_MEDIA_ROOT, read at each use (tests move it)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # NotImplementedError, as storages without URLs raise: Wagtail's document view then
        # streams the file itself (after its before_serve_document hooks) instead of failing.
        raise NotImplementedError("Private files have no public URL; serve them through a view.")


def private_storage() -> FileSystemStorage:
    return PrivateStorage()
