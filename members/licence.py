"""The licence of what the Community publishes, as facilitators set it (Settings →
Licence; members.models.LicenceSettings), for JSON-LD and the open-data files alike.

The setting of the default site is the one: the files are built without a request, and
pages and files must name the same licence. It is read on every lesson and library page
(their JSON-LD), so it is kept in the cache and forgotten when the setting is saved: no
query on a page once it is known.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_save

from .models import ContentLicence, LicenceSettings

CACHE_KEY = "col:licence"


@dataclass(frozen=True)
class Licence:
    url: str
    name: str


def current_licence() -> Licence:
    """The licence set for the default site; CC BY 4.0 until one is set."""
    url = cache.get(CACHE_KEY)
    if url is None:
        # One query, and no row written on a read (the admin writes it when saved).
        url = (
            LicenceSettings.objects.filter(site__is_default_site=True)
            .values_list("licence", flat=True)
            .first()
        ) or ContentLicence.CC_BY_4.value
        cache.set(CACHE_KEY, url, None)
    return Licence(url=url, name=ContentLicence.short_name(url))


def _forget(sender, **kwargs):
    cache.delete(CACHE_KEY)


def connect() -> None:
    post_save.connect(_forget, sender=LicenceSettings, dispatch_uid="col-licence-forget")
