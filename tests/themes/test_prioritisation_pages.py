"""The rounds on the portal: what each person sees on the list and on a round's page
(proposal form, the institution's ballot, the results), the forms' answers to bad input,
and fixed query budgets whatever the number of solutions, ballots and sectors."""

import re

import pytest
from django.contrib.messages import get_messages

from members.models import Sector
from tests.factories import ContributionFactory, FacilitatorFactory, MemberFactory, UserFactory
from themes.prioritisation.models import Ballot, RoundStatus, Score, Solution, SolutionStatus

from .prioritisation_helpers import approved, cast, full_scores, make_round, voter

pytestmark = pytest.mark.django_db

PAGE = "/priorizacion/agua-para-todos/"


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def round_():
    return make_round()


def test_the_list_shows_open_and_published_rounds_but_never_drafts(client):
    make_round(slug="abierta")
    draft = make_round(slug="borrador", status=RoundStatus.DRAFT)
    draft.title = "Ronda en preparación"
    draft.save()
    page = text(client.get("/priorizacion/"))
    assert "Soluciones priorizadas" in page
    assert "Agua para todos los usos" in page and "Abierta" in page
    assert "Ronda en preparación" not in page
    assert client.get("/priorizacion/borrador/").status_code == 404


def test_the_list_says_when_there_is_no_round(client):
    assert "Todavía no se ha abierto ninguna ronda" in text(client.get("/priorizacion/"))


def test_an_open_round_shows_the_analysis_and_invites_visitors_to_log_in(client, round_):
    approved(round_, "Mesa de cuenca")
    page = text(client.get(PAGE))
    assert "El problema, en términos de TAP-Plus" in page
    assert "Los planes de gestión de cuenca existen" in page
    assert "Efecto esperado" in page and "Mesa de cuenca" in page
    # Dates as Spanish writes them, on the page and on the list.
    assert "Del 1 de noviembre de 2026 al 31 de diciembre de 2026" in page
    assert "Del 1 de noviembre de 2026 al 31 de diciembre de 2026" in text(
        client.get("/priorizacion/")
    )
    assert "Inicie sesión para proponer soluciones y votar" in page
    assert "Guardar la papeleta" not in page


def test_a_member_sees_the_proposal_form_and_their_institutions_ballot(client, round_):
    solution = approved(round_, "Mesa de cuenca")
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    colleague = MemberFactory(institution=ana.institution, full_name="Carla Colega")
    cast(round_, colleague, {solution: 4})
    client.force_login(ana)
    page = text(client.get(PAGE))
    assert "Proponer una solución" in page
    assert "La papeleta de Asociación de Regantes" in page
    assert "Última modificación: Carla Colega" in page
    assert '<option value="4" selected>' in page


def test_facilitators_and_people_without_a_role_get_no_ballot(client, round_):
    approved(round_, "Mesa de cuenca")
    for person in (FacilitatorFactory(), UserFactory()):
        client.force_login(person)
        page = text(client.get(PAGE))
        assert "Guardar la papeleta" not in page
    assert "Proponer una solución" not in page  # no role: no proposals either


def test_voting_through_the_page_and_a_bad_score_refused(client, round_):
    one, two = approved(round_, "Mesa de cuenca"), approved(round_, "Monitoreo participativo")
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    client.force_login(ana)
    form = {f"score-{s}-{c}": "3" for (s, c) in full_scores(round_, [one, two], 3)}
    response = client.post(
        f"{PAGE}votar/", {**form, f"score-{one.pk}-{round_.criteria.first().pk}": "7"}
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Cada puntuación debe ser un número entero del 1 al 5."
    ]
    assert not Ballot.objects.exists()
    response = client.post(f"{PAGE}votar/", {**form, "score-abc-1": "3"}, follow=True)
    assert "Una de las soluciones calificadas no forma parte de esta ronda." in text(response)
    assert not Score.objects.exists()
    response = client.post(f"{PAGE}votar/", form, follow=True)
    assert "Se guardó la papeleta de su institución" in text(response)
    assert Score.objects.count() == 4


def test_proposing_through_the_page(client, round_):
    ana = voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes")
    lesson = ContributionFactory(primary_theme=round_.themes.get(), title="Mesa de Ilo")
    client.force_login(ana)
    response = client.post(f"{PAGE}proponer/", {"title": "", "description": "", "who_acts": ""})
    assert response.status_code == 400
    assert "Este campo es necesario." in text(response)
    assert not Solution.objects.exists()
    response = client.post(
        f"{PAGE}proponer/",
        {
            "title": "Mesa técnica del agua",
            "description": "Una mesa permanente con datos abiertos.",
            "who_acts": "ALA Moquegua",
            "lessons": [lesson.pk],
        },
        follow=True,
    )
    page = text(response)
    assert "su solución aparecerá cuando un facilitador la haya revisado" in page
    assert "Sus propuestas" in page and "En espera de moderación" in page
    assert Solution.objects.get().status == SolutionStatus.PENDING
    # Pending: nobody else sees it.
    client.logout()
    assert "Mesa técnica del agua" not in text(client.get(PAGE))


