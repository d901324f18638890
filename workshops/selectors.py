"""Reads of workshops, with the visibility rule applied in one place.

`workshops_visible_to(user)` decides who sees a workshop: never drafts; members-only ones
only for members. The online link is a separate rule: `can_see_online_link`.
"""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Count,
    Exists,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower
from django.utils import timezone
from django.utils.translation import gettext

from members.models import Sector
from members.places import districts_with_provinces, in_places
from members.roles import is_facilitator, is_member
from members.selectors import members
from themes.models import Theme, Visibility
from themes.search import MAX_TERMS
from themes.search_backend import stems
from themes.selectors import public_contributions

from .models import (
    OPEN_COMMITMENT_STATUSES,
    AgreementSpace,
    CalendarFeed,
    Commitment,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Registration,
    RegistrationStatus,
    Verdict,
    WalkIn,
    Workshop,
    WorkshopStatus,
)


def workshops_visible_to(user) -> QuerySet[Workshop]:
    queryset = Workshop.objects.exclude(status=WorkshopStatus.DRAFT)
    if not is_member(user):
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset


def public_workshops() -> QuerySet[Workshop]:
    return Workshop.objects.exclude(status=WorkshopStatus.DRAFT).filter(
        visibility=Visibility.PUBLIC
    )


def agreement_spaces_visible_to(user) -> QuerySet[AgreementSpace]:
    queryset = AgreementSpace.objects.filter(published=True)
    if not is_member(user):
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset


def _commitments_of_sources(workshops, spaces) -> QuerySet[Commitment]:
    return Commitment.objects.filter(
        Q(source=CommitmentSource.WORKSHOP, workshop__in=workshops)
        | Q(source=CommitmentSource.AGREEMENT_SPACE, agreement_space__in=spaces)
        | Q(source=CommitmentSource.PLEDGE)
    )


def public_agreement_spaces() -> QuerySet[AgreementSpace]:
    """Agreement spaces anyone may read: published and public."""
    return agreement_spaces_visible_to(AnonymousUser())


def commitments_visible_to(user) -> QuerySet[Commitment]:
    """Commitments whose source the person may see: a workshop shown to them, a published
    agreement space shown to them, or an institution's own pledge. With the relations
    every listing names."""
    queryset = _commitments_of_sources(
        workshops_visible_to(user), agreement_spaces_visible_to(user)
    )
    return queryset.select_related(
        "workshop", "agreement_space", "responsible_institution"
    ).order_by("due_date", "pk")


def public_commitments() -> QuerySet[Commitment]:
    """Commitments anyone may read: those whose source is shown to visitors (a workshop
    neither draft nor members-only, a published public agreement space, a pledge), with
    the relations every public listing and export names."""
    return commitments_visible_to(AnonymousUser())


def public_commitments_in(*, district=None, province=None) -> QuerySet[Commitment]:
    """Public commitments tied to a district (or to any district of a province): the open
    ones first, soonest due first; with what their rows name."""
    return in_places(public_commitments(), district=district, province=province).order_by(
        Case(When(status__in=OPEN_COMMITMENT_STATUSES, then=0), default=1), "due_date", "pk"
    )


def commitment_timeline(commitment: Commitment) -> list[CommitmentUpdate]:
    """The commitment's reports, oldest first, each with its verdicts (two queries)."""
    return list(
        commitment.updates.select_related("author", "institution", "document").prefetch_related(
            Prefetch(
                "verdicts",
                queryset=CommitmentVerdict.objects.select_related(
                    "institution", "author", "document"
                ),
            )
        )
    )


