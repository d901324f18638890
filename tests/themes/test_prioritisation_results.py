"""The results' arithmetic, on a small example computed by hand."""

import pytest

from members.models import Sector
from themes.prioritisation.results import Cell, compute_results

from .prioritisation_helpers import approved, cast, make_round, voter


class S:
    def __init__(self, pk, title):
        self.pk, self.title = pk, title

    def __str__(self):
        return self.title


def test_means_rankings_and_spread_by_hand():
    # Two criteria. Solution A: civil society 5,5 and 4,4 (two institutions) -> 4.5;
    # mining 2,2 -> 2.0; government 4,3 -> 3.5. Overall (5+5+4+4+2+2+4+3)/8 = 29/8 = 3.625.
    # Spread 4.5 - 2.0 = 2.5: divides the sectors.
    # Solution B: civil society 4 everywhere -> 4.0; mining 4,5 -> 4.5; government 4,4
    # -> 4.0. Overall (16+9+8)/8 = 33/8 = 4.125. Spread 0.5, every sector >= 3.5.
    a, b = S(1, "A"), S(2, "B")
    civil, mining, gov = Sector.CIVIL_SOCIETY, Sector.PRIVATE_MINING, Sector.GOVERNMENT_NATIONAL
    cells = [
        Cell(1, civil, 18, 4),
        Cell(1, mining, 4, 2),
        Cell(1, gov, 7, 2),
        Cell(2, civil, 16, 4),
        Cell(2, mining, 9, 2),
        Cell(2, gov, 8, 2),
    ]
    results = compute_results(
        solutions=[a, b],
        cells=cells,
        voting_sectors=[mining, civil, gov],
        sector_order=Sector.values,
    )
    first, second = results.overall
    assert (first.solution, first.rank, first.mean) == (b, 1, pytest.approx(4.125))
    assert (second.solution, second.rank, second.mean) == (a, 2, pytest.approx(3.625))
    assert second.sector_means == {civil: 4.5, mining: 2.0, gov: 3.5}
    assert second.spread == pytest.approx(2.5)
    assert second.agreement == "divided"
    assert second.agreement_label == "Divide a los sectores"
    assert first.spread == pytest.approx(0.5)
    assert first.agreement_label == "Todos los sectores coinciden: la valoran alto"
    # Sectors in the order of the choices, each ranking by its own mean.
    assert results.sectors == [gov, mining, civil]
    assert [r.solution for r in results.by_sector[civil]] == [a, b]
    assert [r.solution for r in results.by_sector[mining]] == [b, a]


def test_partial_agreement_and_too_few_sectors():
    a, b = S(1, "A"), S(2, "B")
    civil, mining = Sector.CIVIL_SOCIETY, Sector.PRIVATE_MINING
    results = compute_results(
        solutions=[a, b],
        cells=[Cell(1, civil, 4, 1), Cell(1, mining, 2.5 * 2, 2), Cell(2, civil, 3, 1)],
        voting_sectors=[civil, mining],
        sector_order=Sector.values,
    )
    by_title = {str(r.solution): r for r in results.overall}
    assert by_title["A"].spread == pytest.approx(1.5)
    assert by_title["A"].agreement_label == "Acuerdo parcial"
    assert by_title["B"].spread is None
    assert by_title["B"].agreement_label == "Muy pocos sectores para comparar"


@pytest.mark.django_db
def test_the_selector_weighs_each_institution_once():
    from themes.prioritisation.selectors import round_results

    round_ = make_round()
    one = approved(round_, "Mesa de cuenca")
    # Civil society: two institutions (5 and 3) -> 4.0; mining: one (1) -> 1.0.
    cast(round_, voter(Sector.CIVIL_SOCIETY, "Regantes"), {one: 5})
    cast(round_, voter(Sector.CIVIL_SOCIETY, "Junta Vecinal"), {one: 3})
    cast(round_, voter(Sector.PRIVATE_MINING, "Minera"), {one: 1})
    results = round_results(round_, [one])
    (result,) = results.overall
    assert result.sector_means == {Sector.CIVIL_SOCIETY: 4.0, Sector.PRIVATE_MINING: 1.0}
    assert result.mean == pytest.approx(3.0)
    assert result.spread == pytest.approx(3.0)
    assert results.sectors == [Sector.PRIVATE_MINING, Sector.CIVIL_SOCIETY]
