"""Telling people what happened to proposed resources, through the outbox.

The same moderation as contributions (Wagtail's workflow, in the admin): facilitators are
told when a member proposes a resource, the proposer when it is sent back or published.
Wagtail's own workflow e-mails are skipped for resources (themes.signals), which get
these instead, in each person's language, written once (keyed).
"""

from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import published, task_submitted, workflow_rejected

from members.notifications import notify
from members.selectors import facilitators
from themes import signals as themes_signals

from .library import Resource
from .services import notify_proposer


def _resource_of(state) -> Resource | None:
    obj = state.content_object
    return obj if isinstance(obj, Resource) else None


def admin_edit_url(resource: Resource) -> str:
    return reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])


def on_task_submitted(sender, instance: TaskState, user=None, **kwargs):
    resource = _resource_of(instance.workflow_state)
    if resource is None:
        return
    for person in facilitators():
        if user is not None and person.pk == user.pk:
            continue
        notify(
            kind="resource_submitted",
            template="resources/resource_submitted",
            context={"resource": resource, "person": person, "submitter": user},
            recipient=person,
            url=admin_edit_url(resource),
            dedupe_key=f"resource_submitted:taskstate:{instance.pk}:user:{person.pk}",
        )


def on_workflow_rejected(sender, instance: WorkflowState, user=None, **kwargs):
    resource = _resource_of(instance)
    if resource is None:
        return
    task_state = instance.current_task_state
    notify_proposer(
        resource=resource,
        kind="resource_sent_back",
        template="resources/resource_sent_back",
        context={"comment": (task_state.comment if task_state else "") or "", "reviewer": user},
        dedupe=f"resource_sent_back:taskstate:{task_state.pk if task_state else instance.pk}",
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
    if Resource not in themes_signals.OWN_NOTIFICATION_MODELS:
        themes_signals.OWN_NOTIFICATION_MODELS.append(Resource)
    task_submitted.connect(
        on_task_submitted, sender=TaskState, dispatch_uid="col-resource-task-submitted"
    )
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="col-resource-workflow-rejected"
    )
    published.connect(on_published, sender=Resource, dispatch_uid="col-resource-published")
