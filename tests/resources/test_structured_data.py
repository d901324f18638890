"""A library resource's page carries schema.org JSON-LD, read here with extruct: a Report
for reports, a CreativeWork for every other kind, with its breadcrumbs, in Spanish and in
English. Members-only resources carry none."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.licence import current_licence
from resources import pages
from resources.library import ResourceKind
from resources.pages import ArticlePage, NewsIndexPage
from tests.factories import InstitutionFactory, ThemeFactory
from tests.json_ld import crumbs, json_ld, node_of_type
from tests.resources.library_helpers import make_document, make_resource
from tests.resources.page_helpers import add_page, spanish_home
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


def test_a_news_article_is_an_article_with_its_breadcrumbs_at_no_extra_query(
    anon_client, without_page_cache, monkeypatch
):
    news = add_page(
        spanish_home(), NewsIndexPage(title="Noticias y convocatorias", slug="noticias")
    )
    add_page(
        news,
        ArticlePage(
            title="Convocatoria abierta",
            slug="convocatoria",
            summary="Comparta su experiencia.",
            date=datetime.date(2025, 3, 14),
        ),
    )

    # The licence (a site setting, members.licence) is read once, then kept in the cache.
    current_licence()
    with CaptureQueriesContext(connection) as queries:
        response = anon_client.get("/noticias/convocatoria/")

    article = node_of_type(response, "Article")
    assert article["headline"] == "Convocatoria abierta"
    assert article["description"] == "Comparta su experiencia."
    assert article["datePublished"] == "2025-03-14"
    assert article["inLanguage"] == "es"
    assert crumbs(response) == [
        ("Noticias y convocatorias", f"{SITE}/noticias/"),
        ("Convocatoria abierta", None),
    ]
    # The same page without its JSON-LD asks the database as many times: the page's own
    # breadcrumb loads the news index anyway.
    cache.clear()
    current_licence()
    monkeypatch.setattr(pages, "article_page_json_ld", lambda page, request: "")
    with CaptureQueriesContext(connection) as without:
        response = anon_client.get("/noticias/convocatoria/")
    assert json_ld(response) == []
    assert len(queries) == len(without)
