"""Prioritisation rounds: who may do what, and every bad input refused with a clear
message and nothing stored."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from members.models import Sector
from tests.factories import ContributionFactory, FacilitatorFactory, UserFactory, district
from themes.models import Visibility
from themes.prioritisation import services
from themes.prioritisation.models import (
    Ballot,
    RoundStatus,
    Score,
    Solution,
    SolutionStatus,
)

from .prioritisation_helpers import approved, cast, full_scores, make_round, voter

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return make_round()


@pytest.fixture
def solutions(round_):
    return [approved(round_, "Mesa de cuenca"), approved(round_, "Monitoreo participativo")]


def test_a_member_saves_the_ballot_of_their_institution(round_, solutions):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    ballot = services.ballot_save(round_=round_, user=ana, scores=full_scores(round_, solutions, 4))
    assert ballot.institution == ana.institution
    assert ballot.last_edited_by == ana
    assert sorted(ballot.scores.values_list("value", flat=True)) == [4, 4, 4, 4]


def test_a_second_submission_by_a_colleague_replaces_the_first(round_, solutions):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    from tests.factories import MemberFactory

    colleague = MemberFactory(institution=ana.institution, full_name="Carla Colega")
    services.ballot_save(round_=round_, user=ana, scores=full_scores(round_, solutions, 2))
    services.ballot_save(round_=round_, user=colleague, scores=full_scores(round_, solutions, 5))
    ballot = Ballot.objects.get()
    assert ballot.last_edited_by == colleague
    assert set(ballot.scores.values_list("value", flat=True)) == {5}
    assert Score.objects.count() == 4


@pytest.mark.parametrize(
    "who, error, message",
    [
        ("anonymous", PermissionDenied, "Solo los miembros de una institución"),
        ("no role", PermissionDenied, "Solo los miembros de una institución"),
        ("facilitator", PermissionDenied, "Los facilitadores no pueden votar"),
    ],
)
def test_only_members_vote(round_, solutions, who, error, message):
    from django.contrib.auth.models import AnonymousUser

    user = {
        "anonymous": AnonymousUser(),
        "no role": UserFactory(),
        "facilitator": FacilitatorFactory(),
    }[who]
    with pytest.raises(error, match=message):
        services.ballot_save(round_=round_, user=user, scores=full_scores(round_, solutions, 3))
    assert not Ballot.objects.exists()


def test_nobody_votes_for_another_institution(round_, solutions):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    beto = voter(Sector.PRIVATE_MINING, "Minera del Sur")
    with pytest.raises(PermissionDenied, match="Solo puede votar por su propia institución"):
        services.ballot_save(
            round_=round_,
            user=ana,
            institution=beto.institution,
            scores=full_scores(round_, solutions, 3),
        )
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED, RoundStatus.PUBLISHED])
def test_no_ballot_outside_an_open_round(round_, solutions, status):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    round_.status = status
    round_.save()
    with pytest.raises(ValidationError, match="Esta ronda está cerrada"):
        services.ballot_save(round_=round_, user=ana, scores=full_scores(round_, solutions, 3))
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("value", [0, 6, -1, "3.5", "muy alto", ""])
def test_scores_off_the_scale_are_refused(round_, solutions, value):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    scores = full_scores(round_, solutions, 3)
    scores[next(iter(scores))] = value
    with pytest.raises(ValidationError) as caught:
        services.ballot_save(round_=round_, user=ana, scores=scores)
    expected = "Califique cada solución" if value == "" else "número entero del 1 al 5"
    assert expected in " ".join(caught.value.messages)
    assert not Ballot.objects.exists() and not Score.objects.exists()


def test_an_existing_ballot_is_kept_when_the_new_one_is_wrong(round_, solutions):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    services.ballot_save(round_=round_, user=ana, scores=full_scores(round_, solutions, 2))
    scores = full_scores(round_, solutions, 5)
    scores[next(iter(scores))] = 9
    with pytest.raises(ValidationError):
        services.ballot_save(round_=round_, user=ana, scores=scores)
    assert set(Score.objects.values_list("value", flat=True)) == {2}


def test_unknown_or_unapproved_solutions_are_refused(round_, solutions):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    pending = approved(round_, "Aún sin revisar")
    pending.status = SolutionStatus.PENDING
    pending.save()
    other_round = make_round(slug="otra-ronda")
    foreign = approved(other_round, "De otra ronda")
    criterion = round_.criteria.first()
    for solution_id in (pending.pk, foreign.pk, 999999):
        scores = {**full_scores(round_, solutions, 3), (solution_id, criterion.pk): 3}
        with pytest.raises(ValidationError, match="no forma parte de esta ronda"):
            services.ballot_save(round_=round_, user=ana, scores=scores)
    assert not Ballot.objects.exists()


def test_the_database_checks_the_scale_and_one_ballot_per_institution(round_, solutions):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    ballot = cast(round_, ana, {solutions[0]: 3})
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(ballot=ballot).update(value=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(round=round_, institution=ana.institution)


def test_proposals_wait_for_moderation_and_cite_only_readable_lessons(round_):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    theme = round_.themes.get()
    lesson = ContributionFactory(primary_theme=theme, title="Mesa de diálogo de Ilo")
    solution = services.solution_propose(
        round_=round_,
        user=ana,
        title="Mesa técnica del agua",
        description="Una mesa permanente con datos abiertos.",
        who_acts="ALA Moquegua y municipalidades",
        lessons=[lesson],
        districts=[district("torata")],
    )
    assert solution.status == SolutionStatus.PENDING
    assert solution.institution == ana.institution
    assert list(solution.lessons.all()) == [lesson]

    draft = ContributionFactory(primary_theme=theme, published=False)
    hidden = ContributionFactory(primary_theme=theme, visibility=Visibility.MEMBERS)
    outsider = UserFactory()
    with pytest.raises(PermissionDenied, match="Solo los miembros de la Comunidad"):
        services.solution_propose(
            round_=round_, user=outsider, title="x", description="x", who_acts="x"
        )
    with pytest.raises(ValidationError, match="Elija lecciones"):
        services.solution_propose(
            round_=round_, user=ana, title="x", description="x", who_acts="x", lessons=[draft]
        )
    assert hidden.pk  # members-only lessons are readable by members: accepted
    assert Solution.objects.count() == 1


def test_no_proposal_in_a_closed_round(round_):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    round_.status = RoundStatus.CLOSED
    round_.save()
    with pytest.raises(ValidationError, match="Esta ronda no está abierta"):
        services.solution_propose(round_=round_, user=ana, title="x", description="x", who_acts="x")
    assert not Solution.objects.exists()


def test_round_lifecycle_is_in_the_site_history_and_publishing_needs_enough_sectors():
    round_ = make_round(status=RoundStatus.DRAFT, min_sectors=3)
    facilitator = FacilitatorFactory()
    member = voter(Sector.ACADEMIA, "Universidad")
    with pytest.raises(PermissionDenied):
        services.round_open(round_=round_, user=member)
    services.round_open(round_=round_, user=facilitator)
    with pytest.raises(ValidationError, match="Solo se puede abrir una ronda en borrador"):
        services.round_open(round_=round_, user=facilitator)
    solution = approved(round_, "Mesa de cuenca")
    cast(round_, voter(Sector.CIVIL_SOCIETY, "Regantes"), {solution: 4})
    cast(round_, voter(Sector.PRIVATE_MINING, "Minera"), {solution: 2})
    with pytest.raises(ValidationError, match="Cierre la ronda"):
        services.round_publish(round_=round_, user=facilitator)
    services.round_close(round_=round_, user=facilitator)
    with pytest.raises(ValidationError) as caught:
        services.round_publish(round_=round_, user=facilitator)
    assert caught.value.messages == [
        "Solo 2 sector(es) han votado; esta ronda necesita al menos 3 para publicar sus resultados."
    ]
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    cast(round_, voter(Sector.GOVERNMENT_REGIONAL_LOCAL, "Gobierno Regional"), {solution: 3})
    services.round_publish(round_=round_, user=facilitator)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PUBLISHED and round_.published_at
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(round_.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["themes.round_open", "themes.round_close", "themes.round_publish"]


def test_a_round_opens_only_with_criteria():
    round_ = make_round(status=RoundStatus.DRAFT, criteria=0)
    with pytest.raises(ValidationError, match="al menos un criterio"):
        services.round_open(round_=round_, user=FacilitatorFactory())
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT
