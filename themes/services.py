"""Writes on contributions and comments. Views, the admin, commands and tasks call these.

Moderation uses Wagtail's own machinery: a contribution is a snippet with drafts,
revisions, locking and the "Moderación de contribuciones" workflow. The row holds the
published version; what an author edits afterwards lives in the latest revision until a
facilitator approves it.
"""

from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log as log_action
from wagtail.models import WorkflowState

from members import uploads
from members.models import District
from members.notifications import notify
from members.roles import is_facilitator, is_member
from members.slugs import unique_slug

from .listing_cache import LISTINGS
from .models import (
    SECTION_NAMES,
    SECTIONS,
    Comment,
    CommentBase,
    Contribution,
    ContributionAttachment,
    LessonApplication,
    Theme,
)
from .selectors import contributions_visible_to

# Fields an author may set through the front-end form.
EDITABLE_FIELDS = [
    "kind",
    "title",
    "summary",
    "primary_theme",
    *SECTION_NAMES,
    "period_start",
    "period_end",
    "language",
    "anti_corruption_focus",
    "visibility",
]
MAX_ATTACHMENTS = 10


def user_can_edit(user, contribution: Contribution) -> bool:
    """Authors and co-authors edit their contribution unless it is archived or in review."""
    if not is_member(user) or contribution.is_archived:
        return False
    # all_author_ids() reads prefetched co-authors: "my contributions" stays at fixed queries.
    if user.pk not in contribution.all_author_ids():
        return False
    return not contribution.workflow_in_progress


def attachment_key(attachment: ContributionAttachment) -> str:
    """How a form names an attachment to remove: its id, or its stored file name while it
    lives only in an unpublished revision (where attachments have no id yet)."""
    return str(attachment.pk) if attachment.pk else attachment.file.name


def _check_can_edit(user, contribution: Contribution) -> None:
    if not user_can_edit(user, contribution):
        raise PermissionDenied(_("You cannot edit this contribution now."))


@transaction.atomic
def contribution_save_draft(
    *,
    user,
    contribution: Contribution | None = None,
    fields: dict,
    secondary_themes: Iterable[Theme] | None = None,
    districts: Iterable[District] | None = None,
    coauthors: Iterable | None = None,
    tags: Sequence[str] | None = None,
    new_attachments: Sequence[tuple[str, UploadedFile]] = (),
    remove_attachment_ids: Iterable[int] = (),
    builds_on: Iterable[Contribution] | None = None,
) -> Contribution:
    """Create a contribution or save a new draft of it.

    A draft may be partial. Relations (themes, districts, co-authors, tags) given as None stay as they
    are. A published contribution keeps its published version: the
    changes go into a new revision, to be submitted for review.
    """
    if contribution is None:
        if not is_member(user):
            raise PermissionDenied(_("Only members of the Community can write contributions."))
        if user.institution_id is None:
            raise ValidationError(_("Your account has no institution; ask a facilitator."))
        draft = Contribution(author=user, author_institution_id=user.institution_id, live=False)
    else:
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        _check_can_edit(user, contribution)
        draft = contribution.get_latest_revision_as_object()

    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(draft, name, value)
    if not draft.slug:
        draft.slug = unique_slug(
            draft.title, taken=Contribution.objects, fallback="contribucion", max_length=200
        )

    # Relations passed as None are left as they are.
    if secondary_themes is not None or "primary_theme" in fields:
        current = draft.secondary_themes.all() if secondary_themes is None else secondary_themes
        draft.secondary_themes = [t for t in current if t.pk != draft.primary_theme_id]
    if districts is not None:
        draft.districts = list(districts)
    if coauthors is not None:
        draft.coauthors = [person for person in coauthors if person.pk != draft.author_id]
    if tags is not None:
        draft.tags.set(list(tags))
    if builds_on is not None:
        draft.builds_on = _lessons_to_build_on(user, draft, builds_on)

    removing = {str(key) for key in remove_attachment_ids}
    kept = [a for a in draft.attachments.all() if attachment_key(a) not in removing]
    if len(kept) + len(new_attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("A contribution can have at most %(count)s attachments.") % {"count": MAX_ATTACHMENTS}
        )
    # Every file is checked before any is stored.
    checked = [
        (title, upload, uploads.check_upload(upload, kind=uploads.ATTACHMENT))
        for title, upload in new_attachments
    ]
    added = []
    try:
        for title, upload, found in checked:
            attachment = ContributionAttachment(
                title=(title or upload.name)[:200],
                content_type=found.content_type,
                size=upload.size,
            )
            # Stored now (outside the public media), linked when the revision is saved.
            attachment.file.save(found.safe_name, upload, save=False)
            added.append(attachment)
        draft.attachments = kept + added

        draft.full_clean(exclude=["slug", "author", "author_institution"])
        if draft.live:
            draft.has_unpublished_changes = True
            draft.save_revision(user=user, log_action=True, clean=False)
        else:
            draft.save()
            draft.save_revision(user=user, log_action=True, clean=False)
    except Exception:
        # Nothing was saved: the files stored above would belong to no one.
        for attachment in added:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return draft


