"""The results of a round, in pure Python over per-sector aggregates.

Each institution casts one ballot scoring every approved solution on every criterion, so
the mean of all the scores a sector gave a solution weighs each of its institutions
equally; the overall mean weighs each institution equally too. The agreement of the
sectors on a solution is the spread between the highest and the lowest sector mean."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import SCALE_MIN

# On the 1 to 5 scale: sectors whose means lie within one point agree; two points apart (or
# more) are divided. A solution every sector scores at least this high is "valued by all".
AGREE_MAX_SPREAD = 1.0
DIVIDE_MIN_SPREAD = 2.0
HIGH_MEAN = 3.5


@dataclass(frozen=True)
class Cell:
    """What the scores of one sector for one solution add up to."""

    solution_id: int
    sector: str
    total: int
    count: int


@dataclass
class SolutionResult:
    solution: object
    mean: float
    sector_means: dict[str, float] = field(default_factory=dict)
    rank: int = 0

    @property
    def spread(self) -> float | None:
        if len(self.sector_means) < 2:
            return None
        return max(self.sector_means.values()) - min(self.sector_means.values())

    @property
    def agreement(self) -> str:
        """ "agree", "partial", "divided", or "" (fewer than two sectors scored it)."""
        spread = self.spread
        if spread is None:
            return ""
        if spread <= AGREE_MAX_SPREAD:
            return "agree"
        if spread >= DIVIDE_MIN_SPREAD:
            return "divided"
        return "partial"

    @property
    def agreement_label(self) -> str:
        if self.agreement == "agree" and min(self.sector_means.values()) >= HIGH_MEAN:
            return str(_("All sectors agree: valued highly by every sector"))
        return str(AGREEMENT_LABELS.get(self.agreement, _("Too few sectors to compare")))


AGREEMENT_LABELS = {
    "agree": _("All sectors agree"),
    "partial": _("Partial agreement"),
    "divided": _("Divides the sectors"),
}


@dataclass
class RoundResults:
    overall: list[SolutionResult]
    by_sector: dict[str, list[SolutionResult]]  # sector -> solutions ranked by its mean
    sectors: list[str]  # the sectors that voted, in the order of Sector's choices

    @property
    def sector_count(self) -> int:
        return len(self.sectors)


def _ranked(results: list[SolutionResult], key) -> list[SolutionResult]:
    return sorted(results, key=lambda r: (-key(r), str(r.solution).lower()))


def compute_results(
    *,
    solutions: Iterable,
    cells: Iterable[Cell],
    voting_sectors: Iterable[str],
    sector_order: Iterable[str],
) -> RoundResults:
    """Means, rankings and spreads. `cells` are (solution, sector) sums and counts of the
    scores; `voting_sectors` the sectors of the institutions that cast a ballot."""
    by_solution: dict[int, list[Cell]] = {}
    for cell in cells:
        by_solution.setdefault(cell.solution_id, []).append(cell)
    results = []
    for solution in solutions:
        its_cells = by_solution.get(solution.pk, [])
        total = sum(c.total for c in its_cells)
        count = sum(c.count for c in its_cells)
        results.append(
            SolutionResult(
                solution=solution,
                mean=total / count if count else 0.0,
                sector_means={c.sector: c.total / c.count for c in its_cells if c.count},
            )
        )
    overall = _ranked(results, lambda r: r.mean)
    for position, result in enumerate(overall, start=1):
        result.rank = position
    voting = set(voting_sectors)
    sectors = [sector for sector in sector_order if sector in voting]
    by_sector = {
        sector: _ranked(
            [r for r in results if sector in r.sector_means],
            lambda r, sector=sector: r.sector_means[sector],
        )
        for sector in sectors
    }
    return RoundResults(overall=overall, by_sector=by_sector, sectors=sectors)


__all__ = ["SCALE_MIN", "Cell", "RoundResults", "SolutionResult", "compute_results"]
