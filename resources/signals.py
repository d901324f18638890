"""Telling people what happened to proposed resources, through the outbox.

The same moderation as contributions (Wagtail's workflow, in the admin): facilitators are
told when a member proposes a resource, the proposer when it is sent back or published.
Wagtail's own workflow e-mails are skipped for resources (themes.signals), which get
these instead, in each person's language, written once (keyed).
"""

from wagtail.signals import published

from themes import signals as themes_signals

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


def connect():
    NOTICES.connect("col-resource")
    published.connect(on_published, sender=Resource, dispatch_uid="col-resource-published")
