"""Writes of the resources app: every change goes through here (views, admin, seeds)."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log as log_action
from wagtail.models import WorkflowState

from members import uploads
from members.notifications import notify
from members.roles import is_facilitator, is_member
from members.selectors import facilitators
from members.slugs import unique_slug
from themes.services import same_comment_just_sent

from .library import Resource
from .models import PrivateDocument
from .pages import FoundationalDocumentPage, SectionComment

# ---- Comments on the Foundational Document's sections


@transaction.atomic
def section_comment_create(
    *, user, page: FoundationalDocumentPage, anchor: str, body: str
) -> SectionComment:
    """A member comments on a section of the published document; facilitators are told
    (through the outbox), so that they can answer or moderate."""
    if not is_member(user):
        raise PermissionDenied(_("Only members of the Community can comment."))
    if not page.live:
        raise PermissionDenied
    sections = page.section_anchors()
    if anchor not in sections:
        raise ValidationError({"anchor": _("This section no longer exists in the document.")})
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment before sending it.")})
    FoundationalDocumentPage.objects.select_for_update().filter(pk=page.pk).first()
    already = same_comment_just_sent(
        SectionComment.objects.filter(page=page, anchor=anchor), author=user, body=body
    )
    if already is not None:
        return already
    comment = SectionComment(page=page, anchor=anchor, author=user, body=body)
    comment.full_clean()
    comment.save()
    url = f"{page.url}#comentario-{comment.pk}" if page.url else ""
    for person in facilitators():
        if person.pk == user.pk:
            continue
        notify(
            kind="section_comment",
            template="resources/section_comment_new",
            context={
                "comment": comment,
                "page": page,
                "section_title": sections[anchor],
                "person": person,
            },
            recipient=person,
            url=url,
            dedupe_key=f"section_comment:{comment.pk}:user:{person.pk}",
        )
    return comment


@transaction.atomic
def section_comment_hide(*, user, comment: SectionComment, reason: str) -> SectionComment:
    """Hide a comment (kept, with the reason and who hid it). Facilitators only."""
    if not is_facilitator(user):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"hidden_reason": _("Say why the comment is hidden.")})
    comment.is_hidden = True
    comment.hidden_reason = reason[:300]
    comment.hidden_by = user
    comment.hidden_at = timezone.now()
    comment.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    log_action(
        comment, "resources.section_comment_hide", user=user, data={"reason": comment.hidden_reason}
    )
    return comment


@transaction.atomic
def section_comment_unhide(*, user, comment: SectionComment) -> SectionComment:
    if not is_facilitator(user):
        raise PermissionDenied
    if not comment.is_hidden:
        return comment
    comment.is_hidden = False
    comment.hidden_reason = ""
    comment.hidden_by = None
    comment.hidden_at = None
    comment.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    log_action(comment, "resources.section_comment_unhide", user=user)
    return comment


# ---- The library: members propose resources, facilitators add them

# What a proposal or a facilitator sets on a resource (relations apart).
RESOURCE_FIELDS = [
    "title",
    "kind",
    "summary",
    "other_authors",
    "year",
    "language",
    "external_url",
    "visibility",
]
# Addresses of the library that a resource's slug must not take.
RESERVED_SLUGS = {"proponer", "mis-propuestas", "documento-fundacional"}


def unique_resource_slug(title: str, exclude_pk: int | None = None) -> str:
    taken = Resource.objects.exclude(pk=exclude_pk)
    return unique_slug(
        title, taken=taken, fallback="recurso", max_length=240, reserved=RESERVED_SLUGS
    )


def document_from_upload(*, user, title: str, upload: UploadedFile):
    """A private Wagtail document from a member's upload, checked by its content."""
    checked = uploads.check_upload(upload, kind=uploads.ATTACHMENT)
    document = PrivateDocument(title=(title or upload.name)[:255], uploaded_by_user=user)
    document.file.save(checked.safe_name, upload, save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _build_resource(
    *,
    fields: dict,
    themes: Iterable,
    institutions: Iterable,
    tags: Sequence[str],
    document,
    proposed_by=None,
    slug: str = "",
) -> Resource:
    unknown = set(fields) - set(RESOURCE_FIELDS)
    if unknown:
        raise ValueError(f"Not settable: {sorted(unknown)}")
    resource = Resource(live=False, proposed_by=proposed_by, document=document, **fields)
    resource.slug = slug or unique_resource_slug(resource.title)
    resource.themes = list(themes)
    resource.institutions = list(institutions)
    resource.tags.set(list(tags))
    resource.full_clean()
    resource.save()
    return resource


@transaction.atomic
def resource_propose(
    *,
    user,
    fields: dict,
    themes: Iterable = (),
    institutions: Iterable = (),
    tags: Sequence[str] = (),
    upload: UploadedFile | None = None,
) -> Resource:
    """A member proposes a resource: it is saved as a draft and sent to the facilitators
    for review (the contributions' moderation workflow). A file is checked by its content
    and kept privately; it is served to nobody but the proposer and the facilitators
    until the resource is published."""
    if not is_member(user):
        raise PermissionDenied(_("Only members of the Community can propose resources."))
    if upload is not None and fields.get("external_url"):
        raise ValidationError({"external_url": _("Give a file or a link, not both.")})
    document = (
        document_from_upload(user=user, title=fields.get("title", ""), upload=upload)
        if upload is not None
        else None
    )
    try:
        resource = _build_resource(
            fields=fields,
            themes=themes,
            institutions=institutions,
            tags=tags,
            document=document,
            proposed_by=user,
        )
    except Exception:
        # The transaction forgets the document's row; its file must go too.
        if document is not None:
            document.file.storage.delete(document.file.name)
        raise
    resource.save_revision(user=user, log_action=True, clean=False)
    workflow = resource.get_workflow()
    if workflow is None:
        raise ValidationError(_("The moderation workflow is not configured."))
    workflow.start(resource, user)
    return resource


@transaction.atomic
def resource_add(
    *,
    user=None,
    fields: dict,
    themes: Iterable = (),
    institutions: Iterable = (),
    tags: Sequence[str] = (),
    document=None,
    slug: str = "",
    publish: bool = True,
) -> Resource:
    """A facilitator (or the seed, with no user) adds a resource, published at once unless
    `publish` is False. Facilitators usually do this in the admin; this is the same write
    for commands and seeds."""
    if user is not None and not is_facilitator(user):
        raise PermissionDenied
    resource = _build_resource(
        fields=fields,
        themes=themes,
        institutions=institutions,
        tags=tags,
        document=document,
        slug=slug,
    )
    revision = resource.save_revision(user=user, log_action=True, clean=False)
    if publish:
        revision.publish(user=user, log_action=True)
        resource.refresh_from_db()
    return resource


def resource_in_review(resource: Resource) -> bool:
    state = resource.current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


def notify_proposer(*, resource: Resource, kind: str, template: str, context: dict, dedupe: str):
    """Tell the member who proposed a resource what became of it (through the outbox)."""
    person = resource.proposed_by
    if person is None or not person.is_active:
        return
    notify(
        kind=kind,
        template=template,
        context={"resource": resource, "person": person, **context},
        recipient=person,
        url=resource.get_absolute_url() if resource.live else "",
        dedupe_key=f"{dedupe}:user:{person.pk}",
    )