def published_round(sectors):
    round_ = make_round(status=RoundStatus.PUBLISHED)
    unity = approved(round_, "Mesa de cuenca")
    split = approved(round_, "Canon para riego tecnificado")
    for index, sector in enumerate(sectors):
        high = 4 if sector != Sector.PRIVATE_MINING else 5
        cast(
            round_, voter(sector, f"Institución {index}"), {unity: high, split: 5 - 3 * (index % 2)}
        )
    return round_


def test_published_results_show_the_ranking_by_sector_and_the_spread(client):
    published_round([Sector.CIVIL_SOCIETY, Sector.PRIVATE_MINING, Sector.ACADEMIA])
    page = text(client.get(PAGE))
    assert "Clasificación general" in page and "Clasificación por sector" in page
    assert "3 sectores participaron:" in page
    assert "Empresas mineras y sector privado" in page
    assert "Todos los sectores coinciden: la valoran alto" in page
    assert "Divide a los sectores" in page
    assert page.count("<svg viewBox") == 2 and page.count("<table") == 2
    # SVG coordinates are never written the Spanish way ("499,5"): the chart would break.
    assert not re.search(r' (x|y|x1|x2|cx|width)="-?\d+,\d', page)
    # Never one institution's ballot.
    assert "Institución 0" not in page


def test_results_are_not_shown_before_publication(client):
    round_ = published_round([Sector.CIVIL_SOCIETY, Sector.PRIVATE_MINING])
    round_.status = RoundStatus.CLOSED
    round_.save()
    page = text(client.get(PAGE))
    assert "Clasificación general" not in page
    assert "2 instituciones han votado" in page


def _sizes(number):
    sectors = list(Sector.values)
    round_ = make_round(status=RoundStatus.PUBLISHED, slug=f"ronda-{number}")
    solutions = [approved(round_, f"Solución {number}-{n}") for n in range(number)]
    for n in range(number):
        lesson = ContributionFactory(primary_theme=round_.themes.get())
        solutions[n].lessons.add(lesson)
    for n in range(number):
        cast(
            round_,
            voter(sectors[n % len(sectors)], f"Inst {number}-{n}"),
            dict.fromkeys(solutions, 3),
        )
    return round_


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_round_pages_run_a_fixed_number_of_queries(client, role, django_assert_max_num_queries):
    if role == "member":
        client.force_login(voter(Sector.ACADEMIA, "Universidad Votante"))

    def count(url, budget):
        client.get(url)
        with django_assert_max_num_queries(budget) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries)

    small = _sizes(2)
    list_small = count("/priorizacion/", 12)
    page_small = count(small.get_absolute_url(), 22)
    large = _sizes(9)
    assert count("/priorizacion/", 12) == list_small
    assert count(large.get_absolute_url(), 22) == page_small
    # An open round with the member's ballot form.
    for round_ in (small, large):
        round_.status = RoundStatus.OPEN
        round_.save()
    assert count(small.get_absolute_url(), 24) == count(large.get_absolute_url(), 24)


def test_a_facilitator_posting_a_ballot_stores_nothing(client, round_):
    one = approved(round_, "Mesa de cuenca")
    client.force_login(FacilitatorFactory())
    form = {f"score-{s}-{c}": "5" for (s, c) in full_scores(round_, [one], 5)}
    response = client.post(f"{PAGE}votar/", form, follow=True)
    assert "Los facilitadores no pueden votar en nombre de una institución." in text(response)
    assert not Ballot.objects.exists()


def test_a_ballot_posted_after_the_round_closed_stores_nothing(client, round_):
    one = approved(round_, "Mesa de cuenca")
    client.force_login(voter(Sector.CIVIL_SOCIETY, "Asociación de Regantes"))
    round_.status = RoundStatus.CLOSED
    round_.save()
    form = {f"score-{s}-{c}": "5" for (s, c) in full_scores(round_, [one], 5)}
    response = client.post(f"{PAGE}votar/", form, follow=True)
    assert "Esta ronda está cerrada: sus papeletas ya no pueden cambiar." in text(response)
    assert "Guardar la papeleta" not in text(response)
    assert not Ballot.objects.exists()
