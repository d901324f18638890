"""Telling people what happened to proposed resources, through the outbox.

The same moderation as contributions (Wagtail's workflow, in the admin): facilitators are
told when a member proposes a resource, the proposer when it is sent back or published.
Wagtail's own workflow e-mails are skipped for resources (themes.signals), which get
these instead, in each person's language, written once (keyed).

Also what OAI-PMH harvesters are told (resources.oai): when a public resource stops being
public (unpublished, made members-only, deleted) a tombstone is left, so that its record
is served as deleted; when it is public again the tombstone goes and the record returns.
Model signals, not Wagtail's `published`/`unpublished`, so that every way of saving a
resource (the admin, scheduled publishing, the services, the shell) is seen; writes that
bypass signals (`QuerySet.update`) are not, and must not change `live` or `visibility`.
"""

from django.db.models.signals import post_save, pre_delete, pre_save
from wagtail.signals import published

from themes import signals as themes_signals
from themes.models import Theme, Visibility

from . import services
from .library import Resource
from .services import notify_proposer

NOTICES = themes_signals.ModerationNotices(
    Resource,
    name="resource",
    template_dir="resources",
    edit_url_name="wagtailsnippets_resources_resource:edit",
    notify_owners=lambda resource, **notice: notify_proposer(resource=resource, **notice),
    key_prefix="resource_",
    tell_submitter=False,
)


def on_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, Resource):
        return
    # Only the first publication is news for the proposer (keyed on the resource alone):
    # later edits and republishing are not.
    notify_proposer(
        resource=instance,
        kind="resource_published",
        template="resources/resource_published",
        context={},
        dedupe=f"resource_published:resource:{instance.pk}",
    )


# ---- Tombstones for OAI-PMH

# What decides whether a resource is public (Resource.is_public).
VISIBILITY_FIELDS = {"live", "visibility"}
# Where a save's pre_save leaves what post_save must record.
_WITHDRAWN = "_oai_withdrawn_from"


def _may_change_visibility(raw: bool, update_fields) -> bool:
    return not raw and (update_fields is None or bool(VISIBILITY_FIELDS & set(update_fields)))


def _public_sets_in_database(pk) -> tuple[str, list[str]] | None:
    """The kind and theme slugs of the stored resource if it is public there, else None."""
    kind = (
        Resource.objects.filter(pk=pk, live=True, visibility=Visibility.PUBLIC)
        .values_list("kind", flat=True)
        .first()
    )
    if kind is None:
        return None
    return kind, list(Theme.objects.filter(resources=pk).values_list("slug", flat=True))


def before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # Read before the save: the stored row (and its themes, which a cluster saves after
    # post_save) is still the public version the harvesters know.
    instance.__dict__.pop(_WITHDRAWN, None)
    if instance.pk is None or instance.is_public:
        return
    if _may_change_visibility(raw, update_fields):
        instance.__dict__[_WITHDRAWN] = _public_sets_in_database(instance.pk)


def after_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if not _may_change_visibility(raw, update_fields):
        return
    withdrawn = instance.__dict__.pop(_WITHDRAWN, None)
    if withdrawn is not None:
        kind, theme_slugs = withdrawn
        services.resource_tombstone_leave(
            resource_id=instance.pk, kind=kind, theme_slugs=theme_slugs
        )
    elif instance.is_public:
        services.resource_tombstone_lift(resource_id=instance.pk)


def before_delete(sender, instance, **kwargs):
    # Inside the deletion's transaction, while the themes are still linked.
    public = _public_sets_in_database(instance.pk)
    if public is not None:
        kind, theme_slugs = public
        services.resource_tombstone_leave(
            resource_id=instance.pk, kind=kind, theme_slugs=theme_slugs
        )


def connect():
    NOTICES.connect("col-resource")
    published.connect(on_published, sender=Resource, dispatch_uid="col-resource-published")
    pre_save.connect(before_save, sender=Resource, dispatch_uid="col-resource-oai-pre-save")
    post_save.connect(after_save, sender=Resource, dispatch_uid="col-resource-oai-post-save")
    pre_delete.connect(before_delete, sender=Resource, dispatch_uid="col-resource-oai-delete")
