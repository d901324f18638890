"""Writes of the resources app: every change goes through here (views, admin, seeds)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from members import uploads
from members.notifications import notify
from members.roles import is_facilitator, is_member
from members.selectors import facilitators
from members.slugs import unique_slug
from themes.services import comment_store

from .library import Resource, ResourceTombstone
from .models import PrivateDocument

if TYPE_CHECKING:  # pages.py posts its comments through this module
    from .pages import FoundationalDocumentPage, SectionComment

# ---- Comments on the Foundational Document's sections


@transaction.atomic
def section_comment_create(
    *, user, page: FoundationalDocumentPage, anchor: str, body: str
) -> SectionComment:
    """A member comments on a section of the published document; facilitators are told
    (through the outbox), so that they can answer or moderate."""
    if not page.live:
        raise PermissionDenied
    sections = page.section_anchors()
    if anchor not in sections:
        raise ValidationError({"anchor": _("This section no longer exists in the document.")})
    comment, new = comment_store(
        comment=page.section_comments.model(page=page, anchor=anchor, author=user, body=body),
        commented=page,
        thread=page.section_comments.filter(anchor=anchor),
    )
    if not new:
        return comment
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
    districts: Iterable = (),
) -> Resource:
    unknown = set(fields) - set(RESOURCE_FIELDS)
    if unknown:
        raise ValueError(f"Not settable: {sorted(unknown)}")
    resource = Resource(live=False, proposed_by=proposed_by, document=document, **fields)
    resource.slug = slug or unique_resource_slug(resource.title)
    resource.themes = list(themes)
    resource.institutions = list(institutions)
    resource.districts = list(districts)
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
    districts: Iterable = (),
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
            districts=districts,
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
    districts: Iterable = (),
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
        districts=districts,
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


# ---- What OAI-PMH harvesters are told of resources that stopped being public


def resource_tombstone_leave(
    *, resource_id: int, kind: str, theme_slugs: Iterable[str]
) -> ResourceTombstone:
    """A public resource was unpublished, deleted or made members-only: harvesters get a
    deleted record, dated now, in the sets it was in (see ResourceTombstone)."""
    slugs = sorted(set(theme_slugs))
    tombstone, _created = ResourceTombstone.objects.update_or_create(
        resource_id=resource_id,
        defaults={
            "withdrawn_at": timezone.now(),
            "kind": kind,
            "theme_slugs": f" {' '.join(slugs)} " if slugs else "",
        },
    )
    return tombstone


def resource_tombstone_lift(*, resource_id: int) -> None:
    """The resource is public again: its record returns, with the date of this change."""
    ResourceTombstone.objects.filter(resource_id=resource_id).delete()
