"""Storage for files that must never be reachable by a guessable public URL.

They live outside MEDIA_ROOT (settings.PRIVATE_MEDIA_ROOT) and are served only by views
that check who is asking.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
