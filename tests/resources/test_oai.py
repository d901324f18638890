"""OAI-PMH for the library, through the test client: what each verb answers, the records'
Dublin Core, sets, from/until, resumption tokens (forged, expired, misused), deleted
records when a resource stops being public, every error code, the query budget, and that
members-only and draft resources never show. (A real harvester, sickle, in
test_oai_harvest.)"""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.licence import current_licence
from resources import oai
from resources.library import Resource, ResourceKind, ResourceTombstone
from tests.factories import InstitutionFactory, ThemeFactory
from tests.resources.library_helpers import make_document, make_resource
from tests.resources.oai_helpers import (
    NS,
    REPOSITORY,
    XML_LANG,
    _oai_settings,  # noqa: F401 (autouse)
    answer,
    dublin_core,
    echoed,
    error_code,
    harvest_all,
    header_ids,
    headers,
    identifier,
    token_of,
)
from themes.models import Visibility

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 14, 0, 5, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 3, 9, 10, 30, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 4, 1, 8, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def water():
    return ThemeFactory(
        order=3, slug="recursos-hidricos", name_es="Recursos hídricos", name_en="Water resources"
    )


@pytest.fixture
def canon():
    return ThemeFactory(
        order=1, slug="renta-minera", name_es="Renta minera", name_en="Mining revenue"
    )


@pytest.fixture
def study(water):
    return make_resource(
        "Estudio del agua en la cuenca del Tambo",
        themes=[water],
        institutions=[InstitutionFactory(name="Gobierno Regional de Moquegua")],
        other_authors="Autoridad Nacional del Agua",
        tags=["agua", "cuenca"],
        year=2022,
        summary="Calidad y cantidad del agua en la cuenca.",
        document=make_document("estudio-agua.pdf"),
    )


# ---- The six verbs


def test_identify_describes_the_repository(client, study):
    root = answer(client, verb="Identify")
    assert echoed(root) == {"verb": "Identify"}
    identify = root.find("oai:Identify", NS)
    assert [child.tag.split("}")[1] for child in identify] == [
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "adminEmail",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
        "description",
    ]
    assert identify.findtext("oai:repositoryName", namespaces=NS) == (
        "Comunidad de Aprendizaje Moquegua: Biblioteca de recursos"
    )
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai/"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:adminEmail", namespaces=NS) == (
        "biblioteca@comunidad.example.org"
    )
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == oai.utc(
        Resource.objects.get().updated_at
    )
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    description = identify.find("oai:description/id:oai-identifier", NS)
    assert description.findtext("id:repositoryIdentifier", namespaces=NS) == REPOSITORY
    assert description.findtext("id:sampleIdentifier", namespaces=NS) == (
        f"oai:{REPOSITORY}:recurso/1"
    )


def test_metadata_formats_with_and_without_an_identifier(client, study):
    for params in ({}, {"identifier": identifier(study)}):
        root = answer(client, verb="ListMetadataFormats", **params)
        formats = root.findall("oai:ListMetadataFormats/oai:metadataFormat", NS)
        assert [f.findtext("oai:metadataPrefix", namespaces=NS) for f in formats] == ["oai_dc"]
        assert formats[0].findtext("oai:metadataNamespace", namespaces=NS) == NS["oai_dc"]
        assert formats[0].findtext("oai:schema", namespaces=NS) == (
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        )


def test_sets_per_theme_and_per_kind(client, water, canon):
    root = answer(client, verb="ListSets")
    sets = {
        s.findtext("oai:setSpec", namespaces=NS): s.findtext("oai:setName", namespaces=NS)
        for s in root.findall("oai:ListSets/oai:set", NS)
    }
    assert sets["tema"] == "Temas prioritarios"
    assert sets["tema:renta-minera"] == "Renta minera"
    assert sets["tema:recursos-hidricos"] == "Recursos hídricos"
    assert sets["tipo"] == "Tipos de recurso"
    assert sets["tipo:study"] == "Estudio"
    assert sets["tipo:legal_text"] == "Texto legal"
    assert len(sets) == 2 + 2 + len(ResourceKind)