def verdicts_by_sector(timeline: list[CommitmentUpdate]) -> list[dict]:
    """Per sector, the institutions that confirmed and that contested the latest report
    with verdicts (in memory, from the timeline)."""
    latest = next((update for update in reversed(timeline) if update.verdicts.all()), None)
    if latest is None:
        return []
    rows = []
    for sector in Sector:
        confirmed = [
            v.institution
            for v in latest.verdicts.all()
            if v.institution.sector == sector and v.verdict == Verdict.CONFIRM
        ]
        contested = [
            v.institution
            for v in latest.verdicts.all()
            if v.institution.sector == sector and v.verdict == Verdict.CONTEST
        ]
        if confirmed or contested:
            rows.append(
                {
                    "sector": sector.value,
                    "label": sector.label,
                    "confirmed": confirmed,
                    "contested": contested,
                }
            )
    return rows


def contested_commitments() -> QuerySet[Commitment]:
    """The facilitators' queue: contested and not yet put on a workshop's agenda."""
    return (
        Commitment.objects.filter(needs_review=True)
        .select_related("workshop", "agreement_space", "responsible_institution")
        .order_by("-last_change_at", "pk")
    )


def open_commitments_of(institution) -> QuerySet[Commitment]:
    """Open commitments an institution leads or supports (for its members' space)."""
    return (
        Commitment.objects.filter(status__in=OPEN_COMMITMENT_STATUSES)
        .filter(
            Q(responsible_institution=institution)
            | Q(
                pk__in=Commitment.supporting_institutions.through.objects.filter(
                    institution=institution
                ).values("commitment")
            )
        )
        .select_related("workshop", "agreement_space", "responsible_institution")
        .order_by("due_date", "pk")
    )


def commitments_seen_by_members() -> QuerySet[Commitment]:
    """Commitments every member may see (their source is neither a draft workshop nor an
    unpublished agreement space): those the reminders and summaries speak of."""
    return _commitments_of_sources(
        Workshop.objects.exclude(status=WorkshopStatus.DRAFT),
        AgreementSpace.objects.filter(published=True),
    )


def commitments_to_remind(*, today, until) -> QuerySet[Commitment]:
    """Open commitments due by `until` (overdue ones included), for the reminders."""
    return (
        commitments_seen_by_members()
        .filter(status__in=OPEN_COMMITMENT_STATUSES, due_date__lte=until)
        .select_related("responsible_institution")
        .order_by("due_date", "pk")
    )


def open_commitments_by_institution() -> dict[int, list[Commitment]]:
    """Each institution's open commitments, led or supported, by due date (overdue first):
    two queries, grouped in memory."""
    commitments = list(
        commitments_seen_by_members()
        .filter(status__in=OPEN_COMMITMENT_STATUSES)
        .select_related("responsible_institution")
        .prefetch_related(
            Prefetch(
                "supporting_institutions",
                queryset=Commitment.supporting_institutions.field.related_model.objects.only("pk"),
            )
        )
        .order_by("due_date", "pk")
    )
    grouped: dict[int, list[Commitment]] = {}
    for commitment in commitments:
        institution_ids = {commitment.responsible_institution_id}
        institution_ids |= {i.pk for i in commitment.supporting_institutions.all()}
        for institution_id in institution_ids:
            grouped.setdefault(institution_id, []).append(commitment)
    return grouped


def with_public_relations(queryset: QuerySet[Workshop]) -> QuerySet[Workshop]:
    """What the open data and the API say of a workshop: its themes and the public lessons
    shared at it (never a members-only one), in a fixed number of queries."""
    return queryset.prefetch_related(
        "themes", Prefetch("lessons", queryset=public_contributions().order_by("title", "pk"))
    )


def matching_workshops(queryset: QuerySet[Workshop], query: str) -> QuerySet[Workshop]:
    """Workshops are few: the stem of every word must appear in the title or the
    description, both compared without case or accents ("mineria" finds "Minería",
    "talleres" finds "taller")."""
    text = Concat("title", Value(" "), "description", output_field=TextField())
    folded = Lower(Func(text, function="unaccent", output_field=TextField()))
    condition = Q()
    for stem in stems(query)[:MAX_TERMS]:
        condition &= Q(_folded__contains=stem)
    return queryset.alias(_folded=folded).filter(condition)


