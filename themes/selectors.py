"""Reads of themes and contributions, with the visibility rule already applied.

`contributions_visible_to(user)` is THE rule for who may read a contribution: every list,
detail, feed, search, count and sitemap starts from it. Authors reach their own drafts
only through `contributions_editable_by` / `contributions_of`.
"""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import WorkflowState

from members.models import User
from members.places import districts_with_provinces, in_places
from members.roles import is_facilitator, is_member

from .models import Contribution, LessonApplication, TaggedContribution, Theme, Visibility


def themes_ordered() -> QuerySet[Theme]:
    return Theme.objects.order_by("order")


def contributions_visible_to(user) -> QuerySet[Contribution]:
    """Published, not archived; members-only ones only for members of the Community."""
    queryset = Contribution.objects.filter(live=True, is_archived=False)
    if not is_member(user):
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset


def contributions_whose_files_user_may_read(user) -> QuerySet[Contribution]:
    """Whose attachments `user` may download: what they may read, their own drafts (as
    author or co-author), and, for facilitators, every contribution, since they review
    the drafts and their files before publishing them."""
    if is_facilitator(user):
        return Contribution.objects.all()
    readable = contributions_visible_to(user)
    if not user.is_authenticated:
        return readable
    own = Contribution.objects.filter(Q(author=user) | Q(coauthors=user))
    return Contribution.objects.filter(Q(pk__in=readable.values("pk")) | Q(pk__in=own.values("pk")))


def public_contributions() -> QuerySet[Contribution]:
    return Contribution.objects.filter(live=True, is_archived=False, visibility=Visibility.PUBLIC)


def public_lessons_in(*, district=None, province=None) -> QuerySet[Contribution]:
    """Public lessons tied to a district (or to any district of a province), newest first,
    with what their cards show."""
    lessons = in_places(public_contributions(), district=district, province=province)
    return with_card_relations(lessons).order_by("-first_published_at", "-pk")


