"""Reading a page's schema.org JSON-LD the way search engines and reusers do: with a real
parser (extruct), never by slicing the HTML."""

import extruct

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
SCHEMA = "https://schema.org/"


def json_ld(response, base_url: str = "http://testserver") -> list[dict]:
    """Every JSON-LD node of the page, the nodes of a @graph one by one."""
    html = response.content.decode()
    nodes = []
    for block in extruct.extract(html, base_url=base_url, syntaxes=["json-ld"])["json-ld"]:
        assert block["@context"] == "https://schema.org"
        nodes.extend(block.get("@graph", [block]))
    return nodes


def types_of(node: dict) -> set[str]:
    kinds = node["@type"]
    return set(kinds) if isinstance(kinds, list) else {kinds}


def node_of_type(response, kind: str) -> dict:
    found = [node for node in json_ld(response) if kind in types_of(node)]
    assert len(found) == 1, f"{len(found)} {kind} nodes in {json_ld(response)}"
    return found[0]


def crumbs(response) -> list[tuple[str, str | None]]:
    """(name, URL) of the BreadcrumbList's items, in their positions' order."""
    items = node_of_type(response, "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [(item["name"], item.get("item")) for item in items]