def reports_to_judge(user, *, limit: int = 20) -> list[CommitmentUpdate]:
    """Recent reports by institutions of other sectors, on commitments the person may see,
    that their institution has neither reported nor judged yet."""
    if not (is_member(user) and user.institution_id):
        return []
    institution = user.institution
    responsible = Commitment.supporting_institutions.through.objects.filter(
        institution=institution
    ).values("commitment")
    return list(
        CommitmentUpdate.objects.filter(
            commitment__in=commitments_visible_to(user).order_by(),
            institution__isnull=False,
        )
        .exclude(institution__sector=institution.sector)
        .exclude(commitment__responsible_institution=institution)
        .exclude(commitment__in=responsible)
        .exclude(verdicts__institution=institution)
        .select_related("commitment", "institution", "author")
        .order_by("-created_at", "-pk")[:limit]
    )


def with_seat_counts(queryset: QuerySet[Workshop]) -> QuerySet[Workshop]:
    """Annotate confirmed_count and waitlist_count (one query for the whole list)."""
    return queryset.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waitlist_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    )


def _registrations_counted(status: str) -> Coalesce:
    counted = (
        Registration.objects.filter(workshop=OuterRef("pk"), status=status)
        .order_by()
        .values("workshop")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_seat_counts_per_row(queryset: QuerySet[Workshop]) -> QuerySet[Workshop]:
    """The same annotations as `with_seat_counts`, as one small count per workshop shown.

    For a page of a long list (the admin listing, the dashboard's next workshops): the
    join-and-group of `with_seat_counts` counts the registrations of every workshop that
    matches before the page is cut, whereas PostgreSQL evaluates these subqueries only for
    the rows returned (from the registrations' queue index), unless the list is sorted by
    them.
    """
    return queryset.annotate(
        confirmed_count=_registrations_counted(RegistrationStatus.CONFIRMED),
        waitlist_count=_registrations_counted(RegistrationStatus.WAITLISTED),
    )


def with_my_registration(queryset: QuerySet[Workshop], user) -> QuerySet[Workshop]:
    """Prefetch the viewer's own registration as `my_registrations` (a list of 0 or 1)."""
    if not user.is_authenticated:
        return queryset
    return queryset.prefetch_related(
        Prefetch(
            "registrations",
            queryset=Registration.objects.filter(user=user),
            to_attr="my_registrations",
        )
    )


def upcoming_for(user) -> QuerySet[Workshop]:
    return (
        with_seat_counts(workshops_visible_to(user))
        .filter(ends_at__gte=timezone.now())
        .prefetch_related("themes")
        .order_by("starts_at")
    )


def past_for(user) -> QuerySet[Workshop]:
    return (
        with_seat_counts(workshops_visible_to(user))
        .filter(ends_at__lt=timezone.now())
        .prefetch_related("themes")
        .order_by("-starts_at")
    )


def public_workshops_in(*, district=None, province=None, past: bool) -> QuerySet[Workshop]:
    """Public workshops tied to a district (or to any district of a province): the
    upcoming ones soonest first, or the past ones latest first; with what cards show."""
    workshops = with_seat_counts(
        in_places(public_workshops(), district=district, province=province)
    ).prefetch_related("themes")
    now = timezone.now()
    if past:
        return workshops.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return workshops.filter(ends_at__gte=now).order_by("starts_at", "pk")


def workshop_for_reading(user, slug: str) -> Workshop | None:
    return (
        with_my_registration(with_seat_counts(workshops_visible_to(user)), user)
        .prefetch_related(
            "themes",
            Prefetch("districts", queryset=districts_with_provinces()),
            "facilitators__institution",
            "agenda_items__speaker_institution",
            "materials__document",
            "commitments__responsible_institution",
            "lessons",
        )
        .filter(slug=slug)
        .first()
    )


def registration_of(user, workshop: Workshop) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, workshop=workshop).first()


