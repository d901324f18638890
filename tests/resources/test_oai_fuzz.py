"""OAI-PMH under any input (hypothesis, the security suite's values): arbitrary text, NUL
bytes, lone surrogates, broken UTF-8 and very long strings in the verb and every argument,
by GET and POST. Never a server error; always well-formed XML with an OAI answer or one of
the protocol's error codes."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.resources.library_helpers import make_resource
from tests.resources.oai_helpers import (
    NS,
    URL,
    _oai_settings,  # noqa: F401 (autouse)
)
from tests.security.fuzz_values import bounded, encoded, values

pytestmark = pytest.mark.django_db

ERROR_CODES = {
    "badVerb",
    "badArgument",
    "badResumptionToken",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noRecordsMatch",
}
VERBS = st.sampled_from(
    ["Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords", "GetRecord"]
)
NAMES = ["identifier", "metadataPrefix", "from", "until", "set", "resumptionToken"]
arguments = st.fixed_dictionaries(
    {"verb": st.one_of(VERBS, values)},
    optional={
        **dict.fromkeys(NAMES, st.one_of(values, st.just("oai_dc"), st.just("2026-01-01"))),
        "junk": values,
    },
)


@pytest.fixture
def library():
    for n in range(4):
        make_resource(f"Estudio {n}")


@given(params=arguments, method=st.sampled_from(["get", "post"]))
@bounded(120)
def test_any_input_gets_an_oai_answer(library, params, method):
    client = Client(raise_request_exception=False)
    query = "&".join(f"{encoded(name)}={encoded(value)}" for name, value in params.items())
    if method == "get":
        response = client.get(f"{URL}?{query}")
    else:
        response = client.post(URL, query, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200, (params, response.status_code)
    root = ET.fromstring(response.content)
    error = root.find("oai:error", NS)
    if error is not None:
        assert error.get("code") in ERROR_CODES
    else:
        assert root.find(f"oai:{params['verb']}", NS) is not None
