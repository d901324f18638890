"""Telling people what happened to contributions, through the outbox.

Wagtail's moderation (workflows, publishing) happens in its admin; these receivers turn its
signals into the portal's notifications, in each person's language, written once (keyed).
Wagtail's own workflow e-mails are kept for pages but skipped for contributions, which get
ours instead.
"""

from django.urls import reverse
from wagtail.admin import signal_handlers as wagtail_mail_handlers
from wagtail.models import ModelLogEntry, Revision, TaskState, WorkflowState
from wagtail.signals import (
    published,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from members.notifications import notify
from members.selectors import facilitators

from .listing_cache import connect as connect_listing_cache
from .models import Contribution, LessonApplication
from .services import application_published, notify_authors, notify_reporter


class ModerationNotices:
    """The portal's notices for snippets moderated through Wagtail's workflow (lessons here,
    library resources in resources.signals): every facilitator is told when one is submitted
    for review, its owners when it is sent back. `name` makes the kinds and templates
    ("<template_dir>/<name>_submitted", "..._sent_back"); `notify_owners(obj, **notice)`
    tells the owners (a lesson's authors, a resource's proposer); `key_prefix` starts the
    keys that make each notice written once. Wagtail's own e-mails are skipped for `model`.
    """

    def __init__(
        self,
        model,
        *,
        name: str,
        template_dir: str,
        edit_url_name: str,
        notify_owners,
        key_prefix: str = "",
        tell_submitter: bool = True,
    ):
        self.model = model
        self.name = name
        self.template_dir = template_dir
        self.edit_url_name = edit_url_name
        self.notify_owners = notify_owners
        self.key_prefix = key_prefix
        self.tell_submitter = tell_submitter

    def _of(self, state):
        obj = state.content_object
        return obj if isinstance(obj, self.model) else None

    def on_task_submitted(self, sender, instance: TaskState, user=None, **kwargs):
        obj = self._of(instance.workflow_state)
        if obj is None:
            return
        for person in facilitators():
            if not self.tell_submitter and user is not None and person.pk == user.pk:
                continue
            notify(
                kind=f"{self.name}_submitted",
                template=f"{self.template_dir}/{self.name}_submitted",
                context={self.name: obj, "person": person, "submitter": user},
                recipient=person,
                url=reverse(self.edit_url_name, args=[obj.pk]),
                dedupe_key=f"{self.key_prefix}submitted:taskstate:{instance.pk}:user:{person.pk}",
            )

    def on_workflow_rejected(self, sender, instance: WorkflowState, user=None, **kwargs):
        obj = self._of(instance)
        if obj is None:
            return
        task_state = instance.current_task_state
        self.notify_owners(
            obj,
            kind=f"{self.name}_sent_back",
            template=f"{self.template_dir}/{self.name}_sent_back",
            context={"comment": (task_state.comment if task_state else "") or "", "reviewer": user},
            dedupe=f"{self.key_prefix}sent_back:taskstate:{task_state.pk if task_state else instance.pk}",
        )

    def connect(self, uid: str):
        """Connect the receivers (held by this object: keep it at module level)."""
        if self.model not in OWN_NOTIFICATION_MODELS:
            OWN_NOTIFICATION_MODELS.append(self.model)
        task_submitted.connect(
            self.on_task_submitted, sender=TaskState, dispatch_uid=f"{uid}-task-submitted"
        )
        workflow_rejected.connect(
            self.on_workflow_rejected, sender=WorkflowState, dispatch_uid=f"{uid}-workflow-rejected"
        )


CONTRIBUTION_NOTICES = ModerationNotices(
    Contribution,
    name="contribution",
    template_dir="themes",
    edit_url_name="wagtailsnippets_themes_contribution:edit",
    notify_owners=lambda contribution, **notice: notify_authors(
        contribution=contribution, **notice
    ),
)
on_task_submitted = CONTRIBUTION_NOTICES.on_task_submitted

APPLICATION_NOTICES = ModerationNotices(
    LessonApplication,
    name="application",
    template_dir="themes",
    edit_url_name="wagtailsnippets_themes_lessonapplication:edit",
    notify_owners=lambda application, **notice: notify_reporter(application=application, **notice),
    key_prefix="application_",
)


def on_application_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, LessonApplication):
        application_published(application=instance)


def _authors_have_news(contribution: Contribution, revision) -> bool:
    """True on a first publication, or when an author wrote a revision since the last one.

    A facilitator who re-publishes a lesson to fix its tags or a typo does not e-mail its
    authors "published" again; a new version that an author submitted does.
    """
    if revision is None:
        return True
    previous = (
        ModelLogEntry.objects.for_instance(contribution)
        .filter(action="wagtail.publish")
        .exclude(revision=revision)
        .order_by("-timestamp", "-pk")
        .values_list("revision_id", flat=True)
        .first()
    )
    if previous is None:
        return True
    authors = [contribution.author_id, *contribution.coauthors.values_list("pk", flat=True)]
    return (
        Revision.objects.for_instance(contribution)
        .filter(pk__gt=previous, pk__lte=revision.pk, user_id__in=authors)
        .exists()
    )


def on_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, Contribution) or not _authors_have_news(instance, revision):
        return
    key = revision.pk if revision is not None else instance.live_revision_id
    notify_authors(
        contribution=instance,
        kind="contribution_published",
        template="themes/contribution_published",
        context={},
        dedupe=f"published:contribution:{instance.pk}:revision:{key}",
    )


# Models whose moderation messages the portal writes itself (outbox) instead of Wagtail's
# e-mails: each ModerationNotices adds its model when connected (lessons, resources).
OWN_NOTIFICATION_MODELS: list[type] = []


def _skip_contributions(handler):
    def wrapped(sender, instance, **kwargs):
        state = getattr(instance, "workflow_state", instance)
        if isinstance(getattr(state, "content_object", None), tuple(OWN_NOTIFICATION_MODELS)):
            return None
        return handler(sender=sender, instance=instance, **kwargs)

    return wrapped


_WAGTAIL_WORKFLOW_MAIL = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        wagtail_mail_handlers.task_submission_email_notifier,
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        wagtail_mail_handlers.workflow_submission_email_notifier,
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        wagtail_mail_handlers.workflow_rejection_email_notifier,
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        wagtail_mail_handlers.workflow_approval_email_notifier,
    ),
]
_wrapped_handlers = []


def connect():
    for signal, sender, uid, handler in _WAGTAIL_WORKFLOW_MAIL:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        wrapped = _skip_contributions(handler)
        _wrapped_handlers.append(wrapped)  # signals hold weak references
        signal.connect(wrapped, sender=sender, dispatch_uid=f"col-{uid}")
    CONTRIBUTION_NOTICES.connect("col")
    published.connect(on_published, sender=Contribution, dispatch_uid="col-published")
    APPLICATION_NOTICES.connect("col-application")
    published.connect(
        on_application_published,
        sender=LessonApplication,
        dispatch_uid="col-application-published",
    )
    # The lessons list's cached counts and search matches are forgotten on every change.

    connect_listing_cache()
