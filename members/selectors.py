"""Reads of members data, with the visibility rules applied."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Institution, MembershipApplication, Notification, Province, Sector, User
from .places import in_places
from .roles import ADMINISTRATORS, FACILITATORS, ROLE_GROUPS


def public_institutions() -> QuerySet[Institution]:
    """Institutions as anyone may know them (open data, the API): organisations, not people;
    what is public of them is their name, sector, Core Group membership and web site."""
    return Institution.objects.order_by("name", "pk")


def core_group_institutions() -> QuerySet[Institution]:
    return Institution.objects.filter(is_core_group=True).order_by("name")


def directory_by_sector() -> list[tuple[str, str, list[Institution]]]:
    """Institutions with their active members, grouped by sector in the sectors' order.

    Returns (sector value, sector label, institutions) for each sector that has any.
    Two queries whatever the number of institutions and members. Only members of the
    Community are listed: an account without a role (a membership withdrawn) is not.
    """
    active_members = (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=ROLE_GROUPS) | Q(is_superuser=True))
        .distinct()
        .order_by("full_name", "email")
    )
    institutions = (
        Institution.objects.prefetch_related(
            Prefetch("members", queryset=active_members, to_attr="active_members")
        )
        .annotate(member_count=Count("members"))
        .order_by("name")
    )
    grouped: dict[str, list[Institution]] = {}
    for institution in institutions:
        grouped.setdefault(institution.sector, []).append(institution)
    return [
        (sector.value, sector.label, grouped[sector.value])
        for sector in Sector
        if sector.value in grouped
    ]


def pending_applications() -> QuerySet[MembershipApplication]:
    return MembershipApplication.objects.filter(
        status=MembershipApplication.Status.PENDING
    ).select_related("institution")


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at")


def facilitators() -> QuerySet[User]:
    """Active people who moderate: facilitators and administrators."""
    return (
        User.objects.filter(is_active=True, groups__name__in=[FACILITATORS, ADMINISTRATORS])
        .distinct()
        .order_by("pk")
    )


def members() -> QuerySet[User]:
    """Active people with a role: who may read members-only content and be told of it."""
    return User.objects.filter(is_active=True).filter(
        Q(groups__name__in=ROLE_GROUPS) | Q(is_superuser=True)
    )


def members_of_institutions(institution_ids) -> dict[int, list[User]]:
    """The active members of each of these institutions (one query), to be told of what
    their institution is responsible for."""
    grouped: dict[int, list[User]] = {}
    if not institution_ids:
        return grouped
    people = (
        members()
        .filter(institution_id__in=list(institution_ids))
        .select_related("institution")
        .distinct()
        .order_by("pk")
    )
    for person in people:
        grouped.setdefault(person.institution_id, []).append(person)
    return grouped


@dataclass(frozen=True)
class SectorParticipation:
    sector: str
    label: str
    institutions: int
    members: int


def participation_by_sector() -> list[SectorParticipation]:
    """Who takes part, by stakeholder sector: institutions (of the Core Group or with an
    active member) and active members; people without an institution count as citizens.

    Sectors in their canonical order, only those with anyone. Two queries.
    """
    institutions = dict(
        Institution.objects.filter(Q(is_core_group=True) | Q(members__is_active=True))
        .values_list("sector")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    members: dict[str, int] = {}
    rows = (
        User.objects.filter(is_active=True, groups__name__in=ROLE_GROUPS)
        .values_list("institution__sector")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    for sector, count in rows:
        key = sector or Sector.CITIZENS.value
        members[key] = members.get(key, 0) + count
    return [
        SectorParticipation(
            sector=sector.value,
            label=sector.label,
            institutions=institutions.get(sector.value, 0),
            members=members.get(sector.value, 0),
        )
        for sector in Sector
        if institutions.get(sector.value) or members.get(sector.value)
    ]


def provinces_with_districts() -> QuerySet[Province]:
    """The region's provinces in ubigeo order, each with its districts (two queries)."""
    return Province.objects.prefetch_related("districts")


def community_institutions() -> QuerySet[Institution]:
    """The institutions that take part in the Community: of the Core Group, or with an
    active member (the institutions the home page counts). Organisations, not people: the
    open data lists them."""
    return Institution.objects.filter(
        Q(is_core_group=True) | Q(pk__in=members().values("institution"))
    ).order_by("pk")


def institutions_in(*, district=None, province=None) -> QuerySet[Institution]:
    """Institutions with their seat in a district (or in a province), by name."""
    institutions = in_places(
        Institution.objects.all(), district=district, province=province, field="district"
    )
    return institutions.select_related("district__province").order_by("name")
