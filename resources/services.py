"""Writes of the resources app: every change goes through here (views, admin, seeds)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log as log_action

from members.notifications import notify
from members.roles import is_facilitator, is_member
from members.selectors import facilitators

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
