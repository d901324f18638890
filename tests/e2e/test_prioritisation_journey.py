"""In a real browser, a prioritisation round from the admin to the published results: a
facilitator frames the round (with its criteria) and opens it; members of three
institutions of different sectors propose solutions and cast their institution's ballot
(one of them fixes a score off the scale; a colleague replaces her institution's ballot);
the facilitator approves and rejects proposals, closes the round, and publishes; an
anonymous visitor reads the ranking by sector and how far the sectors agree."""

import re

from playwright.sync_api import expect

from members.models import Sector
from tests.e2e import journeys
from tests.factories import (
    FacilitatorFactory,
    InstitutionFactory,
    MemberFactory,
    ThemeFactory,
)
from themes.prioritisation.models import Ballot, PrioritisationRound, RoundStatus, Solution

TITLE = "Agua suficiente para todos los usos en Moquegua"
SOLUTIONS = {
    "civil": "Monitoreo participativo del agua con las juntas de usuarios",
    "mining": "Reúso de aguas residuales tratadas en la operación minera",
    "gov": "Mesa técnica de cuenca con presupuesto propio",
}


def _person(sector, institution, name):
    return MemberFactory(
        institution=InstitutionFactory(name=institution, sector=sector), full_name=name
    )


def _as(browser, live_url, person, next_url):
    context = journeys.new_context(browser)
    page = context.new_page()
    journeys.log_in(page, live_url, person.email, next_url=next_url)
    return context, page


def _admin_action(page, title, action):
    row = page.get_by_role("row").filter(has_text=title)
    row.get_by_role("button", name=re.compile("Más opciones")).click()
    row.get_by_role("link", name=action).click()


