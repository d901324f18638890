"""Reading published contributions: the lessons list, a lesson's page, its attachments
and its comments.

Every view starts from the visibility rule (`selectors.contributions_visible_to`): what
the viewer may not read is a 404, never a 403 that would confirm it exists.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from members.links import absolute_url
from members.models import User
from members.roles import is_facilitator, is_member
from members.uploads import CONTENT_TYPES

from . import comments, listing_cache, selectors, services
from .comments import CommentForm
from .filters import (
    ORDERINGS,
    PAGE_SIZE,
    SORT_RELEVANCE,
    LessonFilterForm,
    apply_filters,
    facet_counts,
    facets,
    normalised,
)
from .models import Comment, ContributionAttachment
from .search import clean_query, matching_ids


class _CountedPaginator(Paginator):
    """A paginator told its number of items (counted once, cached) instead of counting."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def lesson_list(request):
    themes = list(selectors.themes_ordered())
    form = LessonFilterForm(request.GET, themes=themes)
    filters, query, sort = form.filters, form.query, form.ordering
    user = request.user
    # What the cached figures depend on besides the viewer class and the data.
    key = {"filters": normalised(filters), "q": clean_query(query).lower()}

    base = selectors.contributions_visible_to(user)
    ranked_ids: list[int] = []
    if query:
        ranked_ids = listing_cache.cached(
            "search", user, {"q": key["q"]}, lambda: matching_ids(base, key["q"])
        )
        base = base.filter(pk__in=ranked_ids)
    results = apply_filters(base, filters)

    if query:
        # The matches that pass the filters, best first; their number is the count.
        kept_ids = ranked_ids
        if filters:
            kept_ids = listing_cache.cached(
                "kept", user, key, lambda: _in_rank_order(results, ranked_ids)
            )
        count = len(kept_ids)
    else:
        count = listing_cache.cached("count", user, key, results.count)

    if sort == SORT_RELEVANCE:
        paginator = Paginator(kept_ids, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        # The rows come through the visibility rule again, never from cached ids alone.
        readable = selectors.with_card_relations(selectors.contributions_visible_to(user))
        by_pk = readable.in_bulk(list(page.object_list))
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    else:
        ordered = selectors.with_card_relations(results.order_by(*ORDERINGS[sort]))
        paginator = _CountedPaginator(ordered, PAGE_SIZE, count=count)
        page = paginator.get_page(request.GET.get("page"))

    counts = listing_cache.cached("facets", user, key, lambda: facet_counts(base, filters))
    options = facets(counts, filters, themes)
    return render(
        request,
        "themes/lesson_list.html",
        {
            "form": form,
            "query": query,
            "sort": sort,
            "filters": filters,
            "facets": options,
            "active_filters": _active_filters(request, form, options),
            "page_obj": page,
            "contributions": page.object_list,
            "result_count": paginator.count,
            "themes": themes,
        },
    )


def _in_rank_order(results, ranked_ids: list[int]) -> list[int]:
    kept = set(results.values_list("pk", flat=True))
    return [pk for pk in ranked_ids if pk in kept]


def _without(request, *names) -> str:
    params = request.GET.copy()
    for name in (*names, "page"):
        params.pop(name, None)
    return f"{request.path}?{params.urlencode()}" if params else request.path


def _active_filters(request, form, options) -> list[dict]:
    """What narrows the list now, each with a link that removes it."""
    active = []
    if form.query:
        active.append(
            {"label": form.fields["q"].label, "value": form.query, "url": _without(request, "q")}
        )
    for name, value in form.filters.items():
        if name == "anticorruption":
            text = gettext("Transparency and anti-corruption focus")
        else:
            chosen = [option.label for option in options[name] if option.selected]
            text = chosen[0] if chosen else str(value)
        active.append(
            {"label": form.fields[name].label, "value": text, "url": _without(request, name)}
        )
    return active


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
