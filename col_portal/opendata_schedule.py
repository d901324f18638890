"""When the open data is rebuilt (col_portal.opendata): after whatever the datasets show
is published, unpublished, saved or deleted — once for a burst of changes, after the
commit, by the Celery task — and nightly (settings.CELERY_BEAT_SCHEDULE). Never while a
visitor waits for a page.

Registrations are left to the nightly rebuild: a burst of them would only change the
participation counts.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.signals import published, unpublished

from members.models import Institution, LicenceSettings
from resources.library import Resource
from themes.models import Contribution, Theme
from workshops.models import (
    AgreementSpace,
    Commitment,
    CommitmentUpdate,
    CommitmentVerdict,
    Workshop,
)

from .opendata import BUILT_KEY
from .tasks import SCHEDULED_KEY, rebuild_open_data


def request_rebuild() -> None:
    """Ask for a rebuild soon, once for a burst of changes (called after the commit).

    With a broker, the task is queued OPEN_DATA_DEBOUNCE_SECONDS ahead, and not again
    while it waits: whatever is published meanwhile is in that one rebuild. Without one
    (tasks run eagerly, in the request that published), it runs at once only if the last
    build is older than OPEN_DATA_EAGER_INTERVAL seconds, so that a facilitator publishing
    one lesson after another waits for it once; the nightly rebuild (or
    `manage.py build_open_data`) picks up the rest.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        built_at = cache.get(BUILT_KEY)
        interval = settings.OPEN_DATA_EAGER_INTERVAL
        if built_at is not None and timezone.now().timestamp() - built_at < interval:
            return
        rebuild_open_data.delay()
        return
    delay = settings.OPEN_DATA_DEBOUNCE_SECONDS
    if cache.add(SCHEDULED_KEY, True, delay):
        rebuild_open_data.apply_async(countdown=delay)


def _changed(sender=None, instance=None, signal=None, **kwargs):
    """A receiver: ask for a rebuild after the commit (asking again is cheap: a burst
    queues one, see request_rebuild)."""
    if signal is post_save and isinstance(instance, Contribution | Resource) and not instance.live:
        return  # a draft of something unpublished changes no open data
    transaction.on_commit(request_rebuild, robust=True)


def connect() -> None:
    def uid(model, what):
        return f"col-opendata-{model._meta.label_lower}-{what}"

    for model in (Contribution, Resource):
        published.connect(_changed, sender=model, dispatch_uid=uid(model, "published"))
        unpublished.connect(_changed, sender=model, dispatch_uid=uid(model, "unpublished"))
    # A hidden note (a save of the report or verdict) must leave the files soon too.
    for model in (
        Contribution,
        Resource,
        Workshop,
        AgreementSpace,
        Commitment,
        CommitmentUpdate,
        CommitmentVerdict,
        Institution,
        Theme,
    ):
        post_save.connect(_changed, sender=model, dispatch_uid=uid(model, "save"))
        post_delete.connect(_changed, sender=model, dispatch_uid=uid(model, "delete"))
    post_save.connect(_changed, sender=LicenceSettings, dispatch_uid=uid(LicenceSettings, "save"))
