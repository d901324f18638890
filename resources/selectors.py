"""Reads of the library, with the visibility rule already applied.

`resources_visible_to(user)` is THE rule for who may read a resource: the library, a
resource's page, the site search, the sitemap and the document downloads all start from
it. Proposers reach their own unpublished proposals only through `proposals_of`.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from members.models import Institution
from members.places import districts_with_provinces, in_places
from members.roles import is_member
from themes.models import Theme, Visibility

from .library import Resource, ResourceTombstone


def resources_visible_to(user) -> QuerySet[Resource]:
    """Published resources; members-only ones only for members of the Community."""
    queryset = Resource.objects.filter(live=True)
    if not is_member(user):
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset


def public_resources() -> QuerySet[Resource]:
    return Resource.objects.filter(live=True, visibility=Visibility.PUBLIC)


def withdrawn_resources() -> QuerySet[ResourceTombstone]:
    """Resources that were public and are no longer (unpublished, members-only, deleted):
    what OAI-PMH harvesters get as deleted records. Nothing of their content is kept."""
    return ResourceTombstone.objects.all()


def with_card_relations(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    """What a card shows (themes, institutions, tags, the file's type): fixed queries."""
    return queryset.select_related("document").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("order")),
        Prefetch("institutions", queryset=Institution.objects.order_by("name")),
        "tags",
    )


def public_resources_in(*, district=None, province=None) -> QuerySet[Resource]:
    """Public library resources covering a district (or any district of a province),
    newest first, with what their cards show."""
    resources = in_places(public_resources(), district=district, province=province)
    return with_card_relations(resources).order_by("-first_published_at", "-pk")


def resource_for_reading(user, slug: str) -> Resource | None:
    """The published resource with everything its page shows, or None."""
    return (
        with_card_relations(resources_visible_to(user))
        .prefetch_related(Prefetch("districts", queryset=districts_with_provinces()))
        .filter(slug=slug)
        .first()
    )


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
