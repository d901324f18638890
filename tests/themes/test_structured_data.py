"""A lesson's page and a theme's page carry schema.org JSON-LD, read here with extruct:
the lesson as an Article and LearningResource, the breadcrumbs as a BreadcrumbList, in
Spanish and in English. Members-only lessons carry none."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import InstitutionFactory, MemberFactory, district
from tests.json_ld import CC_BY, crumbs, json_ld, node_of_type, types_of
from themes.models import Contribution, ContributionKind, Visibility

from .lessons_helpers import publish

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture
def lesson(water, environment):
    author_institution = InstitutionFactory(
        name="Junta de Usuarios de Riego de Moquegua", short_name=""
    )
    author = MemberFactory(institution=author_institution)
    coauthor = MemberFactory(
        institution=InstitutionFactory(
            name="Universidad Nacional de Moquegua",
            short_name="UNAM",
            website="https://www.unam.edu.pe/",
        )
    )
    contribution = publish(
        title="Mesa del agua en Torata",
        slug="mesa-del-agua-en-torata",
        kind=ContributionKind.GOOD_PRACTICE,
        summary="Regantes, municipio y empresa acordaron turnos de riego.",
        primary_theme=water,
        secondary_themes=[environment],
        tags=["riego", "diálogo"],
        author=author,
        author_institution=author_institution,
        coauthors=[coauthor],
        districts=[district("torata")],
        period_start=2021,
        period_end=2023,
        language="es",
    )
    published = timezone.make_aware(datetime.datetime(2025, 3, 4, 10, 30))
    updated = timezone.make_aware(datetime.datetime(2025, 6, 1, 18, 0))
    Contribution.objects.filter(pk=contribution.pk).update(
        first_published_at=published, last_published_at=updated
    )
    return contribution


def test_a_lesson_is_an_article_and_a_learning_resource(anon_client, lesson):
    response = anon_client.get("/lecciones/mesa-del-agua-en-torata/")

    article = node_of_type(response, "Article")
    url = f"{SITE}/lecciones/mesa-del-agua-en-torata/"
    assert types_of(article) == {"Article", "LearningResource"}
    assert article["url"] == article["@id"] == url
    assert article["headline"] == "Mesa del agua en Torata"
    assert article["description"] == "Regantes, municipio y empresa acordaron turnos de riego."
    assert [theme["name"] for theme in article["about"]] == [
        "Gestión integrada de recursos hídricos",
        "Gestión ambiental",
    ]
    assert article["about"][0]["url"] == f"{SITE}/temas/recursos-hidricos/"
    # The authors are the institutions (the people stay on the page, not in the data).
    assert article["author"] == [
        {"@type": "Organization", "name": "Junta de Usuarios de Riego de Moquegua"},
        {
            "@type": "Organization",
            "name": "Universidad Nacional de Moquegua",
            "alternateName": "UNAM",
            "url": "https://www.unam.edu.pe/",
        },
    ]
    # Lima time, with its offset.
    assert article["datePublished"] == "2025-03-04T10:30:00-05:00"
    assert article["dateModified"] == "2025-06-01T18:00:00-05:00"
    assert article["inLanguage"] == "es"
    assert article["license"] == CC_BY
    assert sorted(article["keywords"]) == ["diálogo", "riego"]
    assert article["spatialCoverage"] == [
        {
            "@type": "Place",
            "name": "Torata, Mariscal Nieto, Moquegua, Perú",
            "url": f"{SITE}/territorio/mariscal-nieto/torata/",
            "identifier": {"@type": "PropertyValue", "propertyID": "ubigeo", "value": "180106"},
            "containedInPlace": {
                "@type": "AdministrativeArea",
                "name": "Mariscal Nieto, Moquegua, Perú",
                "url": f"{SITE}/territorio/mariscal-nieto/",
            },
        }
    ]
    assert article["temporalCoverage"] == "2021/2023"

    assert crumbs(response) == [
        ("Lecciones y experiencias", f"{SITE}/lecciones/"),
        ("Gestión integrada de recursos hídricos", f"{SITE}/temas/recursos-hidricos/"),
        ("Mesa del agua en Torata", None),
    ]


def test_the_english_page_names_themes_and_breadcrumbs_in_english(anon_client, lesson):
    response = anon_client.get("/en/lecciones/mesa-del-agua-en-torata/")

    article = node_of_type(response, "Article")
    assert article["url"] == f"{SITE}/en/lecciones/mesa-del-agua-en-torata/"
    assert [theme["name"] for theme in article["about"]] == [
        "Integrated water resources management",
        "Environment",
    ]
    # The lesson is written in Spanish, whatever the interface's language.
    assert article["inLanguage"] == "es"
    assert crumbs(response) == [
        ("Lessons and experiences", f"{SITE}/en/lecciones/"),
        ("Integrated water resources management", f"{SITE}/en/temas/recursos-hidricos/"),
        ("Mesa del agua en Torata", None),
    ]


def test_markup_in_a_title_stays_text_inside_the_data_block(anon_client, water):
    publish(
        title="</script><script>alert(1)</script> & <!-- Título",
        slug="titulo-con-html",
        summary="a < b > c",
        primary_theme=water,
    )

    response = anon_client.get("/lecciones/titulo-con-html/")

    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "\\u003c/script\\u003e" in html
    article = node_of_type(response, "Article")
    assert article["headline"] == "</script><script>alert(1)</script> & <!-- Título"
    assert article["description"] == "a < b > c"


def test_a_members_only_lesson_has_no_structured_data_even_for_members(member_client, water):
    publish(
        title="Acta reservada de la mesa",
        slug="acta-reservada",
        primary_theme=water,
        visibility=Visibility.MEMBERS,
    )

    response = member_client.get("/lecciones/acta-reservada/")

    assert "Acta reservada de la mesa" in response.content.decode()
    assert json_ld(response) == []


@pytest.mark.parametrize(
    ("prefix", "index_name", "current"),
    [
        ("", "Temas prioritarios", "Gestión integrada de recursos hídricos"),
        ("/en", "Priority themes", "Integrated water resources management"),
    ],
)
def test_a_theme_page_has_its_breadcrumbs(anon_client, water, prefix, index_name, current):
    response = anon_client.get(f"{prefix}/temas/recursos-hidricos/")

    assert crumbs(response) == [(index_name, f"{SITE}{prefix}/temas/"), (current, None)]
