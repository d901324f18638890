"""Storage for files that must never be reachable by a guessable public URL.

Members-only attachments and library documents are stored through the "private" entry of
settings.STORAGES: by default a folder outside MEDIA_ROOT (settings.PRIVATE_MEDIA_ROOT);
with S3 switched on, a private bucket or prefix (members.storage_s3). Either way they have
no URL: views that check who is asking stream them.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, InvalidStorageError, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(FileSystemStorage):
    """File system storage under the folder of a setting (PRIVATE_MEDIA_ROOT), read at each
    use (tests move it), with no URL."""

    root_setting = "PRIVATE_MEDIA_ROOT"

    def __init__(self, **options):
        super().__init__(base_url=None, **options)

    @property
    def base_location(self):
        return getattr(settings, self.root_setting)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # NotImplementedError, as storages without URLs raise: Wagtail's document view then
        # streams the file itself (after its before_serve_document hooks) instead of failing.
        raise NotImplementedError("Private files have no public URL; serve them through a view.")


class _ConfiguredPrivateStorage(LazyObject):
    """settings.STORAGES["private"], looked up at first use and again after the setting
    changes, so that a file field declared with it follows the configuration."""

    def _setup(self):
        try:
            self._wrapped = storages["private"]
        except InvalidStorageError:
            # A STORAGES without the entry (a test's own): the local private folder.
            self._wrapped = PrivateStorage()


_private = _ConfiguredPrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting in {"STORAGES", "PRIVATE_MEDIA_ROOT"}:
        _private._wrapped = empty


def private_storage() -> Storage:
    """The storage of members-only files (a callable, so migrations do not freeze it)."""
    return _private
