"""Helpers for the tests of the OAI-PMH endpoint: requests, and reading its XML."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from resources import oai

URL = "/oai/"
REPOSITORY = "comunidad.example.org"
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
XSI_SCHEMA_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VERB_ELEMENTS = {
    "Identify",
    "ListMetadataFormats",
    "ListSets",
    "ListIdentifiers",
    "ListRecords",
    "GetRecord",
}


@pytest.fixture(autouse=True)
def _oai_settings(settings):
    settings.OAI_REPOSITORY_IDENTIFIER = REPOSITORY
    settings.OAI_ADMIN_EMAIL = "biblioteca@comunidad.example.org"
    settings.OAI_PAGE_SIZE = 3


def identifier(resource_or_id) -> str:
    return oai.oai_identifier(getattr(resource_or_id, "pk", resource_or_id))


def answer(client, method: str = "get", **params) -> ET.Element:
    """The parsed answer, after checking what every answer shares (OAI-PMH 2.0, 3.2)."""
    response = getattr(client, method)(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['oai']}}}OAI-PMH"
    assert root.get(XSI_SCHEMA_LOCATION) == (
        "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
    )
    children = list(root)
    assert children[0].tag == f"{{{NS['oai']}}}responseDate"
    responded = dt.datetime.strptime(children[0].text, "%Y-%m-%dT%H:%M:%SZ")
    assert responded.year >= 2000
    assert children[1].tag == f"{{{NS['oai']}}}request"
    assert children[1].text == "http://testserver/oai/"
    body = [child.tag.split("}")[1] for child in children[2:]]
    assert body == ["error"] or (len(body) == 1 and body[0] in VERB_ELEMENTS), body
    return root


def error_code(root: ET.Element) -> str | None:
    error = root.find("oai:error", NS)
    return None if error is None else error.get("code")


def echoed(root: ET.Element) -> dict[str, str]:
    return dict(root.find("oai:request", NS).attrib)


def headers(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//oai:header", NS)


def header_ids(root: ET.Element) -> list[str]:
    return [header.findtext("oai:identifier", namespaces=NS) for header in headers(root)]


def token_of(root: ET.Element) -> ET.Element | None:
    return root.find(".//oai:resumptionToken", NS)


def harvest_all(client, verb: str = "ListIdentifiers", **params) -> list[ET.Element]:
    """Every answer of a list, following the resumption tokens to the end."""
    roots = [answer(client, verb=verb, metadataPrefix="oai_dc", **params)]
    while (token := token_of(roots[-1])) is not None and token.text:
        roots.append(answer(client, verb=verb, resumptionToken=token.text))
    return roots


def dublin_core(record: ET.Element) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for element in record.find("oai:metadata/oai_dc:dc", NS):
        values.setdefault(element.tag.split("}")[1], []).append(element.text)
    return values