def test_a_record_in_dublin_core(client, study, water):
    root = answer(client, verb="GetRecord", identifier=identifier(study), metadataPrefix="oai_dc")
    record = root.find("oai:GetRecord/oai:record", NS)
    header = record.find("oai:header", NS)
    assert header.get("status") is None
    assert (
        header.findtext("oai:identifier", namespaces=NS) == f"oai:{REPOSITORY}:recurso/{study.pk}"
    )
    assert header.findtext("oai:datestamp", namespaces=NS) == oai.utc(study.updated_at)
    assert [s.text for s in header.findall("oai:setSpec", NS)] == [
        "tema:recursos-hidricos",
        "tipo:study",
    ]
    dc = record.find("oai:metadata/oai_dc:dc", NS)
    assert dc.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    values = dublin_core(record)
    assert values["title"] == ["Estudio del agua en la cuenca del Tambo"]
    assert dc.find("dc:title", NS).get(XML_LANG) == "es"
    assert values["creator"] == ["Gobierno Regional de Moquegua", "Autoridad Nacional del Agua"]
    assert values["subject"] == ["Recursos hídricos", "Water resources", "agua", "cuenca"]
    assert values["description"] == ["Calidad y cantidad del agua en la cuenca."]
    assert values["publisher"] == ["Comunidad de Aprendizaje Moquegua"]
    assert values["date"] == ["2022"]
    assert values["type"] == ["Text", "Estudio", "Study"]
    assert values["format"] == ["application/pdf"]
    page_url, file_url = values["identifier"]
    assert page_url == "http://testserver/recursos/estudio-del-agua-en-la-cuenca-del-tambo/"
    assert file_url.startswith("http://testserver/documents/")
    assert values["language"] == ["es"]
    assert values["rights"] == ["https://creativecommons.org/licenses/by/4.0/"]
    # The links work for anyone: the page and the file.
    assert "Estudio del agua" in client.get(page_url).content.decode()
    download = client.get(file_url)
    assert download.status_code == 200
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert body.startswith(b"%PDF")


def test_a_linked_resource_and_a_description_only_one(client):
    linked = make_resource(
        "Ley de canon minero",
        kind=ResourceKind.LEGAL_TEXT,
        external_url="https://www.leyes.example/canon",
    )
    described = make_resource("Memoria sin archivo", kind=ResourceKind.DATASET)
    records = harvest_all(client, "ListRecords")[0].findall(".//oai:record", NS)
    linked_dc, described_dc = (dublin_core(record) for record in records)
    assert linked_dc["identifier"][1:] == ["https://www.leyes.example/canon"]
    assert linked_dc["type"] == ["Text", "Texto legal", "Legal text"]
    assert "format" not in linked_dc
    assert described_dc["identifier"] == [
        f"http://testserver{described.get_absolute_url()}",
    ]
    assert described_dc["type"][0] == "Dataset"
    assert described_dc["date"] == [described.first_published_at.date().isoformat()]
    assert linked.pk < described.pk


# ---- Lists, sets, dates and resumption


def test_lists_resume_across_pages_with_cursor_and_size(client, water):
    resources = [make_resource(f"Informe {n}", themes=[water] if n % 2 else []) for n in range(8)]
    for verb in ("ListIdentifiers", "ListRecords"):
        roots = harvest_all(client, verb)
        assert len(roots) == 3  # 3 + 3 + 2 at OAI_PAGE_SIZE = 3
        tokens = [token_of(root) for root in roots]
        assert [t.get("cursor") for t in tokens] == ["0", "3", "6"]
        assert {t.get("completeListSize") for t in tokens} == {"8"}
        assert all(t.get("expirationDate") for t in tokens[:-1])
        assert not tokens[-1].text  # the last part: an empty token
        assert [i for root in roots for i in header_ids(root)] == [
            identifier(resource) for resource in resources
        ]
        assert echoed(roots[1]) == {"verb": verb, "resumptionToken": tokens[0].text}
    records = [r for root in harvest_all(client, "ListRecords") for r in root.iter()]
    assert sum(1 for element in records if element.tag.endswith("}record")) == 8


