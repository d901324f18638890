"""Reads of the library, with the visibility rule already applied.

`resources_visible_to(user)` is THE rule for who may read a resource: the library, a
resource's page, the site search, the sitemap and the document downloads all start from
it. Proposers reach their own unpublished proposals only through `proposals_of`.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from members.models import Institution
from members.roles import is_member
from themes.models import Theme, Visibility

from .library import Resource, ResourceKind

PAGE_SIZE = 12

SORT_NEWEST = "newest"
SORT_TITLE = "title"
SORT_RELEVANCE = "relevance"
SORT_CHOICES = [
    (SORT_NEWEST, _("Most recent first")),
    (SORT_TITLE, _("Title (A to Z)")),
    (SORT_RELEVANCE, _("Relevance (when searching)")),
]
ORDERINGS = {
    SORT_NEWEST: (F("year").desc(nulls_last=True), F("first_published_at").desc(), "-pk"),
    SORT_TITLE: (Lower("title"), "pk"),
}
FILTER_NAMES = ("theme", "kind", "year", "institution", "language")


def resources_visible_to(user) -> QuerySet[Resource]:
    """Published resources; members-only ones only for members of the Community."""
    queryset = Resource.objects.filter(live=True)
    if not is_member(user):
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset


def public_resources() -> QuerySet[Resource]:
    return Resource.objects.filter(live=True, visibility=Visibility.PUBLIC)


def with_card_relations(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    """What a card shows (themes, institutions, tags, the file's type): fixed queries."""
    return queryset.select_related("document").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("order")),
        Prefetch("institutions", queryset=Institution.objects.order_by("name")),
        "tags",
    )


def resource_for_reading(user, slug: str) -> Resource | None:
    """The published resource with everything its page shows, or None."""
    return with_card_relations(resources_visible_to(user)).filter(slug=slug).first()


# ---- Filters and facets of the library


def _filter_theme(queryset, theme):
    linked = Resource.themes.through.objects.filter(theme=theme).values("resource_id")
    return queryset.filter(pk__in=linked)


def _filter_institution(queryset, institution_id):
    linked = Resource.institutions.through.objects.filter(institution_id=institution_id).values(
        "resource_id"
    )
    return queryset.filter(pk__in=linked)


_FILTERS = {
    "theme": _filter_theme,
    "kind": lambda queryset, value: queryset.filter(kind=value),
    "year": lambda queryset, value: queryset.filter(year=value),
    "institution": _filter_institution,
    "language": lambda queryset, value: queryset.filter(language=value),
}


def apply_filters(queryset: QuerySet, filters: dict, *, skip: str | None = None) -> QuerySet:
    for name, value in filters.items():
        if name != skip:
            queryset = _FILTERS[name](queryset, value)
    return queryset


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


def _grouped(queryset, field) -> dict:
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return dict(rows)


def facets(
    base: QuerySet[Resource], filters: dict, themes: list[Theme], languages
) -> dict[str, list[Option]]:
    """For each filter, its options with how many resources each would show.

    Each count applies every other active filter (and the search), never the filter's own
    value. Five queries, whatever the number of resources.
    """

    def scope(name):
        return apply_filters(base, filters, skip=name).order_by().values("pk")

    def selected(name, value) -> bool:
        current = filters.get(name)
        return current is not None and str(getattr(current, "pk", current)) == str(value)

    result: dict[str, list[Option]] = {}

    theme_counts = dict(
        Resource.themes.through.objects.filter(resource_id__in=scope("theme"))
        .values("theme_id")
        .annotate(n=Count("resource_id"))
        .values_list("theme_id", "n")
    )
    result["theme"] = [
        Option(theme.slug, theme.name, theme_counts.get(theme.pk, 0), selected("theme", theme.pk))
        for theme in themes
    ]

    kind_counts = _grouped(Resource.objects.filter(pk__in=scope("kind")), "kind")
    result["kind"] = [
        Option(value, label, kind_counts.get(value, 0), selected("kind", value))
        for value, label in ResourceKind.choices
        if kind_counts.get(value) or selected("kind", value)
    ]

    year_counts = _grouped(Resource.objects.filter(pk__in=scope("year")), "year")
    years = sorted((year for year in year_counts if year), reverse=True)
    options = [
        Option(str(year), str(year), year_counts[year], selected("year", year)) for year in years
    ]
    chosen = filters.get("year")
    if chosen is not None and not any(option.selected for option in options):
        options.insert(0, Option(str(chosen), str(chosen), 0, True))
    result["year"] = options

    rows = (
        Resource.institutions.through.objects.filter(resource_id__in=scope("institution"))
        .values("institution_id", "institution__name")
        .annotate(n=Count("resource_id"))
        .order_by("institution__name")
        .values_list("institution_id", "institution__name", "n")
    )
    options = [Option(str(pk), name, n, selected("institution", pk)) for pk, name, n in rows]
    chosen = filters.get("institution")
    if chosen is not None and not any(option.selected for option in options):
        options.insert(0, Option(str(chosen), str(chosen), 0, True))
    result["institution"] = options

    language_counts = _grouped(Resource.objects.filter(pk__in=scope("language")), "language")
    result["language"] = [
        Option(code, name, language_counts.get(code, 0), selected("language", code))
        for code, name in languages
        if language_counts.get(code) or selected("language", code)
    ]
    return result


# ---- Members' proposals


def proposals_of(user) -> QuerySet[Resource]:
    """Resources the user proposed, with their moderation state prefetched."""
    if not user.is_authenticated:
        return Resource.objects.none()
    return (
        Resource.objects.filter(proposed_by=user)
        .select_related("latest_revision")
        .prefetch_related(
            Prefetch(
                "_workflow_states",
                queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
                to_attr="_current_workflow_states",
            )
        )
        .order_by("-updated_at", "-pk")
    )


@dataclass(frozen=True)
class Status:
    code: str
    label: str
    tone: str


STATUSES = {
    "in_review": (_("In review"), "warning"),
    "needs_changes": (_("The facilitators asked for changes"), "negative"),
    "published": (_("Published"), "positive"),
    "unpublished": (_("Unpublished"), "neutral"),
    "not_published": (_("Not published"), "neutral"),
}


def resource_status(resource: Resource) -> Status:
    """Where a proposal stands, as its proposer sees it."""
    state = resource.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        code = "needs_changes"
    elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        code = "in_review"
    elif resource.live:
        code = "published"
    elif resource.first_published_at:
        code = "unpublished"
    else:
        code = "not_published"
    label, tone = STATUSES[code]
    return Status(code, label, tone)


def review_comment(resource: Resource) -> str:
    """The facilitators' comment when they sent the proposal back, if they did."""
    state = resource.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return ""
    task_state = state.current_task_state
    return (task_state.comment if task_state else "") or ""


# ---- Who may download a document of the library


def library_lets_read(user, document) -> bool:
    """Whether the library lets `user` download the document: a published resource they
    may read has it, or it is the file of their own proposal. (Facilitators always may:
    see resources.document_access.)"""
    if resources_visible_to(user).filter(document=document).exists():
        return True
    return (
        user.is_authenticated
        and Resource.objects.filter(document=document, proposed_by=user).exists()
    )