def with_listing_relations(queryset: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """What a card shows: theme, institution, tags, districts and how many times the lesson
    was applied — in a fixed number of queries."""
    return with_application_count(
        queryset.select_related("primary_theme", "author_institution").prefetch_related(
            "tags", with_districts()
        )
    )


def _approved_applications_count():
    """How many approved applications each row's lesson has (a correlated subquery: read
    only for the rows fetched). The lesson's own visibility decides who sees them, so the
    count is the same for everyone who may see the card."""
    counted = (
        LessonApplication.objects.filter(lesson=OuterRef("pk"), live=True)
        .order_by()
        .values("lesson")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_application_count(queryset: QuerySet[Contribution]) -> QuerySet[Contribution]:
    return queryset.annotate(application_count=_approved_applications_count())


def with_districts() -> Prefetch:
    """The districts of each item, with their province, in ubigeo order."""
    return Prefetch("districts", queryset=districts_with_provinces())


def with_card_relations(queryset: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """A contribution card also names the co-authors' institutions."""
    return with_listing_relations(queryset).prefetch_related(
        Prefetch("coauthors", queryset=_people())
    )


# ---- Applications of lessons ("we applied this"): they follow their lesson's visibility.


def applications_visible_to(user) -> QuerySet[LessonApplication]:
    """Approved applications of lessons `user` may read: THE rule for applications (an
    application of a members-only lesson is members-only; of an unpublished or archived
    lesson, seen by no one outside the admin)."""
    queryset = LessonApplication.objects.filter(
        live=True, lesson__live=True, lesson__is_archived=False
    )
    if not is_member(user):
        queryset = queryset.filter(lesson__visibility=Visibility.PUBLIC)
    return queryset


def public_applications() -> QuerySet[LessonApplication]:
    """What anyone may read (the open data and the API start here)."""
    return LessonApplication.objects.filter(
        live=True,
        lesson__live=True,
        lesson__is_archived=False,
        lesson__visibility=Visibility.PUBLIC,
    )


def with_application_relations(
    queryset: QuerySet[LessonApplication],
) -> QuerySet[LessonApplication]:
    """What an application's entry shows: its lesson, institution, reporter and districts."""
    return queryset.select_related(
        "lesson__primary_theme", "institution", "author"
    ).prefetch_related(with_districts())


def applications_of(user, lesson: Contribution) -> list[LessonApplication]:
    """The approved applications of a lesson that `user` may read, newest first."""
    return list(
        with_application_relations(applications_visible_to(user).filter(lesson=lesson)).order_by(
            "-started_on", "-pk"
        )
    )


def application_districts(applications) -> list[tuple]:
    """(district, how many applications) over `applications` (with districts prefetched),
    most applications first, then in ubigeo order."""
    counts: dict[int, list] = {}
    for application in applications:
        for district in application.districts.all():
            counts.setdefault(district.pk, [district, 0])[1] += 1
    return sorted(
        ((district, n) for district, n in counts.values()), key=lambda row: (-row[1], row[0].ubigeo)
    )


def public_applications_in(*, district=None, province=None) -> QuerySet[LessonApplication]:
    """Public applications made in a district (or any district of a province), newest first."""
    return with_application_relations(
        in_places(public_applications(), district=district, province=province)
    ).order_by("-started_on", "-pk")


def most_applied_lessons(user, *, theme: Theme | None = None, limit: int = 3):
    """The lessons `user` may read that were applied most (at least once), with their
    cards' relations: of a theme (primary or other), if given."""
    queryset = contributions_visible_to(user)
    if theme is not None:
        secondary = Contribution.secondary_themes.through.objects.filter(theme=theme).values(
            "contribution_id"
        )
        queryset = queryset.filter(Q(primary_theme=theme) | Q(pk__in=secondary))
    ids = list(
        with_application_count(queryset)
        .filter(application_count__gt=0)
        .order_by("-application_count", "-first_published_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not ids:
        return []
    by_pk = with_card_relations(Contribution.objects.filter(pk__in=ids)).in_bulk()
    return [by_pk[pk] for pk in ids]


def lessons_built_on(user, contribution: Contribution) -> list[Contribution]:
    """The earlier lessons this one builds on, that `user` may read."""
    return list(
        contributions_visible_to(user)
        .filter(built_upon_by=contribution)
        .select_related("primary_theme")
        .order_by("-first_published_at", "-pk")
    )


def lessons_building_on(user, contribution: Contribution) -> list[Contribution]:
    """The later lessons that build on this one, that `user` may read."""
    return list(
        contributions_visible_to(user)
        .filter(builds_on=contribution)
        .select_related("primary_theme")
        .order_by("-first_published_at", "-pk")
    )


def lessons_to_build_on(user, *, exclude: Contribution | None = None):
    """What an author may say their lesson builds on: the lessons they may read."""
    queryset = contributions_visible_to(user).only("pk", "title").order_by("title", "pk")
    if exclude is not None and exclude.pk:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset


def contribution_for_reading(user, slug: str) -> Contribution | None:
    """The published contribution with everything its detail page shows, or None."""
    return (
        contributions_visible_to(user)
        .select_related("primary_theme", "author", "author_institution")
        .prefetch_related(
            "tags",
            "secondary_themes",
            with_districts(),
            Prefetch("coauthors", queryset=_people()),
            "attachments",
        )
        .filter(slug=slug)
        .first()
    )


def _people():
    return User.objects.select_related("institution").order_by("full_name")


def related_contributions(user, contribution: Contribution, limit: int = 3):
    """The newest other readable contributions of the same primary theme or sharing a tag.

    The ids are chosen first (PostgreSQL walks the newest readable rows and stops at
    `limit`), then those rows are fetched: a DISTINCT over whole rows joined to their tags
    cost hundreds of milliseconds at 20,000 contributions.
    """
    tag_ids = [tag.pk for tag in contribution.tags.all()]
    related = Q(primary_theme_id=contribution.primary_theme_id)
    if tag_ids:
        tagged = TaggedContribution.objects.filter(tag_id__in=tag_ids).values("content_object_id")
        related |= Q(pk__in=tagged)
    ids = list(
        contributions_visible_to(user)
        .filter(related)
        .exclude(pk=contribution.pk)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not ids:
        return []
    by_pk = with_listing_relations(contributions_visible_to(user)).in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


def comments_readable_by(user, comments: QuerySet) -> QuerySet:
    """The comments (of any kind: a lesson's, the Foundational Document's) that `user` may
    read: none for anyone but members (the public sees only how many there are, counting
    the ones not hidden); facilitators also see hidden ones (marked as hidden)."""
    if not is_member(user):
        return comments.none()
    queryset = comments.select_related("author__institution", "hidden_by")
    if not is_facilitator(user):
        queryset = queryset.filter(is_hidden=False)
    return queryset.order_by("created_at", "pk")


def contributions_of(user) -> QuerySet[Contribution]:
    """Contributions the user wrote or co-wrote, with their moderation state prefetched."""
    if not user.is_authenticated:
        return Contribution.objects.none()
    return (
        Contribution.objects.filter(Q(author=user) | Q(coauthors=user))
        .distinct()
        .select_related("primary_theme", "latest_revision")
        .prefetch_related(
            Prefetch(
                "_workflow_states",
                queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
                to_attr="_current_workflow_states",
            )
        )
        .order_by("-updated_at")
    )


def contributions_editable_by(user) -> QuerySet[Contribution]:
    return contributions_of(user).filter(is_archived=False)


def popular_tags(limit: int = 20) -> list[str]:
    """Names of the tags most used on published contributions, to suggest to authors.

    Only published, not archived contributions count, so that nobody's draft leaks a tag.
    """
    return list(
        Tag.objects.filter(
            themes_taggedcontribution_items__content_object__live=True,
            themes_taggedcontribution_items__content_object__is_archived=False,
        )
        .annotate(uses=Count("themes_taggedcontribution_items"))
        .order_by("-uses", "name")
        .values_list("name", flat=True)[:limit]
    )


@dataclass(frozen=True)
class Status:
    code: str
    label: str


STATUS_LABELS = {
    "draft": _("Draft"),
    "in_review": _("In review"),
    "needs_changes": _("Sent back for changes"),
    "published": _("Published"),
    "published_changes_in_review": _("Published — changes in review"),
    "published_changes_draft": _("Published — unsent changes"),
    "unpublished": _("Unpublished"),
    "archived": _("Archived"),
}


def contribution_status(contribution: Contribution) -> Status:
    """Where a contribution stands, as its authors see it."""
    state = contribution.current_workflow_state
    if contribution.is_archived:
        code = "archived"
    elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        code = "needs_changes"
    elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        code = "published_changes_in_review" if contribution.live else "in_review"
    elif contribution.live:
        code = "published_changes_draft" if contribution.has_unpublished_changes else "published"
    elif contribution.first_published_at:
        code = "unpublished"
    else:
        code = "draft"
    return Status(code, STATUS_LABELS[code])


def review_comment(contribution: Contribution) -> str:
    """The facilitator's comment when the contribution was sent back, if it was."""
    state = contribution.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return ""
    task_state = state.current_task_state
    return (task_state.comment if task_state else "") or ""