def test_one_page_needs_no_token(client, study):
    root = answer(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert token_of(root) is None
    assert header_ids(root) == [identifier(study)]


def test_sets_filter_the_lists(client, water, canon):
    in_water = make_resource("Agua y minería", themes=[water])
    in_both = make_resource("Agua y canon", themes=[water, canon], kind=ResourceKind.REPORT)
    no_theme = make_resource("Guía general", kind=ResourceKind.GUIDE)

    def ids(set_spec):
        return [i for root in harvest_all(client, set=set_spec) for i in header_ids(root)]

    assert ids("tema:recursos-hidricos") == [identifier(in_water), identifier(in_both)]
    assert ids("tema:renta-minera") == [identifier(in_both)]
    assert ids("tema") == [identifier(in_water), identifier(in_both)]
    assert ids("tipo:guide") == [identifier(no_theme)]
    assert ids("tipo") == [identifier(r) for r in (in_water, in_both, no_theme)]
    root = answer(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="tipo:dataset")
    assert error_code(root) == "noRecordsMatch"


def test_from_and_until_in_both_granularities(client, time_machine):
    time_machine.move_to(T0, tick=False)
    early = make_resource("Primero")
    time_machine.move_to(T1, tick=False)
    late = make_resource("Después")

    def ids(**params):
        root = answer(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
        return error_code(root) or header_ids(root)

    assert ids(**{"from": "2026-03-02"}) == [identifier(early), identifier(late)]
    assert ids(**{"from": "2026-03-03"}) == [identifier(late)]
    assert ids(until="2026-03-02") == [identifier(early)]  # the whole day
    assert ids(until="2026-03-02T14:00:05Z") == [identifier(early)]  # that second included
    assert ids(until="2026-03-02T14:00:04Z") == "noRecordsMatch"
    assert ids(**{"from": "2026-03-02T14:00:06Z"}) == [identifier(late)]
    assert ids(**{"from": "2026-03-09T10:30:00Z", "until": "2026-03-09T10:30:00Z"}) == [
        identifier(late)
    ]
    assert ids(**{"from": "2026-03-04", "until": "2026-03-05"}) == "noRecordsMatch"
    root = answer(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until="2026-03-09")
    assert headers(root)[1].findtext("oai:datestamp", namespaces=NS) == "2026-03-09T10:30:00Z"


def test_the_query_and_position_travel_in_the_token(client, water):
    for n in range(5):
        make_resource(f"Estudio {n}", themes=[water] if n != 2 else [])
    first = answer(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="tema")
    assert token_of(first).get("completeListSize") == "4"
    second = answer(client, verb="ListIdentifiers", resumptionToken=token_of(first).text)
    assert len(header_ids(first)) == 3
    assert len(header_ids(second)) == 1
    assert not set(header_ids(first)) & set(header_ids(second))
    assert token_of(second).get("cursor") == "3"


# ---- Resumption tokens that are not ours, or no longer valid


@pytest.fixture
def token(client):
    for n in range(4):
        make_resource(f"Estudio {n}")
    return token_of(answer(client, verb="ListRecords", metadataPrefix="oai_dc")).text


def test_forged_tampered_and_misused_tokens(client, token):
    payload, timestamp, signature = token.split(":")
    forged = [
        "garbage",
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        f"{payload}x:{timestamp}:{signature}",
        signing.dumps(["ListRecords", "oai_dc", "", "", "", 0, 0], salt="another"),
        signing.dumps(["ListRecords", "oai_dc", "", "", "", "0", 0], salt=oai.TOKEN_SALT),
        signing.dumps({"verb": "ListRecords"}, salt=oai.TOKEN_SALT),
        signing.dumps(["ListRecords", "oai_dc", "", "2026-13-01", "", 0, 0], salt=oai.TOKEN_SALT),
        "x" * 5000,
    ]
    for value in forged:
        root = answer(client, verb="ListRecords", resumptionToken=value)
        assert error_code(root) == "badResumptionToken", value
        assert echoed(root) == {"verb": "ListRecords", "resumptionToken": value}
    # A ListRecords token is not a ListIdentifiers one, nor one for the sets.
    for verb in ("ListIdentifiers", "ListSets"):
        assert error_code(answer(client, verb=verb, resumptionToken=token)) == (
            "badResumptionToken"
        )
    # The token is exclusive.
    root = answer(client, verb="ListRecords", resumptionToken=token, metadataPrefix="oai_dc")
    assert error_code(root) == "badArgument"
    assert echoed(root) == {}


def test_tokens_expire(client, token, settings, time_machine):
    time_machine.move_to(dt.datetime.now(dt.UTC) + dt.timedelta(hours=23), tick=False)
    assert error_code(answer(client, verb="ListRecords", resumptionToken=token)) is None
    time_machine.move_to(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2), tick=False)
    assert error_code(answer(client, verb="ListRecords", resumptionToken=token)) == (
        "badResumptionToken"
    )


# ---- Deleted records


def test_resources_that_stop_being_public_become_deleted_records(client, water, time_machine):
    time_machine.move_to(T0, tick=False)
    unpublished = make_resource("Se despublica", themes=[water])
    restricted = make_resource("Pasa a solo miembros", kind=ResourceKind.GUIDE)
    deleted = make_resource("Se borra", themes=[water])
    kept = make_resource("Sigue público")
    time_machine.move_to(T1, tick=False)
    unpublished.unpublish()
    restricted.visibility = Visibility.MEMBERS
    restricted.save_revision(clean=False).publish()
    Resource.objects.get(pk=deleted.pk).delete()

    def listed(**params):
        return {
            header.findtext("oai:identifier", namespaces=NS): (
                header.get("status"),
                header.findtext("oai:datestamp", namespaces=NS),
                [s.text for s in header.findall("oai:setSpec", NS)],
            )
            for root in harvest_all(client, **params)
            for header in headers(root)
        }

    assert listed() == {
        identifier(unpublished): (
            "deleted",
            "2026-03-09T10:30:00Z",
            ["tema:recursos-hidricos", "tipo:study"],
        ),
        identifier(restricted): ("deleted", "2026-03-09T10:30:00Z", ["tipo:guide"]),
        identifier(deleted): (
            "deleted",
            "2026-03-09T10:30:00Z",
            ["tema:recursos-hidricos", "tipo:study"],
        ),
        identifier(kept): (None, "2026-03-02T14:00:05Z", ["tipo:study"]),
    }
    # Harvesters asking for what changed since, or for a set, are told too.
    assert set(listed(**{"from": "2026-03-09"})) == {
        identifier(unpublished),
        identifier(restricted),
        identifier(deleted),
    }
    assert set(listed(set="tema:recursos-hidricos")) == {
        identifier(unpublished),
        identifier(deleted),
    }
    assert set(listed(set="tipo:guide")) == {identifier(restricted)}
    # A deleted record has a header and no metadata, in ListRecords and GetRecord.
    root = answer(
        client, verb="GetRecord", identifier=identifier(restricted), metadataPrefix="oai_dc"
    )
    record = root.find("oai:GetRecord/oai:record", NS)
    assert record.find("oai:header", NS).get("status") == "deleted"
    assert record.find("oai:metadata", NS) is None
    assert "Pasa a solo miembros" not in ET_text(root)
    records = harvest_all(client, "ListRecords", set="tema")[0].findall(".//oai:record", NS)
    assert [r.find("oai:metadata", NS) for r in records] == [None, None]
    formats = answer(client, verb="ListMetadataFormats", identifier=identifier(deleted))
    assert error_code(formats) is None

    # Public again: the record returns, dated by that change; the tombstone goes.
    time_machine.move_to(T2, tick=False)
    unpublished.save_revision(clean=False).publish()
    root = answer(
        client, verb="GetRecord", identifier=identifier(unpublished), metadataPrefix="oai_dc"
    )
    header = root.find(".//oai:header", NS)
    assert header.get("status") is None
    assert header.findtext("oai:datestamp", namespaces=NS) == "2026-04-01T08:00:00Z"
    assert dublin_core(root.find(".//oai:record", NS))["title"] == ["Se despublica"]
    assert not ResourceTombstone.objects.filter(resource_id=unpublished.pk).exists()
    # A later change moves the datestamp of a public record.
    time_machine.move_to(T2 + dt.timedelta(days=1), tick=False)
    kept.title = "Sigue público, corregido"
    kept.save_revision(clean=False).publish()
    assert listed(**{"from": "2026-04-02"}) == {
        identifier(kept): (None, "2026-04-02T08:00:00Z", ["tipo:study"])
    }


def ET_text(root) -> str:
    return "".join(root.itertext())


def test_what_was_never_public_leaves_no_trace(client):
    members = make_resource("Solo para miembros", visibility=Visibility.MEMBERS)
    draft = make_resource("Borrador", publish=False)
    public = make_resource("Público")
    members.unpublish()
    members.delete()
    draft.delete()
    assert not ResourceTombstone.objects.exists()
    assert header_ids(harvest_all(client)[0]) == [identifier(public)]


# ---- Errors


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Nope"}, "badVerb"),
        ({"verb": "identify"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": ""}, "badVerb"),
        ({"verb": "Identify", "set": "x"}, "badArgument"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ""}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "foo": "bar"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-13-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-02-30"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01T10:00:00"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01T10:00:00.5Z"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "\uff12\uff10\uff12\uff16-01-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-02-01", "until": "2026-01-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01", "until": "2026-02-01T00:00:00Z"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "tema agua"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "tema:"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": "IDENTIFIER"}, "badArgument"),
        ({"verb": "ListSets", "set": "tema"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "abc"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "abc"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "OAI_DC"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "identifier": "IDENTIFIER", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "identifier": "oai:otro.org:recurso/1", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "identifier": f"oai:{REPOSITORY}:recurso/0{{pk}}", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "identifier": f"oai:{REPOSITORY}:recurso/{'9' * 30}", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "identifier": "MEMBERS", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "identifier": "DRAFT", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": "MEMBERS"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": "recurso/1"}, "idDoesNotExist"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "tema:no-existe"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "otro"}, "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2100-01-01"}, "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "2000-01-01T00:00:00Z"}, "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "9999-12-31"}, None),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "0001-01-01"}, None),
    ],
)  # fmt: skip
def test_error_codes(client, study, params, code):
    members = make_resource("Reservado", visibility=Visibility.MEMBERS)
    draft = make_resource("Borrador", publish=False)
    names = {
        "IDENTIFIER": identifier(study),
        "MEMBERS": identifier(members),
        "DRAFT": identifier(draft),
    }
    params = {
        name: names.get(value, value.replace("{pk}", str(study.pk)))
        if isinstance(value, str)
        else value
        for name, value in params.items()
    }
    for method in ("get", "post"):
        root = answer(client, method, **params)
        assert error_code(root) == code
        error = root.find("oai:error", NS)
        if code in ("badVerb", "badArgument"):
            assert echoed(root) == {}  # only the base URL (OAI-PMH 2.0, 3.2)
        else:
            assert echoed(root) == params
        if code is not None:
            assert error.text  # a message for the harvester's operator