def _lessons_to_build_on(user, draft: Contribution, chosen: Iterable[Contribution]) -> list:
    """The earlier lessons a lesson builds on: only published ones its author may read
    (a lesson the author cannot see cannot be named), never itself."""
    ids = {lesson.pk for lesson in chosen} - {draft.pk}
    readable = list(contributions_visible_to(user).filter(pk__in=ids).order_by("pk"))
    if len(readable) != len(ids):
        raise ValidationError({"builds_on": _("Choose only published lessons that you can read.")})
    return readable


def missing_sections(contribution: Contribution) -> list[str]:
    """Labels of the required parts still empty (a draft may be partial; a submission not)."""
    missing = []
    if not contribution.title.strip():
        missing.append(_("Title"))
    if not contribution.summary.strip():
        missing.append(_("Summary"))
    for name, label, _help in SECTIONS:
        if not getattr(contribution, name).strip():
            missing.append(str(label))
    return missing


@transaction.atomic
def contribution_submit(*, user, contribution: Contribution) -> WorkflowState:
    """Send the latest draft to the facilitators for review."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    _check_can_edit(user, contribution)
    draft = contribution.get_latest_revision_as_object()
    missing = missing_sections(draft)
    if missing:
        raise ValidationError(
            _("Complete these parts before sending it for review: %(parts)s.")
            % {"parts": ", ".join(missing)}
        )
    if contribution.latest_revision is None:
        contribution.save_revision(user=user, clean=False)
    state = contribution.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # Wagtail marks the review of the new revision by resuming the same workflow.
        state.resume(user=user)
        return state
    workflow = contribution.get_workflow()
    if workflow is None:
        raise ValidationError(_("The moderation workflow is not configured."))
    return workflow.start(contribution, user)


@transaction.atomic
def contribution_withdraw(*, user, contribution: Contribution) -> None:
    """Take a contribution back from review, to edit it further."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if user.pk != contribution.author_id and not contribution.coauthors.filter(pk=user.pk).exists():
        raise PermissionDenied
    state = contribution.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        raise ValidationError(_("This contribution is not in review."))
    state.cancel(user=user)


@transaction.atomic
def contribution_archive(*, user, contribution: Contribution, archived: bool = True) -> bool:
    """Archive (unpublish, stop any review, unfeature, keep) or bring back a contribution.

    Facilitators only. Recorded in Wagtail's audit log. Bringing one back leaves it
    unpublished: a facilitator publishes it again when it is ready. Returns False when
    there was nothing to change.
    """
    if not is_facilitator(user):
        raise PermissionDenied
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.is_archived == archived:
        return False
    if archived:
        state = contribution.current_workflow_state
        if state is not None:
            state.cancel(user=user)
        if contribution.live:
            contribution.unpublish(user=user)
        Contribution.objects.filter(pk=contribution.pk).update(is_archived=True, is_featured=False)
    else:
        Contribution.objects.filter(pk=contribution.pk).update(is_archived=False)
    # update() sends no signal: the cached listings and anonymous pages must forget it.
    LISTINGS.changed()
    log_action(contribution, "themes.archive" if archived else "themes.unarchive", user=user)
    return True


@transaction.atomic
def contribution_set_featured(*, user, contribution: Contribution, featured: bool) -> bool:
    """Show a published contribution on the home page, or stop showing it. Facilitators only.

    Recorded in Wagtail's audit log. Returns False when there was nothing to change.
    """
    if not is_facilitator(user):
        raise PermissionDenied
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if featured and (not contribution.live or contribution.is_archived):
        raise ValidationError(_("Only a published contribution can be featured on the home page."))
    if contribution.is_featured == featured:
        return False
    Contribution.objects.filter(pk=contribution.pk).update(is_featured=featured)
    # update() sends no signal: the home page cached for visitors must show it at once.
    LISTINGS.changed()
    log_action(contribution, "themes.feature" if featured else "themes.unfeature", user=user)
    return True


def _authors(contribution: Contribution) -> list:
    people = [contribution.author, *contribution.coauthors.all()]
    return [person for person in people if person.is_active]


def notify_authors(
    *,
    contribution: Contribution,
    kind: str,
    template: str,
    context: dict,
    exclude=None,
    dedupe: str = "",
) -> None:
    for person in _authors(contribution):
        if exclude is not None and person.pk == exclude.pk:
            continue
        notify(
            kind=kind,
            template=template,
            context={"contribution": contribution, "person": person, **context},
            recipient=person,
            url=contribution.get_absolute_url() if contribution.live else "",
            dedupe_key=f"{dedupe}:user:{person.pk}" if dedupe else None,
        )


# ---- Comments (on lessons here; on the Foundational Document's sections in resources)

# A second identical comment by the same person within this many seconds is the same one
# sent twice (a double click, a resent form): it is not stored again.
DOUBLE_SUBMIT_SECONDS = 120


