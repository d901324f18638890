"""Members writing their contributions: my contributions, the form, preview, submit, withdraw.

Only authors and co-authors reach a contribution here (facilitators may also preview any);
anyone else gets a 404 that does not tell whether it exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from members.roles import is_facilitator, is_member

from . import selectors, services
from .forms import ContributionForm
from .models import Contribution

# Status code -> tone of the shared status badge.
STATUS_TONES = {
    "draft": "neutral",
    "in_review": "warning",
    "needs_changes": "negative",
    "published": "positive",
    "published_changes_in_review": "warning",
    "published_changes_draft": "positive",
    "unpublished": "neutral",
    "archived": "neutral",
}
# Statuses with something new for the facilitators to review.
SUBMITTABLE = {"draft", "needs_changes", "published_changes_draft", "unpublished"}


def _require_member(user) -> None:
    if not is_member(user):
        raise Http404


def _my_contribution(user, pk: int) -> Contribution:
    """One of the user's own contributions (as author or co-author), or 404."""
    _require_member(user)
    return get_object_or_404(_mine(user), pk=pk)


def _mine(user):
    return selectors.contributions_of(user).select_related("author").prefetch_related("coauthors")


def _draft_value(contribution: Contribution, name: str):
    """A field of the latest draft, read from the revision already loaded (no query)."""
    revision = contribution.latest_revision
    if revision is not None and isinstance(revision.content, dict) and name in revision.content:
        return revision.content[name]
    return getattr(contribution, name)


def _row(user, contribution: Contribution) -> dict:
    status = selectors.contribution_status(contribution)
    revision = contribution.latest_revision
    updated = contribution.updated_at
    if revision is not None and revision.created_at > updated:
        updated = revision.created_at
    return {
        "contribution": contribution,
        "title": _draft_value(contribution, "title") or contribution.title,
        "members_only": _draft_value(contribution, "visibility") == "members",
        "status": status,
        "tone": STATUS_TONES.get(status.code, "neutral"),
        "updated": updated,
        "review_comment": selectors.review_comment(contribution),
        "can_edit": services.user_can_edit(user, contribution),
        "can_submit": status.code in SUBMITTABLE and services.user_can_edit(user, contribution),
        "can_withdraw": status.code in {"in_review", "published_changes_in_review"},
        "is_public_page": contribution.live and not contribution.is_archived,
    }


@never_cache
@login_required
def my_contributions(request):
    _require_member(request.user)
    rows = [_row(request.user, contribution) for contribution in _mine(request.user)]
    return render(request, "themes/authoring/my_contributions.html", {"rows": rows})


@never_cache
@login_required
def contribution_create(request):
    _require_member(request.user)
    return _edit(request, None)


@never_cache
@login_required
def contribution_edit(request, pk: int):
    contribution = _my_contribution(request.user, pk)
    if not services.user_can_edit(request.user, contribution):
        messages.warning(request, _why_not_editable(contribution))
        return redirect("themes:my_contributions")
    return _edit(request, contribution)


def _why_not_editable(contribution: Contribution) -> str:
    if contribution.is_archived:
        return _("This contribution is archived: it can no longer be changed.")
    if contribution.workflow_in_progress:
        return _(
            "This contribution is being reviewed by the facilitators, so it cannot be changed "
            "now. Withdraw it from review first if you need to change something."
        )
    return _("You cannot edit this contribution now.")


def _edit(request, contribution: Contribution | None):
    user = request.user
    draft = contribution.get_latest_revision_as_object() if contribution else None
    if request.method != "POST":
        form = ContributionForm(author=draft.author if draft else user, draft=draft)
        return _render_form(request, form, contribution)

    form = ContributionForm(
        request.POST, request.FILES, author=draft.author if draft else user, draft=draft
    )
    action = request.POST.get("action", "save")
    if not form.is_valid():
        return _render_form(request, form, contribution, files_dropped=bool(request.FILES))
    try:
        saved = services.contribution_save_draft(
            user=user, contribution=contribution, **form.service_arguments()
        )
    except PermissionDenied:
        messages.error(request, _("You cannot edit this contribution now."))
        return redirect("themes:my_contributions")
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _render_form(request, form, contribution, files_dropped=bool(request.FILES))

    if action == "preview":
        return redirect("themes:contribution_preview", pk=saved.pk)
    if action == "submit":
        contribution = Contribution.objects.get(pk=saved.pk)
        try:
            services.contribution_submit(user=user, contribution=contribution)
        except ValidationError as error:
            return _render_missing_parts(request, contribution, error)
        except PermissionDenied:
            messages.error(request, _("You cannot send this contribution for review now."))
            return redirect("themes:my_contributions")
        messages.success(request, _submitted_message(contribution))
        return redirect("themes:my_contributions")
    messages.success(
        request,
        _("Your draft has been saved. Nobody else sees it until you send it for review."),
    )
    return redirect("themes:contribution_edit", pk=saved.pk)


