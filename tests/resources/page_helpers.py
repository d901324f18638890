"""Small builders for the page tests (tests/resources/test_*pages*, the Foundational
Document and the home page): pages are made the way editors make them, through Wagtail."""

from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from col_portal.models import HomePage
from resources import page_seed
from resources.page_content import h2, h3, p, quote, table
from resources.pages import FoundationalDocumentPage

DOCUMENT_BODY = [
    p("Texto de trabajo preparado para los talleres."),
    h2("1. Propósito", "proposito"),
    p("Promover el intercambio de experiencias sobre la renta minera."),
    h2("2. Principios", "principios"),
    h3("Espacio neutral", "espacio-neutral"),
    p("Ningún sector es dueño de la Comunidad."),
    quote("La confianza se construye con hechos.", "Taller de 2022"),
    h2("3. Miembros y roles", "miembros-y-roles"),
    table("Roles", ["Rol", "Qué hace"], [["Facilitación", "Conduce los talleres."]]),
]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def spanish_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="es")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent, page):
    parent.add_child(instance=page)
    return publish(page)


def make_document(**fields) -> FoundationalDocumentPage:
    values = {
        "title": "Documento Fundacional",
        "slug": "documento-fundacional",
        "version": "1.0",
        "body": DOCUMENT_BODY,
    }
    values.update(fields)
    return add_page(spanish_home(), FoundationalDocumentPage(**values))


def english_locale() -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


def english_home() -> HomePage:
    """The English home page (a published translation of the Spanish one)."""
    home = spanish_home()
    translation = home.get_translation_or_none(english_locale())
    if translation is not None:
        return translation.specific
    translation = home.copy_for_translation(english_locale()).specific
    translation.title = "Moquegua Community of Learning"
    return publish(translation)


def translate(page, **fields):
    """A published English translation of the page, with the given English fields."""
    english_home()
    translation = page.copy_for_translation(english_locale()).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


def seeded_page(key: str, language: str):
    """The page seeded under `key` (page_seed's translation key) in that language."""
    return Page.objects.get(
        translation_key=page_seed.translation_key(key), locale__language_code=language
    ).specific
