"""Helpers of the tests of the site search: pages to find, and the groups of results."""

from col_portal.models import HomePage
from resources.pages import StandardPage
from tests.resources.library_helpers import soup
from tests.resources.page_helpers import publish


def spanish_home():
    return HomePage.objects.get(locale__language_code="es")


def add_page(
    title, *, parent=None, live=True, text="Texto sobre el agua compartida."
) -> StandardPage:
    page = StandardPage(
        title=title,
        introduction=text,
        body=[{"type": "paragraph", "value": f"<p>{text}</p>"}],
        live=live,
    )
    (parent or spanish_home()).add_child(instance=page)
    if live:
        return publish(page)
    page.save_revision()
    return page


def groups(response) -> dict[str, list[str]]:
    """Group key -> titles shown in it."""
    shown = {}
    for section in soup(response).select("section.section-results"):
        key = section.select_one("h2")["id"].removeprefix("results-")
        shown[key] = [link.text.strip() for link in section.select(".card-title a, .link-list a")]
    return shown