def test_other_http_methods_are_refused(client):
    assert client.put("/oai/?verb=Identify").status_code == 405
    assert client.delete("/oai/?verb=Identify").status_code == 405
    assert client.head("/oai/?verb=Identify").status_code == 200


# ---- Cost


def _queries(client, **params) -> int:
    # The licence is read once and then kept (members.licence): whether an earlier save
    # happened to read it first must not change the count of the answer's own queries.
    current_licence()
    with CaptureQueriesContext(connection) as queries:
        root = answer(client, **params)
    assert error_code(root) is None
    return len(queries)


def _seed(count: int, themes, institutions) -> None:
    for n in range(count):
        make_resource(
            f"Recurso {n}",
            themes=themes,
            institutions=institutions,
            tags=[f"etiqueta-{n}", "minería"],
            document=make_document(f"r{n}.pdf"),
        )


def test_queries_do_not_grow_with_the_library(client, water, canon, django_assert_max_num_queries):
    institutions = [InstitutionFactory(), InstitutionFactory()]
    _seed(4, [water, canon], institutions)
    first = {
        verb: _queries(client, verb=verb, metadataPrefix="oai_dc")
        for verb in ("ListRecords", "ListIdentifiers")
    }
    _seed(9, [water], institutions)
    for resource in Resource.objects.order_by("pk")[:3]:
        resource.unpublish()
    bigger = {
        verb: _queries(client, verb=verb, metadataPrefix="oai_dc")
        for verb in ("ListRecords", "ListIdentifiers")
    }
    assert bigger == first
    token = token_of(answer(client, verb="ListRecords", metadataPrefix="oai_dc")).text
    assert _queries(client, verb="ListRecords", resumptionToken=token) == first["ListRecords"]
    with django_assert_max_num_queries(7):
        answer(client, verb="ListRecords", metadataPrefix="oai_dc")
    with django_assert_max_num_queries(5):
        answer(
            client,
            verb="GetRecord",
            identifier=identifier(Resource.objects.last()),
            metadataPrefix="oai_dc",
        )
    with django_assert_max_num_queries(2):
        answer(client, verb="Identify")
    with django_assert_max_num_queries(1):
        answer(client, verb="ListSets")


