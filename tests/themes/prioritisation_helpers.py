"""A prioritisation round with its criteria and approved solutions, and institutions of
different sectors with one member each (shared by the prioritisation tests)."""

import datetime

from members.models import Sector
from tests.factories import InstitutionFactory, MemberFactory, ThemeFactory
from themes.prioritisation.models import (
    Ballot,
    Criterion,
    PrioritisationRound,
    RoundStatus,
    Score,
    Solution,
    SolutionStatus,
)


def make_round(*, status=RoundStatus.OPEN, slug="agua-para-todos", criteria=2, min_sectors=3):
    theme = ThemeFactory(order=3, slug="recursos-hidricos", name_es="Recursos hídricos")
    round_ = PrioritisationRound.objects.create(
        title="Agua para todos los usos",
        slug=slug,
        summary="Qué hacer para que el agua alcance para la mina, el agro y las ciudades.",
        implementation_gap="Los planes de gestión de cuenca existen pero no se ejecutan.",
        contextual_factors="Desconfianza entre regantes y empresas; poca capacidad técnica.",
        complementary_measures="Sanciones efectivas y coordinación entre niveles de gobierno.",
        opens_on=datetime.date(2026, 11, 1),
        closes_on=datetime.date(2026, 12, 31),
        status=status,
        min_sectors=min_sectors,
    )
    round_.themes.add(theme)
    names = ["Efecto esperado", "Factibilidad", "Urgencia"][:criteria]
    for order, name in enumerate(names):
        Criterion.objects.create(round=round_, name=name, sort_order=order)
    return round_


def voter(sector, name):
    institution = InstitutionFactory(name=name, sector=sector)
    return MemberFactory(institution=institution, full_name=f"Socia de {name}")


def approved(round_, title, *, proposer=None):
    proposer = proposer or voter(Sector.ACADEMIA, "Universidad Proponente")
    return Solution.objects.create(
        round=round_,
        title=title,
        description=f"{title}: descripción.",
        who_acts="Autoridad Local del Agua",
        proposer=proposer,
        institution=proposer.institution,
        status=SolutionStatus.APPROVED,
    )


def cast(round_, user, values):
    """A ballot written directly: {solution: value for every criterion}."""
    ballot = Ballot.objects.create(round=round_, institution=user.institution, last_edited_by=user)
    for solution, value in values.items():
        for criterion in round_.criteria.all():
            Score.objects.create(ballot=ballot, solution=solution, criterion=criterion, value=value)
    return ballot


def full_scores(round_, solutions, value):
    return {(s.pk, c.pk): value for s in solutions for c in round_.criteria.all()}
