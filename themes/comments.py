"""Members' comments on the portal's pages, one flow for every kind (under a lesson, under a
section of the Foundational Document): posting and hiding them from the page.

Each kind's view finds what is commented on (and who may read it), then hands over here:
comments are for members; members (not facilitators) are limited in how many they publish
in a while (settings.ACCOUNT_RATE_LIMITS["comment"]); a refused comment comes back in its
form with the reason beside it, so nothing written is lost. The services store a comment
sent twice once (themes.services.comment_store) and hide any kind of comment.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members import ratelimit
from members.roles import is_facilitator, is_member

from . import services
from .models import CommentBase


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


def post_comment(
    request,
    *,
    form: CommentForm,
    create: Callable[[dict], CommentBase],
    refused: Callable[[CommentForm, int], HttpResponse],
    success_url: str = "",
) -> HttpResponse:
    """Publish the comment of a bound `form` through `create` (a service, given the cleaned
    data) and go to it (or to `success_url`); else `refused(form, status)` shows the page
    again with the form, its text and the reason (400, or 429 over the limit)."""
    if not is_member(request.user):
        raise PermissionDenied
    limited = not is_facilitator(request.user)
    if limited and not ratelimit.allows(request, action=ratelimit.COMMENT):
        form.is_valid()
        form.add_error("body", ratelimit.comment_limit_message())
        return refused(form, 429)
    if form.is_valid():
        try:
            comment = create(form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("body", message)
        else:
            if limited:
                ratelimit.record(request, action=ratelimit.COMMENT)
            messages.success(request, gettext("Your comment has been published."))
            return redirect(success_url or comment.get_absolute_url())
    return refused(form, 400)


def hide_comment(request, comments, pk: int) -> HttpResponse:
    """A facilitator hides comment `pk` among `comments` (those they may reach), with a
    reason, and comes back to it on its page."""
    if not is_facilitator(request.user):
        raise PermissionDenied
    comment = get_object_or_404(comments, pk=pk)
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
    return redirect(comment.get_absolute_url())