def can_see_online_link(user, workshop: Workshop) -> bool:
    """Only members with a confirmed seat, and facilitators, see the meeting link: a
    person who lost the member role (or whose account was closed) no longer does."""
    if not workshop.is_online or not workshop.online_url or not is_member(user):
        return False
    if is_facilitator(user):
        return True
    return Registration.objects.filter(
        workshop=workshop, user=user, status=RegistrationStatus.CONFIRMED
    ).exists()


def registrations_to_tell(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """The registrations whose person is still a member: notices, reminders and messages
    about a workshop (its place, its meeting link) go only to them. A person who lost the
    role keeps the registration in the records, and hears no more."""
    return registrations.filter(user__in=members())


def my_registrations(user) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exclude(workshop__status=WorkshopStatus.DRAFT)
        .select_related("workshop")
        .order_by("workshop__starts_at")
    )


def calendar_feed_for(user) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


def registrations_for_admin(workshop: Workshop) -> QuerySet[Registration]:
    return workshop.registrations.select_related("user__institution").order_by(
        "status", "requested_at"
    )


def waitlist(workshop: Workshop) -> QuerySet[Registration]:
    return workshop.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "requested_at", "pk"
    )


def overdue_commitments() -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(
            status__in=[CommitmentStatus.PENDING, CommitmentStatus.IN_PROGRESS],
            due_date__lt=timezone.localdate(),
        )
        .select_related("workshop", "agreement_space", "responsible_institution")
        .order_by("due_date")
    )


def participation_by_sector(*, since=None, workshop: Workshop | None = None) -> list[dict]:
    """Registrations (not cancelled) and attendance per stakeholder sector; people who
    attended without registering (walk-ins) count as attended in their sector.

    Two queries. Every sector is listed, with zeros, so an absent sector shows.
    """
    queryset = Registration.objects.exclude(status=RegistrationStatus.CANCELLED)
    walk_ins = WalkIn.objects.all()
    if workshop is not None:
        queryset = queryset.filter(workshop=workshop)
        walk_ins = walk_ins.filter(workshop=workshop)
    if since is not None:
        queryset = queryset.filter(workshop__starts_at__gte=since)
        walk_ins = walk_ins.filter(workshop__starts_at__gte=since)
    rows = {
        row["user__institution__sector"]: row
        for row in queryset.values("user__institution__sector").annotate(
            registered=Count("pk"), attended=Count("pk", filter=Q(attended=True))
        )
    }
    walked_in = {
        row["sector"]: row["count"]
        for row in walk_ins.order_by().values("sector").annotate(count=Count("pk"))
    }
    return _per_sector(rows, walked_in)