def test_a_round_from_the_admin_to_the_results_by_sector(page, browser, live_url):
    ThemeFactory(order=3, slug="recursos-hidricos", name_es="Gestión de recursos hídricos")
    facilitator = FacilitatorFactory(full_name="Lucía Mendoza Flores")
    civil = _person(Sector.CIVIL_SOCIETY, "Junta de Usuarios de Moquegua", "Rosa Quispe")
    civil_colleague = MemberFactory(institution=civil.institution, full_name="Juan Mamani")
    mining = _person(Sector.PRIVATE_MINING, "Minera del Sur S.A.", "Carlos Paredes")
    gov = _person(Sector.GOVERNMENT_REGIONAL_LOCAL, "Gobierno Regional de Moquegua", "Elena Ticona")

    # ---- The facilitator frames the round in the admin, with two criteria, and opens it.
    journeys.log_in(page, live_url, facilitator.email, next_url="/admin/prioritisation/rounds/new/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_slug").fill("agua-para-todos")
    page.get_by_label("Gestión de recursos hídricos").check()
    page.locator("#id_opens_on").fill("2026-11-01")
    page.locator("#id_closes_on").fill("2026-12-31")
    page.keyboard.press("Escape")  # the date picker would cover the next fields
    page.locator("#id_title").click()
    page.locator("#id_min_sectors").fill("3")
    page.locator("#id_implementation_gap").fill(
        "Los planes de gestión de la cuenca existen, pero nadie los ejecuta."
    )
    page.locator("#id_contextual_factors").fill(
        "Desconfianza entre regantes y empresas; poca capacidad técnica municipal."
    )
    page.locator("#id_complementary_measures").fill(
        "Sanciones efectivas y coordinación entre niveles de gobierno."
    )
    page.locator("#id_criteria-0-name").fill("Efecto esperado")
    page.locator("#id_criteria-ADD").click()
    page.locator("#id_criteria-1-name").fill("Factibilidad")
    page.get_by_role("button", name=re.compile("^(Crear|Guardar)$")).click()
    expect(page.get_by_role("row").filter(has_text=TITLE)).to_contain_text("Borrador")
    page.get_by_role("link", name=TITLE).click()
    page.locator("#id_summary").fill("Qué hacer para que el agua alcance para todos.")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_role("row").filter(has_text=TITLE)).to_contain_text("Borrador")
    _admin_action(page, TITLE, "Abrir la ronda")
    page.get_by_role("button", name="Sí, abrirla").click()
    expect(page.locator(".messages")).to_contain_text("está abierta")
    round_ = PrioritisationRound.objects.get()
    assert round_.status == RoundStatus.OPEN and round_.criteria.count() == 2
    assert round_.summary.startswith("Qué hacer")

    # ---- Members of three sectors propose a solution each.
    contexts = {}
    for key, person in (("civil", civil), ("mining", mining), ("gov", gov)):
        context, member_page = _as(browser, live_url, person, "/priorizacion/agua-para-todos/")
        contexts[key] = (context, member_page)
        form = member_page.locator("form.solution-form")
        journeys.field(form, "La solución, en una frase").fill(SOLUTIONS[key])
        journeys.field(form, "En qué consiste y qué pieza faltante completa").fill(
            "Cubre una pieza que falta: la ejecución con seguimiento público."
        )
        journeys.field(form, "Quién actuaría").fill("Autoridad Local del Agua")
        form.get_by_label("Ilo").first.check()
        form.get_by_role("button", name="Enviar la propuesta").click()
        expect(member_page.locator(".messages")).to_contain_text("cuando un facilitador")
        expect(member_page.get_by_text("En espera de moderación")).to_be_visible()

    # ---- The facilitator edits one, approves the three and rejects a duplicate.
    duplicate = Solution.objects.create(
        round=round_,
        title="Monitoreo del agua (repetida)",
        description="Igual a otra.",
        who_acts="ALA",
        proposer=civil_colleague,
        institution=civil.institution,
    )
    page.goto(f"{live_url}/admin/prioritisation/solutions/")
    page.get_by_role("link", name=SOLUTIONS["gov"]).click()
    page.locator("#id_who_acts").fill("Gobierno Regional y ALA Moquegua")
    page.get_by_role("button", name="Guardar").click()
    for title in SOLUTIONS.values():
        _admin_action(page, title, "Aprobar")
        page.get_by_role("button", name="Sí, aprobar").click()
        expect(page.locator(".messages")).to_contain_text("está aprobada")
    _admin_action(page, duplicate.title, "Rechazar")
    page.locator("#id_note").fill("Repite la propuesta de monitoreo participativo.")
    page.get_by_role("button", name="Sí, rechazar").click()
    expect(page.locator(".messages")).to_contain_text("está rechazada")

    # ---- Each institution votes; a score off the scale is refused and nothing is stored.
    votes = {
        "civil": {"civil": "5", "mining": "2", "gov": "4"},
        "mining": {"civil": "2", "mining": "5", "gov": "4"},
        "gov": {"civil": "4", "mining": "3", "gov": "5"},
    }

    def fill(ballot, key):
        for solution_key, value in votes[key].items():
            group = ballot.locator("fieldset").filter(has_text=SOLUTIONS[solution_key])
            for select in group.locator("select").all():
                select.select_option(value)

    for key, (_context, member_page) in contexts.items():
        member_page.reload()
        ballot = member_page.locator("form.ballot-form")
        fill(ballot, key)
        if key == "mining":
            # A tampered value (not among the options) comes back with a clear message.
            ballot.locator("select").first.evaluate(
                "el => { const o = new Option('9', '9'); el.add(o); el.value = '9'; }"
            )
            ballot.get_by_role("button", name="Guardar la papeleta de mi institución").click()
            expect(member_page.locator(".messages")).to_contain_text("número entero del 1 al 5")
            assert not Ballot.objects.filter(institution=mining.institution).exists()
            ballot = member_page.locator("form.ballot-form")
            fill(ballot, key)
        ballot.get_by_role("button", name="Guardar la papeleta de mi institución").click()
        expect(member_page.locator(".messages")).to_contain_text("Se guardó la papeleta")
    journeys.screenshot(contexts["civil"][1], "ronda-abierta-papeleta")

    # A colleague of the civil-society institution changes its ballot: the same ballot.
    context, colleague_page = _as(
        browser, live_url, civil_colleague, "/priorizacion/agua-para-todos/"
    )
    expect(colleague_page.locator(".ballot-status")).to_contain_text("Rosa Quispe")
    ballot = colleague_page.locator("form.ballot-form")
    group = ballot.locator("fieldset").filter(has_text=SOLUTIONS["mining"])
    for select in group.locator("select").all():
        select.select_option("1")
    ballot.get_by_role("button", name="Guardar la papeleta de mi institución").click()
    expect(colleague_page.locator(".ballot-status")).to_contain_text("Juan Mamani")
    context.close()
    assert Ballot.objects.count() == 3
    for context, _page in contexts.values():
        context.close()

    # ---- The facilitator closes the round and publishes its results.
    page.goto(f"{live_url}/admin/prioritisation/rounds/")
    _admin_action(page, TITLE, "Cerrar la ronda")
    page.get_by_role("button", name="Sí, cerrarla").click()
    expect(page.locator(".messages")).to_contain_text("está cerrada")
    page.goto(f"{live_url}/admin/prioritisation/rounds/")
    _admin_action(page, TITLE, "Publicar los resultados")
    page.get_by_role("button", name="Sí, publicar").click()
    expect(page.locator(".messages")).to_contain_text("están publicados")

    # ---- An anonymous visitor reads the ranking, by sector, and the spread.
    page = journeys.new_context(browser).new_page()
    page.goto(f"{live_url}/priorizacion/")
    expect(page.get_by_role("main")).to_contain_text("Resultados publicados")
    journeys.screenshot(page, "rondas")
    page.get_by_role("link", name=TITLE).click()
    results = page.locator("#resultados")
    expect(results).to_contain_text("3 sectores participaron")
    expect(results).to_contain_text("Organizaciones de la sociedad civil")
    ranking = results.locator("table").first
    # Means: gov 4.33, civil 3.67, mining 2.67 (the colleague's 1 for mining's solution).
    expect(ranking.locator("tbody tr").first).to_contain_text(SOLUTIONS["gov"])
    spread = results.locator("table.spread-table")
    expect(spread.locator("tr").filter(has_text=SOLUTIONS["gov"])).to_contain_text(
        "Todos los sectores coinciden"
    )
    expect(spread.locator("tr").filter(has_text=SOLUTIONS["mining"])).to_contain_text(
        "Divide a los sectores"
    )
    expect(results.get_by_role("heading", name="Clasificación por sector")).to_be_visible()
    journeys.screenshot(page, "ronda-resultados")