def _render_missing_parts(request, contribution: Contribution, error: ValidationError):
    """Submit refused: the draft is saved; show the form as typed, with the missing parts."""
    draft = contribution.get_latest_revision_as_object()
    data = request.POST.copy()
    data.pop("remove_attachments", None)  # already removed from the saved draft
    form = ContributionForm(data, author=draft.author, draft=draft)
    form.is_valid()
    missing = services.missing_sections(draft)
    if missing:
        form.add_error(
            None,
            _(
                "Your draft has been saved, but it cannot be sent for review yet. Complete "
                "the parts marked below: %(parts)s."
            )
            % {"parts": ", ".join(missing)},
        )
        for name in form.required_on_submit:
            if not getattr(draft, name).strip() and name in form.cleaned_data:
                form.add_error(name, _("Required before sending it for review."))
    else:
        form.add_error(None, [_("Your draft has been saved."), *error.messages])
    return _render_form(request, form, contribution)


def _submitted_message(contribution: Contribution) -> str:
    if contribution.live:
        return _(
            "Your changes have been sent for review. The published version stays visible "
            "until the facilitators approve them; you will receive an e-mail when they decide."
        )
    return _(
        "Your contribution has been sent for review. The facilitators have been told; you "
        "will receive an e-mail when they decide."
    )


def _render_form(request, form, contribution, *, files_dropped=False):
    if contribution is None:
        action_url = reverse("themes:contribution_create")
    else:
        action_url = reverse("themes:contribution_edit", kwargs={"pk": contribution.pk})
    context = {
        "form": form,
        "contribution": contribution,
        "action_url": action_url,
        "status": selectors.contribution_status(contribution) if contribution else None,
        "review_comment": selectors.review_comment(contribution) if contribution else "",
        "is_published": bool(contribution and contribution.live),
        "files_dropped": files_dropped,
    }
    return render(request, "themes/authoring/contribution_form.html", context)


@never_cache
@login_required
def contribution_preview(request, pk: int):
    """The latest draft as its public page would show it. Authors, co-authors, facilitators."""
    user = request.user
    if is_facilitator(user):
        contribution = get_object_or_404(
            Contribution.objects.select_related("latest_revision"), pk=pk
        )
    else:
        contribution = _my_contribution(user, pk)
    draft = contribution.get_latest_revision_as_object()
    is_author = user.pk in contribution.all_author_ids()
    status = selectors.contribution_status(contribution)
    can_edit = is_author and services.user_can_edit(user, contribution)
    return render(
        request,
        "themes/authoring/contribution_preview.html",
        {
            "contribution": contribution,
            "draft": draft,
            "coauthors": list(draft.coauthors.select_related("institution")),
            "secondary_themes": [
                theme
                for theme in draft.secondary_themes.all()
                if theme.pk != draft.primary_theme_id
            ],
            "tags": list(draft.tags.all()),
            "attachments": list(draft.attachments.all()),
            "status": status,
            "tone": STATUS_TONES.get(status.code, "neutral"),
            "is_author": is_author,
            "can_edit": can_edit,
            "can_submit": can_edit and status.code in SUBMITTABLE,
        },
    )


@login_required
@require_POST
def contribution_submit(request, pk: int):
    contribution = _my_contribution(request.user, pk)
    try:
        services.contribution_submit(user=request.user, contribution=contribution)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _why_not_editable(contribution))
    else:
        messages.success(request, _submitted_message(contribution))
    return redirect("themes:my_contributions")


@login_required
@require_POST
def contribution_withdraw(request, pk: int):
    contribution = _my_contribution(request.user, pk)
    try:
        services.contribution_withdraw(user=request.user, contribution=contribution)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        raise Http404 from error
    else:
        messages.success(
            request,
            _("Your contribution has been withdrawn from review. You can edit it again."),
        )
    return redirect("themes:my_contributions")
