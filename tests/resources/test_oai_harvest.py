"""A real OAI-PMH harvester (sickle) against the portal served on a live server: every verb,
ListRecords across several pages of resumption, GetRecord, a set, from/until, a record
deleted when its resource stops being public and back when it is public again, and the
errors a harvester gets for bad arguments (sickle raises them by their OAI code)."""

import pytest
from sickle import Sickle, oaiexceptions
from sickle.iterator import OAIResponseIterator

from resources.library import ResourceKind
from tests.factories import InstitutionFactory, ThemeFactory
from tests.resources.library_helpers import make_document, make_resource
from tests.resources.oai_helpers import (
    REPOSITORY,
    _oai_settings,  # noqa: F401 (autouse)
    identifier,
)
from themes.models import Visibility

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library():
    water = ThemeFactory(
        order=3, slug="recursos-hidricos", name_es="Recursos hídricos", name_en="Water resources"
    )
    gore = InstitutionFactory(name="Gobierno Regional de Moquegua")
    public = [
        make_resource(
            f"Estudio hídrico {n}",
            themes=[water] if n % 2 == 0 else [],
            institutions=[gore],
            tags=["agua"],
            year=2020 + n,
            kind=ResourceKind.REPORT if n == 7 else ResourceKind.STUDY,
            document=make_document(f"estudio-{n}.pdf") if n == 0 else None,
        )
        for n in range(8)
    ]
    hidden = [
        make_resource("Guía reservada", visibility=Visibility.MEMBERS, themes=[water]),
        make_resource("Borrador sin publicar", publish=False, themes=[water]),
    ]
    return {"public": public, "hidden": hidden}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sickle_harvests_the_library(live_server, library, method):
    sickle = Sickle(f"{live_server.url}/oai/", http_method=method, timeout=30)
    public = library["public"]
    wanted = [identifier(resource) for resource in public]

    identify = sickle.Identify()
    assert identify.repositoryName == "Comunidad de Aprendizaje Moquegua: Biblioteca de recursos"
    assert identify.baseURL == f"{live_server.url}/oai/"
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"

    assert [f.metadataPrefix for f in sickle.ListMetadataFormats()] == ["oai_dc"]
    assert [f.metadataPrefix for f in sickle.ListMetadataFormats(identifier=wanted[0])] == [
        "oai_dc"
    ]
    specs = [s.setSpec for s in sickle.ListSets()]
    assert "tema:recursos-hidricos" in specs
    assert "tipo:report" in specs

    # Eight public resources at three a page: three answers, followed by sickle itself.
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc"))
    assert [h.identifier for h in headers] == wanted
    records = sickle.ListRecords(metadataPrefix="oai_dc")
    harvested = list(records)
    assert [r.header.identifier for r in harvested] == wanted
    assert records.resumption_token.cursor == "6"
    assert records.resumption_token.complete_list_size == "8"
    first = harvested[0].metadata
    assert first["title"] == ["Estudio hídrico 0"]
    assert first["creator"] == ["Gobierno Regional de Moquegua"]
    assert first["subject"] == ["Recursos hídricos", "Water resources", "agua"]
    assert first["identifier"][0] == f"{live_server.url}{public[0].get_absolute_url()}"
    assert first["identifier"][1].startswith(f"{live_server.url}/documents/")
    assert first["rights"] == ["https://creativecommons.org/licenses/by/4.0/"]

    in_set = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="tema:recursos-hidricos"))
    assert [h.identifier for h in in_set] == wanted[0::2]
    assert [
        h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", set="tipo:report")
    ] == [wanted[7]]
    since = list(sickle.ListIdentifiers(**{"metadataPrefix": "oai_dc", "from": "2000-01-01"}))
    assert len(since) == 8

    record = sickle.GetRecord(identifier=wanted[3], metadataPrefix="oai_dc")
    assert record.metadata["title"] == ["Estudio hídrico 3"]
    assert record.metadata["date"] == ["2023"]

    # Unpublished: harvesters get it as deleted, in its set too; published again, back.
    public[2].unpublish()
    record = sickle.GetRecord(identifier=wanted[2], metadataPrefix="oai_dc")
    assert record.deleted
    assert record.header.deleted
    deleted = [h for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", set="tema") if h.deleted]
    assert [h.identifier for h in deleted] == [wanted[2]]
    public[2].save_revision(clean=False).publish()
    record = sickle.GetRecord(identifier=wanted[2], metadataPrefix="oai_dc")
    assert not record.deleted
    assert record.metadata["title"] == ["Estudio hídrico 2"]

    # Members-only and draft resources: not there at all.
    all_ids = {h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc")}
    for resource in library["hidden"]:
        assert identifier(resource) not in all_ids
        with pytest.raises(oaiexceptions.IdDoesNotExist):
            sickle.GetRecord(identifier=identifier(resource), metadataPrefix="oai_dc")

    # Bad arguments: the OAI error codes, which sickle raises.
    with pytest.raises(oaiexceptions.BadVerb):
        OAIResponseIterator(sickle, {"verb": "ListEverything"})
    with pytest.raises(oaiexceptions.BadArgument):
        sickle.GetRecord(identifier=wanted[0])
    with pytest.raises(oaiexceptions.BadArgument):
        list(sickle.ListRecords(**{"metadataPrefix": "oai_dc", "from": "ayer"}))
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        list(sickle.ListRecords(metadataPrefix="marc21"))
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(sickle.ListRecords(metadataPrefix="oai_dc", set="tema:no-existe"))
    with pytest.raises(oaiexceptions.BadResumptionToken):
        list(sickle.ListRecords(resumptionToken="inventado"))
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        sickle.GetRecord(identifier=f"oai:{REPOSITORY}:recurso/999999", metadataPrefix="oai_dc")