def comment_store(*, comment: CommentBase, commented, thread) -> tuple[CommentBase, bool]:
    """Store a member's comment once: (the comment, whether it is new).

    `commented` is the object it is about, locked while storing so that the same comment
    sent twice at once is seen as one; `thread` is the comments among which the same text by
    the same author within DOUBLE_SUBMIT_SECONDS is that one sent again. Call inside the
    caller's transaction, after its own checks (who may comment on what)."""
    if not is_member(comment.author):
        raise PermissionDenied(_("Only members of the Community can comment."))
    comment.body = comment.body.strip()
    if not comment.body:
        raise ValidationError({"body": _("Write a comment before sending it.")})
    type(commented).objects.select_for_update().filter(pk=commented.pk).first()
    since = timezone.now() - timedelta(seconds=DOUBLE_SUBMIT_SECONDS)
    already = thread.filter(author=comment.author, body=comment.body, created_at__gte=since)
    if (found := already.first()) is not None:
        return found, False
    comment.full_clean()
    comment.save()
    return comment, True


@transaction.atomic
def comment_create(*, user, contribution: Contribution, body: str) -> Comment:
    """A member comments on a contribution they can read; its authors are told."""
    if not contributions_visible_to(user).filter(pk=contribution.pk).exists():
        raise PermissionDenied
    comment, new = comment_store(
        comment=Comment(contribution=contribution, author=user, body=body),
        commented=contribution,
        thread=contribution.comments.all(),
    )
    if new:
        notify_authors(
            contribution=contribution,
            kind="comment",
            template="themes/comment_new",
            context={"comment": comment},
            exclude=user,
            dedupe=f"comment:{comment.pk}",
        )
    return comment


@transaction.atomic
def comment_hide(*, user, comment: CommentBase, reason: str) -> CommentBase:
    """Hide a comment of any kind (kept, with the reason and who hid it). Facilitators only."""
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
        comment, f"{comment.audit_log_name}_hide", user=user, data={"reason": comment.hidden_reason}
    )
    return comment


@transaction.atomic
def comment_unhide(*, user, comment: CommentBase) -> CommentBase:
    """Show a hidden comment again. Facilitators only."""
    if not is_facilitator(user):
        raise PermissionDenied
    if not comment.is_hidden:
        return comment
    comment.is_hidden = False
    comment.hidden_reason = ""
    comment.hidden_by = None
    comment.hidden_at = None
    comment.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    log_action(comment, f"{comment.audit_log_name}_unhide", user=user)
    return comment


# ---- Applications of lessons ("we applied this")

APPLICATION_FIELDS = [
    "started_on",
    "ended_on",
    "adapted",
    "results",
    "shortcomings",
    "evidence_url",
    "cui",
]


@transaction.atomic
def application_report(
    *, user, lesson: Contribution, fields: dict, districts: Iterable[District]
) -> LessonApplication:
    """A member reports that their institution applied a published lesson they can read.

    Saved unpublished and sent to the facilitators' review (the lessons' workflow); once
    approved it is shown wherever its lesson may be read, and the lesson's authors are
    told (signals)."""
    if not is_member(user):
        raise PermissionDenied(_("Only members of the Community can report an application."))
    if not contributions_visible_to(user).filter(pk=lesson.pk).exists():
        raise PermissionDenied
    if user.institution_id is None:
        raise ValidationError(_("Your account has no institution; ask a facilitator."))
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise ValueError(f"Not settable: {sorted(unknown)}")
    districts = list(districts)
    if not districts:
        raise ValidationError({"districts": _("Choose at least one district.")})
    application = LessonApplication(
        lesson=lesson, author=user, institution_id=user.institution_id, live=False
    )
    for name, value in fields.items():
        setattr(application, name, value.strip() if isinstance(value, str) else value)
    application.districts = districts
    application.full_clean()
    application.save()
    application.save_revision(user=user, log_action=True, clean=False)
    workflow = application.get_workflow()
    if workflow is None:
        raise ValidationError(_("The moderation workflow is not configured."))
    workflow.start(application, user)
    return application


def notify_reporter(
    *, application: LessonApplication, kind: str, template: str, context: dict, dedupe: str
) -> None:
    """Tell the member who reported an application what became of it (through the outbox)."""
    person = application.author
    if not person.is_active:
        return
    notify(
        kind=kind,
        template=template,
        context={"application": application, "person": person, **context},
        recipient=person,
        url=application.get_absolute_url() if application.live else "",
        dedupe_key=f"{dedupe}:user:{person.pk}",
    )


def application_published(*, application: LessonApplication) -> None:
    """An application was approved: its reporter is told, and the lesson's authors (each
    once per application, whatever happens to it later)."""
    notify_reporter(
        application=application,
        kind="application_published",
        template="themes/application_published",
        context={},
        dedupe=f"application_published:application:{application.pk}",
    )
    lesson = application.lesson
    for person in _authors(lesson):
        if person.pk == application.author_id:
            continue
        notify(
            kind="application_new",
            template="themes/application_new",
            context={"application": application, "contribution": lesson, "person": person},
            recipient=person,
            url=application.get_absolute_url() if lesson.live else "",
            dedupe_key=f"application_new:application:{application.pk}:user:{person.pk}",
        )
