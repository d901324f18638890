"""The read-only JSON API (/api/): what each endpoint answers, its filters, ordering,
search and pagination, bad input, conditional requests, the rate limit, the OpenAPI schema
and its documentation page."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils.http import http_date
from drf_spectacular.validation import validate_schema

from col_portal.api import ClientAddressThrottle
from members.licence import current_licence
from tests.col_portal.api_helpers import (
    ENDPOINTS,
    FIXED_ENDPOINTS,
    body,
    seed_community,
    titles,
)
from tests.col_portal.register_helpers import add_register_rows, seed_register
from tests.factories import ContributionFactory, MemberFactory, WorkshopFactory
from tests.resources.library_helpers import make_resource
from workshops.models import Commitment, Registration

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def community(db):
    return seed_community()


def get(client, url, **headers):
    return client.get(url, **{**JSON, **headers})


def test_the_root_names_every_list_the_schema_the_docs_and_the_licence(client, community):
    response = get(client, "/api/")
    assert response.status_code == 200
    data = body(response)
    for name in ENDPOINTS:
        assert data[name] == f"http://testserver/api/{name}/"
    assert data["schema"] == "http://testserver/api/schema/"
    assert data["docs"] == "http://testserver/api/docs/"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def test_a_lesson_with_its_sections_themes_tags_and_institutions(client, community):
    lesson = community.lesson_mining
    data = body(get(client, f"/api/lessons/{lesson.slug}/"))
    assert data["id"] == lesson.pk
    assert data["title"] == "Mesa de diálogo con la empresa minera"
    assert data["kind"] == "experience"
    assert data["url"] == "http://testserver/lecciones/mesa-dialogo-minera/"
    assert data["api_url"] == "http://testserver/api/lessons/mesa-dialogo-minera/"
    assert data["lesson"] == lesson.lesson and data["recommendations"] == lesson.recommendations
    assert data["primary_theme"]["slug"] == "mineria"
    assert data["primary_theme"]["api_url"] == "http://testserver/api/themes/mineria/"
    assert [theme["slug"] for theme in data["secondary_themes"]] == ["agua"]
    assert data["tags"] == [{"slug": "dialogo", "name": "dialogo"}]
    assert data["institutions"] == [
        {
            "id": community.company.pk,
            "api_url": f"http://testserver/api/institutions/{community.company.pk}/",
            "name": "Minera del Sur",
            "sector": "private_mining",
        }
    ]
    assert data["published_at"].startswith("2025-05-02")
    # The author is a person: neither the name nor the e-mail address is told.
    assert "author" not in data
    assert lesson.author.email not in str(data) and lesson.author.full_name not in str(data)


def test_a_workshop_with_participation_per_sector_and_no_online_link(client, community):
    workshop = community.workshop_past
    data = body(get(client, "/api/workshops/taller-presupuesto/"))
    assert data["title"] == "Taller de presupuesto participativo"
    assert data["modality"] == "virtual" and data["status"] == "held"
    assert data["url"] == "http://testserver/talleres/taller-presupuesto/"
    assert data["outcomes"] == "Se acordó publicar el presupuesto cada trimestre."
    assert [theme["slug"] for theme in data["themes"]] == ["mineria"]
    assert [lesson["slug"] for lesson in data["lessons"]] == ["mesa-dialogo-minera"]
    participation = {row["sector"]: row for row in data["participation"]}
    assert participation["civil_society"] == {
        "sector": "civil_society",
        "registered": 1,
        "attended": 1,
    }
    # The cancelled registration does not count; the walk-in attended.
    assert participation["private_mining"]["registered"] == 0
    assert participation["citizens"] == {"sector": "citizens", "registered": 0, "attended": 1}
    assert "online_url" not in data
    assert data["commitments_url"] == (
        "http://testserver/api/commitments/?workshop=taller-presupuesto"
    )
    commitments = body(get(client, data["commitments_url"]))
    assert {item["description"] for item in commitments["results"]} == {
        "Publicar el presupuesto trimestral",
        "Instalar la mesa de seguimiento",
    }
    upcoming = body(get(client, "/api/workshops/encuentro-agua/"))
    assert upcoming["outcomes"] == ""  # told once the workshop has taken place
    assert workshop.pk != upcoming["id"]


def test_commitments_institutions_resources_and_themes(client, community):
    commitment = body(get(client, f"/api/commitments/?institution={community.company.pk}"))
    [item] = commitment["results"]
    assert item["description"] == "Publicar el presupuesto trimestral"
    assert item["status"] == "fulfilled" and item["due_date"] == "2025-06-30"
    assert item["responsible_institution"]["name"] == "Minera del Sur"
    assert item["workshop"]["slug"] == "taller-presupuesto"
    assert item["workshop"]["url"] == "http://testserver/talleres/taller-presupuesto/"
    assert body(get(client, item["api_url"].removeprefix("http://testserver")))["id"] == item["id"]

    institution = body(get(client, f"/api/institutions/{community.company.pk}/"))
    assert institution == {
        "id": community.company.pk,
        "api_url": f"http://testserver/api/institutions/{community.company.pk}/",
        "name": "Minera del Sur",
        "short_name": "MdS",
        "sector": "private_mining",
        "is_core_group": True,
        "website": "",
    }

    report = body(get(client, f"/api/resources/{community.resource_report.slug}/"))
    assert report["title"] == "Informe de regalías mineras" and report["kind"] == "report"
    assert report["year"] == 2023 and report["language"] == "en"
    assert re.fullmatch(r"http://testserver/documents/\d+/regalias\.pdf", report["file_url"])
    assert report["file_type"] == "application/pdf"
    assert client.get(report["file_url"].removeprefix("http://testserver")).status_code == 200
    assert [i["name"] for i in report["institutions"]] == ["Minera del Sur"]
    study = body(get(client, f"/api/resources/{community.resource_study.slug}/"))
    assert study["file_url"] is None and study["tags"] == [{"slug": "agua", "name": "agua"}]

    themes = body(get(client, "/api/themes/"))
    assert [theme["slug"] for theme in themes["results"]] == ["agua", "mineria"]
    water = body(get(client, "/api/themes/agua/"))
    assert water["name_es"] == "Agua" and water["name_en"] == "Water"
    assert water["url"] == "http://testserver/temas/agua/"


FILTERS = [
    (
        "lessons",
        "",
        {"Monitoreo participativo del agua en Torata", "Mesa de diálogo con la empresa minera"},
    ),
    (
        "lessons",
        "theme=agua",
        {"Monitoreo participativo del agua en Torata", "Mesa de diálogo con la empresa minera"},
    ),
    ("lessons", "theme=mineria", {"Mesa de diálogo con la empresa minera"}),
    ("lessons", "kind=lesson", {"Monitoreo participativo del agua en Torata"}),
    ("lessons", "tag=dialogo", {"Mesa de diálogo con la empresa minera"}),
    ("lessons", "tag=no-such-tag", set()),
    ("lessons", "institution={ngo}", {"Monitoreo participativo del agua en Torata"}),
    ("lessons", "sector=private_mining", {"Mesa de diálogo con la empresa minera"}),
    ("lessons", "province=mariscal-nieto", {"Monitoreo participativo del agua en Torata"}),
    ("lessons", "district=torata", {"Monitoreo participativo del agua en Torata"}),
    ("lessons", "district=ilo-distrito", set()),
    ("lessons", "language=en", {"Mesa de diálogo con la empresa minera"}),
    ("lessons", "anti_corruption_focus=true", set()),
    ("lessons", "published_after=2025-01-01", {"Mesa de diálogo con la empresa minera"}),
    ("lessons", "published_before=2024-12-31", {"Monitoreo participativo del agua en Torata"}),
    ("lessons", "q=diálogo", {"Mesa de diálogo con la empresa minera"}),
    ("lessons", "q=agua&kind=experience", set()),
    ("workshops", "theme=agua", {"Encuentro sobre calidad del agua"}),
    ("workshops", "modality=virtual", {"Taller de presupuesto participativo"}),
    ("workshops", "status=open", {"Encuentro sobre calidad del agua"}),
    ("workshops", "city=moquegua", {"Encuentro sobre calidad del agua"}),
    ("workshops", "sector=citizens", {"Taller de presupuesto participativo"}),
    ("workshops", "sector=private_mining", set()),
    ("workshops", "starts_after=2026-01-01", {"Encuentro sobre calidad del agua"}),
    ("workshops", "starts_before=2025-12-31", {"Taller de presupuesto participativo"}),
    ("workshops", "q=presupuestos", {"Taller de presupuesto participativo"}),
    (
        "commitments",
        "workshop=taller-presupuesto",
        {"Publicar el presupuesto trimestral", "Instalar la mesa de seguimiento"},
    ),
    ("commitments", "workshop=encuentro-agua", set()),
    (
        "commitments",
        "theme=mineria",
        {"Publicar el presupuesto trimestral", "Instalar la mesa de seguimiento"},
    ),
    ("commitments", "status=pending", {"Instalar la mesa de seguimiento"}),
    ("commitments", "sector=civil_society", {"Instalar la mesa de seguimiento"}),
    ("commitments", "due_before=2025-12-31", {"Publicar el presupuesto trimestral"}),
    ("commitments", "due_after=2026-01-01", {"Instalar la mesa de seguimiento"}),
    ("commitments", "q=mesa seguimiento", {"Instalar la mesa de seguimiento"}),
    ("institutions", "sector=private_mining", {"Minera del Sur"}),
    ("institutions", "core_group=true", {"Minera del Sur"}),
    ("institutions", "q=labor", {"Asociación Civil Labor"}),
    ("resources", "theme=agua", {"Estudio de la calidad del agua"}),
    ("resources", "kind=report", {"Informe de regalías mineras"}),
    ("resources", "tag=agua", {"Estudio de la calidad del agua"}),
    ("resources", "institution={company}", {"Informe de regalías mineras"}),
    ("resources", "sector=civil_society", {"Estudio de la calidad del agua"}),
    ("resources", "language=en", {"Informe de regalías mineras"}),
    ("resources", "year_min=2021", {"Informe de regalías mineras"}),
    ("resources", "year_max=2021", {"Estudio de la calidad del agua"}),
    (
        "resources",
        "published_after=2000-01-01",
        {"Estudio de la calidad del agua", "Informe de regalías mineras"},
    ),
    ("resources", "published_before=2000-01-01", set()),
    ("resources", "q=regalias", {"Informe de regalías mineras"}),
]


def test_every_filter_narrows_the_list(client, community):
    for endpoint, query, expected in FILTERS:
        query = query.format(ngo=community.ngo.pk, company=community.company.pk)
        response = get(client, f"/api/{endpoint}/?{query}")
        assert response.status_code == 200, (endpoint, query, response.content)
        found = titles(response)
        if endpoint == "institutions" and not query.startswith(("sector", "core", "q")):
            continue
        assert found == expected, (endpoint, query, found)


ORDERINGS = [
    (
        "lessons",
        "published",
        ["Monitoreo participativo del agua en Torata", "Mesa de diálogo con la empresa minera"],
    ),
    (
        "lessons",
        "-published",
        ["Mesa de diálogo con la empresa minera", "Monitoreo participativo del agua en Torata"],
    ),
    (
        "lessons",
        "title",
        ["Mesa de diálogo con la empresa minera", "Monitoreo participativo del agua en Torata"],
    ),
    (
        "workshops",
        "starts",
        ["Taller de presupuesto participativo", "Encuentro sobre calidad del agua"],
    ),
    (
        "workshops",
        "-title",
        ["Taller de presupuesto participativo", "Encuentro sobre calidad del agua"],
    ),
    (
        "commitments",
        "-due",
        ["Instalar la mesa de seguimiento", "Publicar el presupuesto trimestral"],
    ),
    ("institutions", "-name", ["Minera del Sur", "Asociación Civil Labor"]),
    ("resources", "year", ["Estudio de la calidad del agua", "Informe de regalías mineras"]),
    ("resources", "-year", ["Informe de regalías mineras", "Estudio de la calidad del agua"]),
]


def test_ordering_and_default_orders(client, community):
    for endpoint, ordering, expected in ORDERINGS:
        results = body(get(client, f"/api/{endpoint}/?ordering={ordering}"))["results"]
        names = [
            item.get("title") or item.get("description") or item.get("name") for item in results
        ]
        names = [name for name in names if name in expected]
        assert names == expected, (endpoint, ordering, names)
    # Without ?ordering: newest lessons and workshops first, soonest commitments first.
    lessons = body(get(client, "/api/lessons/"))["results"]
    assert [item["slug"] for item in lessons] == ["mesa-dialogo-minera", "monitoreo-agua-torata"]
    workshops = body(get(client, "/api/workshops/"))["results"]
    assert [item["slug"] for item in workshops] == ["encuentro-agua", "taller-presupuesto"]


def test_pagination_by_page_number_with_a_maximum_page_size(client, community):
    first = body(get(client, "/api/lessons/?page_size=1"))
    assert first["count"] == 2 and len(first["results"]) == 1
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/lessons/?page=2&page_size=1"
    second = body(get(client, "/api/lessons/?page=2&page_size=1"))
    assert second["next"] is None
    assert {first["results"][0]["slug"], second["results"][0]["slug"]} == {
        "mesa-dialogo-minera",
        "monitoreo-agua-torata",
    }
    assert len(body(get(client, "/api/lessons/?page_size=100"))["results"]) == 2


BAD_INPUT = [
    ("/api/lessons/?colour=red", "colour", "Parámetro desconocido."),
    ("/api/lessons/?published_after=2024-13-45", "published_after", "Introduzca una fecha válida."),
    ("/api/lessons/?published_before=ayer", "published_before", "Introduzca una fecha válida."),
    ("/api/workshops/?starts_after=99999-01-01", "starts_after", "Introduzca una fecha válida."),
    ("/api/commitments/?due_before=2025-02-30", "due_before", "Introduzca una fecha válida."),
    ("/api/lessons/?institution=abc", "institution", None),
    ("/api/lessons/?institution=99999999999999999999999", "institution", None),
    ("/api/resources/?institution=1.5", "institution", None),
    ("/api/resources/?year_min=dos-mil", "year_min", None),
    ("/api/resources/?year_max=99999999999999999999", "year_max", None),
    ("/api/lessons/?theme=no-such-theme", "theme", None),
    ("/api/lessons/?kind=poem", "kind", None),
    ("/api/lessons/?ordering=author", "ordering", None),
    ("/api/institutions/?core_group=maybe", "core_group", None),
    ("/api/lessons/?anti_corruption_focus=yes", "anti_corruption_focus", None),
    ("/api/commitments/?workshop=no-such-workshop", "workshop", None),
    ("/api/lessons/?page=99999999999999999999", "page", "Página inválida."),
    ("/api/lessons/?page=0", "page", "Página inválida."),
    ("/api/lessons/?page=first", "page", "Página inválida."),
    ("/api/lessons/?page_size=0", "page_size", None),
    ("/api/lessons/?page_size=1000", "page_size", None),
    ("/api/lessons/?page_size=abc", "page_size", None),
    ("/api/lessons/?q=" + "agua+" * 60, "q", None),
    ("/api/lessons/monitoreo-agua-torata/?page=2", "page", "Parámetro desconocido."),
    ("/api/themes/?theme=agua", "theme", "Parámetro desconocido."),
    ("/api/?x=1", "x", "Parámetro desconocido."),
]


def test_bad_input_is_a_400_naming_the_parameter_never_a_500(client, community):
    for url, parameter, message in BAD_INPUT:
        response = get(client, url)
        assert response.status_code == 400, (url, response.status_code, response.content)
        data = body(response)
        assert list(data) == [parameter], (url, data)
        assert data[parameter] and all(isinstance(text, str) for text in data[parameter])
        if message:
            assert data[parameter] == [message], (url, data)


NOT_FOUND = [
    "/api/lessons/no-such-lesson/",
    "/api/workshops/no-such-workshop/",
    "/api/resources/no-such-resource/",
    "/api/themes/no-such-theme/",
    "/api/institutions/abc/",
    "/api/institutions/99999999999999999999999/",
    "/api/commitments/0/",
    "/api/nothing-here/",
    "/api/lessons/monitoreo-agua-torata/extra/",
]


def test_whatever_is_not_there_is_a_404_in_json(client, community):
    for url in NOT_FOUND:
        response = get(client, url)
        assert response.status_code == 404, (url, response.status_code)
        assert body(response) == {"detail": "No encontrado."}, url


def test_etag_and_last_modified_answer_304_until_the_list_changes(client, community):
    first = get(client, "/api/lessons/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag and last_modified
    assert first["Cache-Control"] == "public, max-age=60"
    again = get(client, "/api/lessons/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    since = get(client, "/api/lessons/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert since.status_code == 304
    # The same answer keeps the moment it first changed.
    assert get(client, "/api/lessons/")["Last-Modified"] == last_modified
    detail = get(client, "/api/lessons/monitoreo-agua-torata/")
    assert (
        get(
            client, "/api/lessons/monitoreo-agua-torata/", HTTP_IF_NONE_MATCH=detail["ETag"]
        ).status_code
        == 304
    )

    ContributionFactory(title="Una lección nueva sobre el canon", slug="leccion-nueva")
    changed = get(client, "/api/lessons/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Una lección nueva sobre el canon" in titles(changed)
    old_date = http_date(0)
    assert get(client, "/api/lessons/", HTTP_IF_MODIFIED_SINCE=old_date).status_code == 200


def test_the_rate_limit_per_client_address_answers_429(client, community, monkeypatch, settings):
    monkeypatch.setattr(ClientAddressThrottle, "THROTTLE_RATES", {"api": "3/minute"})
    for _ in range(3):
        assert get(client, "/api/themes/").status_code == 200
    refused = get(client, "/api/lessons/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "detail" in body(refused)
    # Logging in changes nothing: the address is what counts.
    member_client = client.__class__()
    member_client.force_login(MemberFactory())
    assert get(member_client, "/api/themes/").status_code == 429
    # Another address has its own allowance.
    assert get(client, "/api/themes/", REMOTE_ADDR="198.51.100.7").status_code == 200
    # Behind the proxy, the address the proxy saw.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        assert get(client, "/api/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 200
    assert get(client, "/api/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert get(client, "/api/", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 200


def test_the_openapi_schema_validates_and_documents_the_errors(client, community):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = body(response)
    validate_schema(schema)
    assert schema["info"]["title"] == "Comunidad de Aprendizaje de Moquegua: API de datos abiertos"
    # The whole description in Spanish (it once fell back to English when its text changed).
    assert schema["info"]["description"].startswith("API JSON de solo lectura")
    assert "cabecera Link" in schema["info"]["description"]
    assert schema["info"]["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert {path.split("/")[2] for path in schema["paths"]} == set(ENDPOINTS)
    lessons = schema["paths"]["/api/lessons/"]["get"]
    assert lessons["summary"] == "Lecciones y experiencias"
    assert set(lessons["responses"]) == {"200", "400", "429"}
    assert set(schema["paths"]["/api/lessons/{slug}/"]["get"]["responses"]) == {
        "200",
        "400",
        "404",
        "429",
    }
    parameters = {parameter["name"] for parameter in lessons["parameters"]}
    assert {"theme", "kind", "tag", "institution", "sector", "published_after", "q"} <= parameters
    assert {"page", "page_size", "ordering"} <= parameters
    workshop = schema["components"]["schemas"]["Workshop"]["properties"]
    assert "online_url" not in workshop and "participation" in workshop
    english = body(client.get("/api/schema/?format=json&lang=en"))
    assert english["paths"]["/api/lessons/"]["get"]["summary"] == "Lessons and experiences"
    assert english["info"]["title"] == "Community of Learning of Moquegua: open data API"


def test_the_documentation_page_runs_no_inline_script_or_style(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Comunidad de Aprendizaje de Moquegua: API de datos abiertos</title>" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style" not in html and "style=" not in html
    assert all(" src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    script = client.get("/api/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()
    english = client.get("/api/docs/?lang=en")
    assert "lang=en" in english.content.decode()


def test_the_browsable_api_shows_the_lessons_without_inline_styles(client, community):
    response = client.get("/api/lessons/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lecciones y experiencias" in html
    assert "Monitoreo participativo del agua en Torata" in html
    assert "<style" not in html and "style=" not in html
    # Scripts are files; DRF's CSRF data is a JSON block, which is never run.
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(" src=" in tag or 'type="application/json"' in tag for tag in scripts)
    assert 'id="filtersModal"' in html


# count, rows, four prefetches (a lesson names its districts); a theme to check, the search
# in two languages
LIST_BUDGET = 9
DETAIL_BUDGET = 6


def _add_more(community, n):
    for i in range(n):
        lesson = ContributionFactory(
            title=f"Lección adicional {i}",
            slug=f"leccion-adicional-{i}",
            primary_theme=community.water,
        )
        lesson.tags.add(f"etiqueta-{i}", "agua")
        lesson.secondary_themes.add(community.mining)
        lesson.coauthors.add(MemberFactory())
        lesson.save()
        workshop = WorkshopFactory(title=f"Taller adicional {i}", slug=f"taller-adicional-{i}")
        workshop.themes.add(community.water, community.mining)
        workshop.lessons.add(lesson)
        workshop.save()
        Registration.objects.create(workshop=workshop, user=MemberFactory(), status="confirmed")
        Commitment.objects.create(
            workshop=workshop,
            description=f"Compromiso adicional {i}",
            responsible_institution=community.ngo,
            due_date=dt.date(2026, 1, 1),
        )
        add_register_rows(community.company, community.ngo, i)
        make_resource(
            f"Recurso adicional {i}",
            themes=[community.water],
            institutions=[community.ngo, community.company],
            tags=[f"etiqueta-{i}"],
        )


def _queries_of(client, url, budget, django_assert_max_num_queries):
    # The licence (Link header) is read once and then kept (members.licence): the first
    # answer measured must not count it when the others do not.
    current_licence()
    with django_assert_max_num_queries(budget) as captured:
        response = get(client, url)
    assert response.status_code == 200, url
    return len(captured), body(response)


def test_query_budgets_do_not_grow_with_the_data(client, community, django_assert_max_num_queries):
    register = seed_register(responsible=community.company, confirming=community.ngo)
    lists = [f"/api/{name}/" for name in ENDPOINTS] + [
        "/api/lessons/?theme=agua&q=agua",
        "/api/commitments/?district=pacocha&overdue=false",
    ]
    details = [
        f"/api/commitments/{register.commitment.pk}/",
        f"/api/commitment-reports/{register.report.pk}/",
        f"/api/commitment-verdicts/{register.contest.pk}/",
        f"/api/agreement-spaces/{register.space.slug}/",
        "/api/districts/180107/",
        "/api/provinces/1803/",
        "/api/lessons/mesa-dialogo-minera/",
        "/api/workshops/taller-presupuesto/",
        f"/api/institutions/{community.ngo.pk}/",
        "/api/resources/informe-de-regalias-mineras/",
        "/api/themes/agua/",
    ]
    before = {
        url: _queries_of(client, url, LIST_BUDGET, django_assert_max_num_queries) for url in lists
    }
    before |= {
        url: _queries_of(client, url, DETAIL_BUDGET, django_assert_max_num_queries)
        for url in details
    }
    _add_more(community, 4)
    for url, (queries, data) in before.items():
        budget = LIST_BUDGET if url in lists else DETAIL_BUDGET
        now, new_data = _queries_of(client, url, budget, django_assert_max_num_queries)
        assert now == queries, (url, queries, now)
        endpoint = url.strip("/").rsplit("/", 1)[-1]
        if url in lists and endpoint not in FIXED_ENDPOINTS and "?" not in url:
            assert new_data["count"] > data["count"], url