def participation_by_sector_of(workshops) -> dict[int, list[dict]]:
    """`participation_by_sector` of each of `workshops`, by workshop id: two queries for
    the lot (a page of the API's list)."""
    ids = [workshop.pk for workshop in workshops]
    rows: dict[int, dict] = {pk: {} for pk in ids}
    registrations = (
        Registration.objects.filter(workshop_id__in=ids)
        .exclude(status=RegistrationStatus.CANCELLED)
        .order_by()
        .values("workshop_id", "user__institution__sector")
        .annotate(registered=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    )
    for row in registrations:
        rows[row["workshop_id"]][row["user__institution__sector"]] = row
    walked_in: dict[int, dict] = {pk: {} for pk in ids}
    walk_ins = (
        WalkIn.objects.filter(workshop_id__in=ids)
        .order_by()
        .values("workshop_id", "sector")
        .annotate(count=Count("pk"))
    )
    for row in walk_ins:
        walked_in[row["workshop_id"]][row["sector"]] = row["count"]
    return {pk: _per_sector(rows[pk], walked_in[pk]) for pk in ids}


def _per_sector(rows: dict, walked_in: dict) -> list[dict]:
    result = []
    for sector in Sector:
        row = rows.get(sector.value, {})
        result.append(
            {
                "sector": sector.value,
                "label": sector.label,
                "registered": row.get("registered", 0),
                "attended": row.get("attended", 0) + walked_in.get(sector.value, 0),
                "walk_ins": walked_in.get(sector.value, 0),
            }
        )
    return result


def participation_by_workshop_and_sector(workshops: QuerySet[Workshop]) -> dict:
    """{workshop pk: {sector: {"registered": n, "attended": n}}} for the given workshops,
    counted as `participation_by_sector` counts one workshop (walk-ins attended in their
    sector; people without an institution in none), in two queries for all of them."""
    result: dict[int, dict[str, dict[str, int]]] = {}

    def counts(workshop_id, sector):
        by_sector = result.setdefault(workshop_id, {})
        return by_sector.setdefault(sector, {"registered": 0, "attended": 0})

    registrations = (
        Registration.objects.filter(workshop__in=workshops)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exclude(user__institution__isnull=True)
        .order_by()
        .values("workshop_id", "user__institution__sector")
        .annotate(registered=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    )
    for row in registrations:
        entry = counts(row["workshop_id"], row["user__institution__sector"])
        entry["registered"] += row["registered"]
        entry["attended"] += row["attended"]
    walk_ins = (
        WalkIn.objects.filter(workshop__in=workshops)
        .order_by()
        .values("workshop_id", "sector")
        .annotate(count=Count("pk"))
    )
    for row in walk_ins:
        counts(row["workshop_id"], row["sector"])["attended"] += row["count"]
    return result


def participation_last_12_months() -> list[dict]:
    return participation_by_sector(since=timezone.now() - timedelta(days=365))


def workshops_needing_reminder(*, now=None) -> QuerySet[Workshop]:
    """Workshops starting in the next 24 hours that are going ahead."""
    now = now or timezone.now()
    return Workshop.objects.filter(
        status__in=[WorkshopStatus.OPEN, WorkshopStatus.CLOSED],
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=24),
    )


def has_confirmed_registration(user) -> Exists:
    return Exists(
        Registration.objects.filter(
            workshop=OuterRef("pk"), user=user, status=RegistrationStatus.CONFIRMED
        )
    )


def walk_ins_of(workshop: Workshop) -> QuerySet[WalkIn]:
    return workshop.walk_ins.select_related("institution")


def commitments_summary(user) -> dict:
    """What the register's summary page shows of the commitments `user` may see: counts per
    status by theme, by sector of the lead institution and by source, and the overdue ones.
    Five queries, whatever the number of commitments."""
    visible = commitments_visible_to(user).order_by()

    def counts(field: str) -> dict:
        grouped: dict = {}
        for row in visible.values(field, "status").annotate(count=Count("pk", distinct=True)):
            grouped.setdefault(row[field], {})[row["status"]] = row["count"]
        return grouped

    by_theme = counts("themes")
    themes = [(theme.pk, theme.name) for theme in Theme.objects.filter(pk__in=list(by_theme))]
    if None in by_theme:
        themes.append((None, gettext("No theme")))
    by_sector = counts("responsible_institution__sector")
    by_source = counts("source")
    return {
        "by_theme": [_summary_row(label, by_theme[key]) for key, label in themes],
        "by_sector": [
            _summary_row(sector.label, by_sector[sector.value])
            for sector in Sector
            if sector.value in by_sector
        ],
        "by_source": [
            _summary_row(source.label, by_source.get(source.value, {}))
            for source in CommitmentSource
        ],
        "overdue": list(
            visible.filter(
                status__in=OPEN_COMMITMENT_STATUSES, due_date__lt=timezone.localdate()
            ).order_by("due_date", "pk")
        ),
    }


def _summary_row(label, counts: dict) -> dict:
    total = sum(counts.values())
    fulfilled = counts.get(CommitmentStatus.FULFILLED, 0)
    return {
        "label": str(label),
        "counts": [counts.get(status.value, 0) for status in CommitmentStatus],
        "total": total,
        "fulfilled": fulfilled,
        "fulfilled_share": round(100 * fulfilled / total) if total else 0,
    }