# ---- Nothing members-only, draft or unpublished, ever

SECRETS = ("zanahoriasecreta", "quimeraborrador", "edicionpendiente", "retiradooculto")


def test_members_only_and_draft_resources_never_show(client, water):
    secret_theme = ThemeFactory(order=9, slug="tema-x")
    make_resource(
        "Guía zanahoriasecreta",
        visibility=Visibility.MEMBERS,
        summary="Resumen zanahoriasecreta.",
        other_authors="Autor zanahoriasecreta",
        tags=["zanahoriasecreta"],
        themes=[secret_theme],
        document=make_document("zanahoriasecreta.pdf"),
    )
    make_resource(
        "Borrador quimeraborrador",
        publish=False,
        summary="quimeraborrador",
        tags=["quimeraborrador"],
        themes=[water],
    )
    edited = make_resource("Estudio público", themes=[water])
    edited.title = "Estudio edicionpendiente"
    edited.summary = "Cambio edicionpendiente aún no aprobado."
    edited.save_revision(clean=False)  # a draft of a live resource: not published
    withdrawn = make_resource(
        "Informe retiradooculto", summary="retiradooculto", tags=["retiradooculto"]
    )
    withdrawn.unpublish()
    for n in range(4):
        make_resource(f"Público {n}", themes=[water])

    bodies = []
    for method in ("get", "post"):
        bodies += [
            answer(client, method, verb="Identify"),
            answer(client, method, verb="ListSets"),
            answer(client, method, verb="ListMetadataFormats"),
            *harvest_all(client, "ListIdentifiers"),
            *harvest_all(client, "ListRecords"),
            *harvest_all(client, "ListRecords", set="tema:tema-x"),
            *harvest_all(client, "ListRecords", set="tema:recursos-hidricos"),
        ]
    last = Resource.objects.order_by("-pk").first().pk
    for pk in [*Resource.objects.values_list("pk", flat=True), last + 1]:
        bodies.append(
            answer(client, verb="GetRecord", identifier=identifier(pk), metadataPrefix="oai_dc")
        )
        bodies.append(answer(client, verb="ListMetadataFormats", identifier=identifier(pk)))
    text = "\n".join(ET.tostring(root, encoding="unicode") for root in bodies).lower()
    for secret in SECRETS:
        assert secret not in text
    assert "estudio público" in text  # the published version is what harvesters get
    assert "público 3" in text
