"""Reading published contributions: the lessons list, a lesson's page, its attachments
and its comments.

Every view starts from the visibility rule (`selectors.contributions_visible_to`): what
the viewer may not read is a 404, never a 403 that would confirm it exists.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from members.faceted import FacetedListView
from members.links import absolute_url
from members.models import User
from members.roles import is_facilitator, is_member
from members.uploads import CONTENT_TYPES

from . import comments, listing_cache, selectors, services, structured_data
from .applications import ApplicationForm
from .comments import CommentForm
from .filters import LessonFilterSet
from .models import Comment, ContributionAttachment
from .search import clean_query, matching_ids


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


def _detail_context(request, contribution, *, comment_form=None, application_form=None):
    user = request.user
    applications = selectors.applications_of(user, contribution)
    related = selectors.related_contributions(user, contribution)
    # Their cards name the co-authors' institutions too.
    prefetch_related_objects(
        related, Prefetch("coauthors", queryset=User.objects.select_related("institution"))
    )
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    og_locale = OPENGRAPH_LOCALES.get(language, OPENGRAPH_LOCALES["es"])
    readable = list(selectors.comments_readable_by(user, contribution.comments.all()))
    return {
        "contribution": contribution,
        "canonical_url": absolute_url(contribution.get_absolute_url(), request),
        "og_locale": og_locale,
        "og_locale_alternates": [
            locale for locale in OPENGRAPH_LOCALES.values() if locale != og_locale
        ],
        "related": related,
        "comments": readable,
        "can_read_comments": is_member(user),
        # Members count what they read; everyone else only learns how many there are.
        "comment_count": len(readable)
        if is_member(user)
        else contribution.comments.filter(is_hidden=False).count(),
        "can_comment": is_member(user),
        "can_moderate": is_facilitator(user),
        "can_edit": is_member(user) and services.user_can_edit(user, contribution),
        "comment_form": comment_form or CommentForm(),
        "applications": applications,
        "application_districts": selectors.application_districts(applications),
        "builds_on": selectors.lessons_built_on(user, contribution),
        "built_upon_by": selectors.lessons_building_on(user, contribution),
        "can_report_application": is_member(user),
        "application_form": application_form or ApplicationForm(),
        "json_ld": structured_data.lesson_json_ld(contribution, request),
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

    def refused(form, status):
        context = _detail_context(request, contribution, comment_form=form)
        return render(request, "themes/lesson_detail.html", context, status=status)

    return comments.post_comment(
        request,
        form=CommentForm(request.POST),
        create=lambda data: services.comment_create(
            user=request.user, contribution=contribution, body=data["body"]
        ),
        refused=refused,
        success_url=f"{contribution.get_absolute_url()}#comentarios",
    )


@login_required
@require_POST
def comment_hide(request, pk):
    readable = Comment.objects.filter(
        contribution__in=selectors.contributions_visible_to(request.user)
    )
    return comments.hide_comment(request, readable.select_related("contribution"), pk)


@login_required
@require_POST
def application_create(request, slug):
    """A member reports that their institution applied the lesson ("we applied this");
    refused input comes back in the form on the lesson's page, with the reasons beside it."""
    contribution = _readable(request, slug)
    if not is_member(request.user):
        raise PermissionDenied
    form = ApplicationForm(request.POST)
    if form.is_valid():
        try:
            services.application_report(
                user=request.user, lesson=contribution, **form.service_arguments()
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                gettext(
                    "Thank you. Your report has been sent to the facilitators; it will be "
                    "shown on this page once they approve it."
                ),
            )
            return redirect(f"{contribution.get_absolute_url()}#aplicaciones")
    context = _detail_context(request, contribution, application_form=form)
    return render(request, "themes/lesson_detail.html", context, status=400)
