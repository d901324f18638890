"""A library resource's page carries schema.org JSON-LD, read here with extruct: a Report
for reports, a CreativeWork for every other kind, with its breadcrumbs, in Spanish and in
English. Members-only resources carry none."""

import pytest

from resources.library import ResourceKind
from tests.factories import InstitutionFactory, ThemeFactory
from tests.json_ld import crumbs, json_ld, node_of_type
from tests.resources.library_helpers import make_document, make_resource
from themes.models import Visibility

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def test_a_study_with_its_file_is_a_creative_work(anon_client):
    theme = ThemeFactory(slug="agua", name_es="Gestión del agua", name_en="Water management")
    institution = InstitutionFactory(
        name="Universidad Nacional de Moquegua", short_name="UNAM", website=""
    )
    resource = make_resource(
        "Estudio de la renta minera",
        slug="estudio-renta",
        year=2022,
        themes=[theme],
        institutions=[institution],
        tags=["canon"],
        other_authors="Ministerio de Energía y Minas",
        document=make_document(),
    )

    response = anon_client.get("/recursos/estudio-renta/")

    work = node_of_type(response, "CreativeWork")
    assert work["url"] == f"{SITE}/recursos/estudio-renta/"
    assert work["name"] == "Estudio de la renta minera"
    assert work["description"] == "Resumen de «Estudio de la renta minera»."
    assert work["genre"] == "Estudio"
    assert work["datePublished"] == "2022"
    assert work["inLanguage"] == "es"
    assert [theme["name"] for theme in work["about"]] == ["Gestión del agua"]
    assert work["author"] == [
        {
            "@type": "Organization",
            "name": "Universidad Nacional de Moquegua",
            "alternateName": "UNAM",
        }
    ]
    assert work["creditText"] == "Ministerio de Energía y Minas"
    assert work["keywords"] == ["canon"]
    # The file is public with the resource: its address is given.
    assert work["associatedMedia"]["contentUrl"] == f"{SITE}{resource.document.url}"
    assert work["associatedMedia"]["encodingFormat"] == "application/pdf"
    assert crumbs(response) == [
        ("Biblioteca de recursos", f"{SITE}/recursos/"),
        ("Estudio", f"{SITE}/recursos/?kind=study"),
        ("Estudio de la renta minera", None),
    ]


def test_a_report_in_english(anon_client):
    make_resource(
        "Informe de transparencia",
        slug="informe-transparencia",
        kind=ResourceKind.REPORT,
        external_url="https://www.eiti.org/peru",
    )

    response = anon_client.get("/en/recursos/informe-transparencia/")

    report = node_of_type(response, "Report")
    assert report["url"] == f"{SITE}/en/recursos/informe-transparencia/"
    assert report["genre"] == "Report"
    assert report["sameAs"] == "https://www.eiti.org/peru"
    assert crumbs(response) == [
        ("Resources library", f"{SITE}/en/recursos/"),
        ("Report", f"{SITE}/en/recursos/?kind=report"),
        ("Informe de transparencia", None),
    ]


def test_a_members_only_resource_has_no_structured_data_even_for_members(member_client):
    make_resource("Acta reservada", slug="acta-reservada", visibility=Visibility.MEMBERS)

    response = member_client.get("/recursos/acta-reservada/")

    assert "Acta reservada" in response.content.decode()
    assert json_ld(response) == []
