"""A reuser (a journalist, a researcher) finds the open data API: reads its documentation
(Swagger UI, served by the portal itself), tries the lessons list there, then browses the
API and reads a lesson as JSON. Under the portal's Content-Security-Policy, with not one
violation or console error."""

import json
import re

from playwright.sync_api import expect

from tests.factories import ContributionFactory, district

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def test_a_reuser_reads_the_api_docs_and_the_lessons_json(page, live_url):
    ContributionFactory(
        title="Vigilancia del agua en Ilo",
        slug="vigilancia-agua-ilo",
        districts=[district("ilo-distrito")],
    )
    problems: list[str] = []
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    def assert_clean(where):
        page.wait_for_load_state("load")
        assert page.evaluate("window.__cspViolations || []") == [], where
        assert problems == [], (where, problems)

    # The documentation: Swagger UI, its scripts and the schema from the portal itself.
    response = page.goto(f"{live_url}/api/docs/")
    assert response.ok
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI builds the page from the schema, which the portal generates: give it time.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "Comunidad de Aprendizaje de Moquegua: API de datos abiertos", timeout=60_000
    )
    lessons = page.locator("#operations-lessons-lessons_list")
    expect(lessons).to_contain_text("Lecciones y experiencias")
    # "Try it out" on the lessons list: Swagger asks the API and shows the answer.
    lessons.locator(".opblock-summary").click()
    lessons.get_by_role("button", name="Try it out").click()
    lessons.get_by_role("button", name="Execute").click()
    expect(lessons.locator(".responses-wrapper .live-responses-table")).to_contain_text(
        "Vigilancia del agua en Ilo"
    )
    assert_clean("the documentation page")

    # In English.
    page.goto(f"{live_url}/api/docs/?lang=en")
    expect(page.locator("#operations-lessons-lessons_list")).to_contain_text(
        "Lessons and experiences", timeout=60_000
    )
    assert_clean("the documentation in English")

    # The browsable API: its front page, then the lessons, then a lesson.
    page.goto(f"{live_url}/api/")
    expect(page.locator("h1")).to_have_text("API de datos abiertos de la Comunidad de Aprendizaje")
    page.get_by_role("link", name=f"{live_url}/api/lessons/", exact=True).click()
    expect(page).to_have_url(f"{live_url}/api/lessons/")
    expect(page.locator("h1")).to_have_text("Lecciones y experiencias")
    expect(page.locator(".response-info")).to_contain_text("Vigilancia del agua en Ilo")
    # The filters open in a dialog (Bootstrap's script, a file of ours).
    page.get_by_role("button", name=re.compile("Filtros")).click()
    expect(page.locator("#filtersModal")).to_be_visible()
    page.keyboard.press("Escape")
    assert_clean("the browsable API")

    # The JSON itself, as a program gets it.
    answer = page.goto(f"{live_url}/api/lessons/?format=json&district=ilo-distrito")
    assert answer.headers["content-type"].startswith("application/json")
    data = json.loads(answer.text())
    assert [item["title"] for item in data["results"]] == ["Vigilancia del agua en Ilo"]
    assert data["results"][0]["url"] == f"{live_url}/lecciones/vigilancia-agua-ilo/"
    assert answer.headers["link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    # A JSON document has no favicon link: the browser's own guess (/favicon.ico) may 404.
    assert not [text for text in problems if "favicon" not in text and "404" not in text]
