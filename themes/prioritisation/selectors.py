"""Reads of prioritisation rounds with visibility applied: draft rounds are for the admin
only; pending and rejected solutions only for their proposer (and facilitators in the
admin); a ballot only for the members of its institution; results only once published."""

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from members.models import Sector
from members.roles import is_facilitator, is_member

from ..selectors import contributions_visible_to
from .models import Ballot, PrioritisationRound, RoundStatus, Score, Solution, SolutionStatus
from .results import Cell, RoundResults, compute_results


def rounds_visible() -> QuerySet[PrioritisationRound]:
    return PrioritisationRound.objects.exclude(status=RoundStatus.DRAFT)


def rounds_listed() -> QuerySet[PrioritisationRound]:
    return (
        rounds_visible()
        .prefetch_related("themes")
        .annotate(
            solution_count=Count("solutions", filter=_approved("solutions__"), distinct=True),
            ballot_count=Count("ballots", distinct=True),
        )
    )


def _approved(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": SolutionStatus.APPROVED})


def round_for_reading(slug: str) -> PrioritisationRound | None:
    return rounds_visible().prefetch_related("themes", "criteria").filter(slug=slug).first()


def solutions_shown_to(user, round_: PrioritisationRound) -> list[Solution]:
    """The approved solutions, with the lessons this person may read and the districts."""
    return list(
        round_.solutions.filter(status=SolutionStatus.APPROVED)
        .select_related("institution")
        .prefetch_related(
            "districts",
            Prefetch("lessons", queryset=contributions_visible_to(user).order_by("title")),
        )
    )


def own_pending_solutions(user, round_: PrioritisationRound) -> list[Solution]:
    if not user.is_authenticated:
        return []
    return list(round_.solutions.filter(proposer=user).exclude(status=SolutionStatus.APPROVED))


def can_vote(user) -> bool:
    """Members vote for their own institution; facilitators never vote for one."""
    return is_member(user) and user.institution_id is not None and not is_facilitator(user)


def ballot_of(user, round_: PrioritisationRound) -> Ballot | None:
    """The ballot of this person's institution (with its scores), if they may see it."""
    if not can_vote(user):
        return None
    return (
        Ballot.objects.select_related("last_edited_by")
        .prefetch_related("scores")
        .filter(round=round_, institution_id=user.institution_id)
        .first()
    )


def lessons_to_cite(user, round_: PrioritisationRound) -> QuerySet:
    """Published lessons this person may read, in the round's themes."""
    return (
        contributions_visible_to(user)
        .filter(primary_theme__in=round_.themes.all())
        .order_by("title")
        .only("pk", "title")
    )


def voting_sectors(round_: PrioritisationRound) -> list[str]:
    return list(
        round_.ballots.filter(scores__isnull=False)
        .values_list("institution__sector", flat=True)
        .distinct()
        .order_by()
    )


def round_results(round_: PrioritisationRound, solutions: list[Solution]) -> RoundResults:
    """Means per solution and sector over the ballots (two aggregate queries): the
    results are computed the same way before publication (to check the minimum) and
    after it (to show them)."""
    rows = (
        Score.objects.filter(ballot__round=round_, solution__status=SolutionStatus.APPROVED)
        .values("solution_id", "ballot__institution__sector")
        .annotate(total=Sum("value"), count=Count("pk"))
        .order_by()
    )
    cells = [
        Cell(row["solution_id"], row["ballot__institution__sector"], row["total"], row["count"])
        for row in rows
    ]
    return compute_results(
        solutions=solutions,
        cells=cells,
        voting_sectors=voting_sectors(round_),
        sector_order=Sector.values,
    )
