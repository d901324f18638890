"""The library on the portal: the list, its filters and search, a resource's page, who sees
what (every role against public, members-only and draft resources), query budgets, the
admin's "Library" menu and the seeds."""

import pytest
from django.core.management import call_command
from django.utils import translation

from resources.library import Resource, ResourceKind
from resources.library_seed import core_resources, demo_library
from tests.factories import InstitutionFactory, ThemeFactory
from tests.resources.library_helpers import (
    READERS,
    ROLES,
    client_for,
    make_document,
    make_resource,
    soup,
)
from themes.models import Visibility

pytestmark = pytest.mark.django_db

LIST = "/en/recursos/"


def en_url(resource) -> str:
    with translation.override("en"):
        return resource.get_absolute_url()


def titles(response) -> list[str]:
    return [link.text.strip() for link in soup(response).select(".lesson-results .card-title a")]


def option_counts(response, name) -> dict[str, str]:
    return {
        option["value"]: option.text.strip()
        for option in soup(response).select(f"select[name={name}] option")
        if option["value"]
    }


@pytest.fixture
def water():
    return ThemeFactory(
        order=3, slug="recursos-hidricos", name_es="Recursos hídricos", name_en="Water resources"
    )


@pytest.fixture
def canon():
    return ThemeFactory(
        order=1, slug="brechas-y-renta-minera", name_es="Renta minera", name_en="Mining revenue"
    )


@pytest.fixture
def library(water, canon):
    """A public study, a members-only guide, a draft and a description-only report."""
    gore = InstitutionFactory(name="Gobierno Regional de Moquegua")
    return {
        "public": make_resource(
            "Estudio del agua en la cuenca",
            themes=[water],
            institutions=[gore],
            tags=["agua"],
            year=2022,
            document=make_document("estudio-agua.pdf"),
        ),
        "members": make_resource(
            "Guía reservada de facilitación",
            kind=ResourceKind.GUIDE,
            visibility=Visibility.MEMBERS,
            themes=[canon],
            year=2023,
            document=make_document("guia-reservada.pdf"),
        ),
        "draft": make_resource("Borrador sin publicar", publish=False, year=2024),
        "described": make_resource(
            "Documento de consenso descrito",
            kind=ResourceKind.REPORT,
            themes=[canon, water],
            year=2021,
            language="en",
        ),
    }


# ---- Who sees what


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_each_role_what_it_may_read(role, library):
    response = client_for(role).get(LIST)

    assert response.status_code == 200
    shown = set(titles(response))
    expected = {"Estudio del agua en la cuenca", "Documento de consenso descrito"}
    if role in READERS:
        expected.add("Guía reservada de facilitación")
    assert shown == expected
    # Nobody sees drafts on the portal, facilitators included (they use the admin).
    assert "Borrador sin publicar" not in response.text


