"""Reading published contributions: the lessons list, a lesson's page, its attachments
and its comments.

Every view starts from the visibility rule (`selectors.contributions_visible_to`): what
the viewer may not read is a 404, never a 403 that would confirm it exists.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from members import ratelimit
from members.faceted import FacetedListView
from members.links import absolute_url
from members.models import User
from members.roles import is_facilitator, is_member
from members.uploads import CONTENT_TYPES

from . import listing_cache, selectors, services
from .filters import LessonFilterSet
from .models import Comment, ContributionAttachment
from .search import clean_query, matching_ids


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write a comment before sending it.")},
    )


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding it"),
        max_length=300,
        error_messages={"required": _("Say why the comment is hidden.")},
    )


class LessonList(FacetedListView):
    filterset_class = LessonFilterSet
    template_name = "themes/lesson_list.html"
    object_list_name = "contributions"
    visible = staticmethod(selectors.contributions_visible_to)
    search = staticmethod(matching_ids)
    with_card_relations = staticmethod(selectors.with_card_relations)

    def search_words(self, query):
        return clean_query(query).lower()

    def cached(self, name, parts, compute):
        return listing_cache.cached(name, self.request.user, parts, compute)


lesson_list = LessonList.as_view()


OPENGRAPH_LOCALES = {"es": "es_PE", "en": "en_GB"}


def _detail_context(request, contribution, *, comment_form=None):
    user = request.user
    related = selectors.related_contributions(user, contribution)
    # Their cards name the co-authors' institutions too.
    prefetch_related_objects(
        related, Prefetch("coauthors", queryset=User.objects.select_related("institution"))
    )
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    og_locale = OPENGRAPH_LOCALES.get(language, OPENGRAPH_LOCALES["es"])
    comments = list(selectors.comments_for(user, contribution))
    return {
        "contribution": contribution,
        "canonical_url": absolute_url(contribution.get_absolute_url(), request),
        "og_locale": og_locale,
        "og_locale_alternates": [
            locale for locale in OPENGRAPH_LOCALES.values() if locale != og_locale
        ],
        "related": related,
        "comments": comments,
        "can_read_comments": is_member(user),
        # Members count what they read; everyone else only learns how many there are.
        "comment_count": len(comments)
        if is_member(user)
        else selectors.comment_count(contribution),
        "can_comment": is_member(user),
        "can_moderate": is_facilitator(user),
        "can_edit": is_member(user) and services.user_can_edit(user, contribution),
        "comment_form": comment_form or CommentForm(),
        "hide_form": HideCommentForm(),
    }


def _readable(request, slug):
    contribution = selectors.contribution_for_reading(request.user, slug)
    if contribution is None:
        raise Http404
    return contribution


def lesson_detail(request, slug):
    contribution = _readable(request, slug)
    return render(request, "themes/lesson_detail.html", _detail_context(request, contribution))


def _download_name(attachment: ContributionAttachment) -> str:
    """A plain ASCII name from the attachment's title and its checked extension."""
    extension = (
        attachment.file.name.rsplit(".", 1)[-1].lower() if "." in attachment.file.name else ""
    )
    if extension not in CONTENT_TYPES:
        extension = ""
    stem = slugify(attachment.title)[:80].strip("-") or "adjunto"
    return f"{stem}.{extension}" if extension else stem


def attachment_download(request, slug, pk):
    attachment = get_object_or_404(
        ContributionAttachment.objects.select_related("contribution"),
        pk=pk,
        contribution__slug=slug,
        contribution__in=selectors.contributions_whose_files_user_may_read(request.user),
    )
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    content_type = attachment.content_type
    if content_type not in CONTENT_TYPES.values():
        content_type = "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=_download_name(attachment),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Members-only files must not sit in a shared cache.
    response["Cache-Control"] = "private, max-age=0, no-store"
    return response


@login_required
@require_POST
def comment_create(request, slug):
    contribution = _readable(request, slug)
    if not is_member(request.user):
        raise PermissionDenied
    form = CommentForm(request.POST)
    # Members' comments are limited per account (settings.ACCOUNT_RATE_LIMITS["comment"]);
    # facilitators, who answer and moderate, are not. A refused comment is shown again in
    # the form, so nothing written is lost.
    limited = not is_facilitator(request.user)
    if limited and not ratelimit.allows(request, action=ratelimit.COMMENT):
        form.is_valid()
        form.add_error("body", ratelimit.comment_limit_message())
        context = _detail_context(request, contribution, comment_form=form)
        return render(request, "themes/lesson_detail.html", context, status=429)
    if form.is_valid():
        try:
            services.comment_create(
                user=request.user, contribution=contribution, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("body", message)
        else:
            if limited:
                ratelimit.record(request, action=ratelimit.COMMENT)
            messages.success(request, gettext("Your comment has been published."))
            return redirect(f"{contribution.get_absolute_url()}#comentarios")
    context = _detail_context(request, contribution, comment_form=form)
    return render(request, "themes/lesson_detail.html", context, status=400)


@login_required
@require_POST
def comment_hide(request, pk):
    if not is_facilitator(request.user):
        raise PermissionDenied
    comment = get_object_or_404(
        Comment.objects.select_related("contribution"),
        pk=pk,
        contribution__in=selectors.contributions_visible_to(request.user),
    )
    form = HideCommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_hide(
                user=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, gettext("The comment is now hidden."))
    else:
        messages.error(request, " ".join(form.errors["reason"]))
    return redirect(f"{comment.contribution.get_absolute_url()}#comentario-{comment.pk}")