@pytest.mark.parametrize("role", ROLES)
def test_a_resource_page_is_404_for_whoever_may_not_read_it(role, library):
    client = client_for(role)

    assert client.get(library["public"].get_absolute_url()).status_code == 200
    members_only = client.get(library["members"].get_absolute_url())
    assert members_only.status_code == (200 if role in READERS else 404)
    assert client.get(library["draft"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_searching_the_library_never_reveals_members_only_resources(role, library):
    response = client_for(role).get(LIST, {"q": "guía reservada"})

    found = titles(response)
    assert ("Guía reservada de facilitación" in found) is (role in READERS)
    assert "Borrador sin publicar" not in client_for(role).get(LIST, {"q": "borrador"}).text


def test_members_only_cards_and_pages_say_so(library):
    client = client_for("member")

    cards = {
        card.select_one(".card-title").text.strip(): card.text
        for card in soup(client.get(LIST)).select(".lesson-results .card")
    }
    assert "Members only" in cards["Guía reservada de facilitación"]
    assert "Members only" not in cards["Estudio del agua en la cuenca"]
    page = client.get(en_url(library["members"]))
    assert "Members only" in soup(page).select_one("main header").text
    assert '<meta name="robots" content="noindex, nofollow">' in page.text


def test_members_only_resources_are_not_counted_for_anonymous_visitors(library):
    response = client_for("anonymous").get(LIST)

    assert soup(response).select_one("#results-title").text.strip() == "2 resources"
    assert "guide" not in option_counts(response, "kind")


# ---- The list: filters, search, sorting, pagination


def test_filters_narrow_the_list_and_count_each_option(library, water, canon):
    client = client_for("anonymous")

    by_theme = client.get(LIST, {"theme": water.slug})
    assert set(titles(by_theme)) == {
        "Estudio del agua en la cuenca",
        "Documento de consenso descrito",
    }
    assert option_counts(by_theme, "theme") == {
        "brechas-y-renta-minera": "Mining revenue (1)",
        "recursos-hidricos": "Water resources (2)",
    }
    assert titles(client.get(LIST, {"kind": "report"})) == ["Documento de consenso descrito"]
    assert titles(client.get(LIST, {"year": 2022})) == ["Estudio del agua en la cuenca"]
    assert titles(client.get(LIST, {"language": "en"})) == ["Documento de consenso descrito"]
    institution = library["public"].institutions.get()
    assert titles(client.get(LIST, {"institution": institution.pk})) == [
        "Estudio del agua en la cuenca"
    ]
    years = option_counts(client.get(LIST), "year")
    assert years == {"2022": "2022 (1)", "2021": "2021 (1)"}


def test_active_filters_can_be_removed_one_by_one(library, water):
    page = soup(client_for("anonymous").get(LIST, {"theme": water.slug, "kind": "study"}))

    removals = [link["href"] for link in page.select(".active-filters a")]
    assert removals == ["/en/recursos/?kind=study", f"/en/recursos/?theme={water.slug}"]


def test_a_chosen_institution_without_results_is_named_not_numbered(library, canon):
    institution = library["public"].institutions.get()

    page = soup(
        client_for("anonymous").get(LIST, {"institution": institution.pk, "theme": canon.slug})
    )

    assert page.select_one("#results-title").text.strip() == "0 resources"
    chosen = page.select_one("select[name=institution] option[selected]")
    assert chosen.text.strip() == "Gobierno Regional de Moquegua (0)"
    assert "Institution: Gobierno Regional de Moquegua" in page.select_one(".active-filters").text


def test_repeated_and_out_of_range_filters_leave_a_calm_page(library):
    response = client_for("anonymous").get(
        f"{LIST}?kind=study&kind=report&year=99999999999999999999&institution=%00&theme=a%00b"
    )

    assert response.status_code == 200
    assert titles(response) == ["Documento de consenso descrito"]
    errors = [item.text for item in soup(response).select(".error-summary li")]
    assert {error.split(":")[0] for error in errors} == {"Theme", "Year", "Institution"}


def test_bad_filter_values_are_reported_and_ignored(library):
    response = client_for("anonymous").get(
        LIST, {"theme": "no-such-theme", "year": "abc", "institution": "-3", "kind": "x"}
    )

    assert response.status_code == 200
    assert len(titles(response)) == 2
    assert "could not be used and were ignored" in response.text


def test_search_finds_words_in_the_title_summary_and_tags(library):
    client = client_for("anonymous")

    assert titles(client.get(LIST, {"q": "cuenca"})) == ["Estudio del agua en la cuenca"]
    assert titles(client.get(LIST, {"q": "agua"}))[0] == "Estudio del agua en la cuenca"
    nothing = client.get(LIST, {"q": "xylofón"})
    assert titles(nothing) == []
    assert "No resources match this search" in nothing.text


@pytest.mark.parametrize(
    "query",
    [
        "a" * 5000,
        "\x00\x01\x1f agua",
        "'; DROP TABLE resources_resource; --",
        "<script>alert(1)</script>",
        '" OR 1=1 --',
        "agua & | ! ( ) : * ~",
    ],
)
def test_odd_queries_never_fail(query, library):
    response = client_for("anonymous").get(LIST, {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


def test_the_list_is_sorted_newest_first_or_by_title(library):
    client = client_for("anonymous")

    assert titles(client.get(LIST)) == [
        "Estudio del agua en la cuenca",
        "Documento de consenso descrito",
    ]
    assert titles(client.get(LIST, {"sort": "title"})) == [
        "Documento de consenso descrito",
        "Estudio del agua en la cuenca",
    ]


def test_the_list_is_paginated():
    for number in range(14):
        make_resource(f"Informe número {number:02d}", year=2000 + number)
    client = client_for("anonymous")

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert len(titles(first)) == 12
    assert len(titles(second)) == 2
    assert "Page 2 of 2" in second.text
    assert client.get(LIST, {"page": "999"}).status_code == 200


def test_an_empty_library_says_so():
    response = client_for("anonymous").get(LIST)

    assert "No resources have been published in the library yet." in response.text


def test_members_see_how_to_propose_a_resource(library):
    assert "Propose a resource" in client_for("member").get(LIST).text
    assert "Propose a resource" not in client_for("anonymous").get(LIST).text
    assert "Propose a resource" not in client_for("roleless").get(LIST).text


# ---- A resource's page


def test_a_resource_page_shows_its_metadata_and_download(library, water):
    resource = library["public"]
    response = client_for("anonymous").get(en_url(resource))
    page = soup(response)

    assert page.select_one("h1").text.strip() == "Estudio del agua en la cuenca"
    facts = page.select_one("dl.details").text
    assert "Gobierno Regional de Moquegua" in facts
    assert "2022" in facts
    assert "Water resources" in facts
    assert "#agua" in facts
    download = page.select_one("a.button")
    assert download.text.strip().startswith("Download")
    assert download["href"] == resource.document.url
    assert download["href"].startswith("/documents/")
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical.endswith(resource.get_absolute_url())
    assert page.select_one('meta[property="og:title"]')["content"] == resource.title


def test_a_description_only_resource_is_clearly_marked(library):
    response = client_for("anonymous").get(en_url(library["described"]))

    notice = soup(response).select_one(".notice").text
    assert "Description only:" in notice
    assert "the document is not available on the portal" in notice
    assert "/documents/" not in response.text
    card = soup(client_for("anonymous").get(LIST, {"kind": "report"})).select_one(".card")
    assert "Description only" in card.text


def test_a_resource_with_an_external_link_leads_there():
    resource = make_resource("Estándar internacional", external_url="https://eiti.org/")

    page = soup(client_for("anonymous").get(en_url(resource)))

    link = page.select_one("a.button")
    assert link["href"] == "https://eiti.org/"
    assert "noopener" in link["rel"]
    assert page.select_one(".notice") is None


def test_a_file_and_a_link_together_are_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_resource("Ambos", document=make_document("a.pdf"), external_url="https://example.org/")
    with pytest.raises(ValidationError):
        make_resource("Enlace raro", external_url="ftp://example.org/archivo.pdf")


# ---- Query budgets


def _fill(count, themes, institutions):
    for number in range(count):
        make_resource(
            f"Recurso {number}",
            themes=themes,
            institutions=institutions,
            tags=["agua", f"etiqueta-{number}"],
            year=2010 + number % 10,
            document=make_document(f"recurso-{number}.pdf") if number % 2 else None,
        )


@pytest.mark.parametrize("count", [3, 20])
def test_the_list_reads_a_fixed_number_of_queries(
    count, water, canon, member_client, django_assert_max_num_queries
):
    _fill(count, [water, canon], [InstitutionFactory(), InstitutionFactory()])

    with django_assert_max_num_queries(15):
        response = member_client.get(LIST, {"theme": water.slug})
    assert response.status_code == 200
    # Searching adds one query on SQLite, two on PostgreSQL (Spanish and English stemming).
    with django_assert_max_num_queries(17):
        assert member_client.get(LIST, {"q": "recurso"}).status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_a_resource_page_reads_a_fixed_number_of_queries(
    count, water, canon, anon_client, django_assert_max_num_queries
):
    institutions = [InstitutionFactory() for _ in range(count)]
    resource = make_resource(
        "Recurso con muchas relaciones",
        themes=[water, canon],
        institutions=institutions,
        tags=[f"tema {n}" for n in range(count)],
        document=make_document(),
    )

    # The fifth: the licence its JSON-LD names (members.licence), then kept in the cache.
    with django_assert_max_num_queries(5):
        assert anon_client.get(resource.get_absolute_url()).status_code == 200


# ---- The admin's "Library"


def test_facilitators_add_and_publish_resources_in_the_admin(facilitator_client, water):
    document = make_document("informe-anual.pdf")

    response = facilitator_client.post(
        "/admin/snippets/resources/resource/add/",
        {
            "title": "Informe anual de la mesa",
            "slug": "",
            "kind": "report",
            "summary": "Lo que la mesa hizo en el año.",
            "themes": [water.pk],
            "tags": "agua",
            "other_authors": "",
            "year": "2024",
            "language": "es",
            "document": document.pk,
            "external_url": "",
            "visibility": "public",
            "action-publish": "action-publish",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get(title="Informe anual de la mesa")
    assert resource.live
    assert resource.slug == "informe-anual-de-la-mesa"
    assert resource.document == document
    assert client_for("anonymous").get(resource.get_absolute_url()).status_code == 200


def test_the_admin_refuses_a_file_and_a_link_together(facilitator_client):
    response = facilitator_client.post(
        "/admin/snippets/resources/resource/add/",
        {
            "title": "Doble",
            "kind": "report",
            "summary": "Resumen.",
            "language": "es",
            "document": make_document().pk,
            "external_url": "https://example.org/",
            "visibility": "public",
        },
    )

    assert response.status_code == 200
    assert not Resource.objects.filter(title="Doble").exists()


def test_the_library_menu_is_for_facilitators(facilitator_client, member_client, library):
    index = facilitator_client.get("/admin/snippets/resources/resource/")
    assert index.status_code == 200
    assert "Guía reservada de facilitación" in index.text
    assert "Borrador sin publicar" in index.text
    assert member_client.get("/admin/snippets/resources/resource/").status_code in (302, 403)


def test_only_allowed_document_types_are_uploaded_in_the_admin(facilitator_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from resources.models import PrivateDocument

    facilitator_client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile(
                "pagina.html", b"<script>alert(1)</script>", content_type="text/html"
            )
        },
    )

    assert not PrivateDocument.objects.filter(file__endswith=".html").exists()


# ---- Seeds


def test_seed_core_group_adds_the_real_entries_as_description_only():
    call_command("seed_core_group", verbosity=0)
    call_command("seed_core_group", verbosity=0)

    slugs = {seed.slug for seed in core_resources()}
    resources = Resource.objects.filter(slug__in=slugs)
    assert resources.count() == 2
    for resource in resources:
        assert resource.live
        assert resource.is_public
        assert resource.has_no_file
        assert resource.themes.count() == 4
    rimay = resources.get(slug="documento-de-consenso-rimay-moquegua")
    assert rimay.year == 2021
    assert [i.name for i in rimay.institutions.all()] == ["Gobierno Regional de Moquegua"]
    assert "RIMAY Moquegua" in rimay.summary
    page = client_for("anonymous").get(en_url(rimay))
    assert "the document is not available on the portal" in page.text


def test_seed_core_group_leaves_edited_entries_alone():
    call_command("seed_core_group", verbosity=0)
    Resource.objects.filter(slug="documento-de-consenso-rimay-moquegua").update(title="Editado")

    call_command("seed_core_group", verbosity=0)

    assert Resource.objects.get(slug="documento-de-consenso-rimay-moquegua").title == "Editado"


def test_seed_demo_adds_demo_resources_once(settings):
    settings.DEBUG = True

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)

    demo_resources, _proposal = demo_library()
    demo = Resource.objects.filter(slug__in=[seed.slug for seed in demo_resources])
    assert demo.count() == len(demo_resources)
    assert all("demostración" in resource.summary for resource in demo)
    assert demo.filter(visibility=Visibility.MEMBERS).exists()
    assert demo.filter(kind=ResourceKind.DATASET).exists()
    assert demo.filter(kind=ResourceKind.LEGAL_TEXT).exists()
    with_pdf = demo.filter(document__isnull=False).first()
    with with_pdf.document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # One member's proposal waits for review, once.
    in_review = Resource.objects.filter(proposed_by__email="member@example.org")
    assert in_review.count() == 1
    assert not in_review.get().live
    assert in_review.get().workflow_in_progress


def test_the_foundational_document_has_a_stable_named_address(anon_client):
    from django.urls import reverse

    from tests.resources.page_helpers import make_document as make_foundational_document

    with translation.override("es"):
        url = reverse("resources:foundational_document")
    assert anon_client.get(url).status_code == 404

    make_foundational_document()

    response = anon_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/documento-fundacional/"
    english = anon_client.get("/en/recursos/documento-fundacional/")
    assert english["Location"] == "/documento-fundacional/"


def test_library_slugs_never_take_the_librarys_own_addresses():
    for title in ("Proponer", "Mis propuestas", "Documento fundacional"):
        resource = make_resource(title)
        assert resource.slug.endswith("-2")
