"""The texts of the portal's pages, read from the content files in resources/content/: the
home page (both languages, and its highlight cards), the Foundational Document, the about,
methodology, privacy and contact pages, the news index (pages.yaml), and the demo news.
Each file explains its fields at its top; here they are read, checked and turned into
StreamField data (resources.blocks) for the seed (resources.page_seed).
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from members.content_files import Where, load, one_of, unique

from .pages import ArticleKind

CONTENT = Path(__file__).resolve().parent / "content"

# The Foundational Document's slug: the main navigation links to it without a lookup.
FOUNDATIONAL_DOCUMENT_SLUG = "documento-fundacional"

# A note on every demo text (seed_demo only).
DEMO_NOTE_ES = "Contenido de demostración"
DEMO_NOTE_EN = "Demo content"


# ---- StreamField data (resources.blocks)


def h2(text: str, anchor: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2", "anchor": anchor}}


def h3(text: str, anchor: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h3", "anchor": anchor}}


def p(html: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{html}</p>"}


def bullets(*items: str, ordered: bool = False) -> dict:
    return {"type": "list", "value": {"ordered": ordered, "items": list(items)}}


def quote(text: str, attribution: str = "") -> dict:
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def table(caption: str, headings: list[str], rows: list[list[str]]) -> dict:
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "columns": [{"type": "text", "heading": heading} for heading in headings],
            "rows": [{"values": list(row)} for row in rows],
        },
    }


def contact_details() -> dict:
    return {"type": "contact_details", "value": None}


# The blocks of a content file: each kind, its required and optional companion fields.
BLOCKS = {
    "h2": ((("anchor",)), ()),
    "h3": ((("anchor",)), ()),
    "p": ((), ()),
    "bullets": ((), ()),
    "numbered": ((), ()),
    "quote": ((), ("attribution",)),
    "table": (("columns", "rows"), ()),
}
CONTACT_DETAILS = "contact_details"


def _texts(value, where: Where) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise where.error("expected a list of texts")
    return value


def _block(data, where: Where) -> dict:
    if data == CONTACT_DETAILS:
        return contact_details()
    kinds = [name for name in BLOCKS if isinstance(data, dict) and name in data]
    if len(kinds) != 1:
        raise where.error(
            f"a block is one of {', '.join(BLOCKS)} (or {CONTACT_DETAILS}), got {data!r:.60}"
        )
    kind = kinds[0]
    required, optional = BLOCKS[kind]
    extra = sorted(set(data) - {kind, *required, *optional})
    if extra:
        raise where.error(f"unknown field '{extra[0]}' in a {kind} block")
    missing = [name for name in required if name not in data]
    if missing:
        raise where.error(f"a {kind} block needs '{missing[0]}'")
    text = data[kind]
    if kind in ("bullets", "numbered"):
        return bullets(*_texts(text, where.at(kind)), ordered=kind == "numbered")
    if not isinstance(text, str):
        raise where.at(kind).error(f"expected text, got {text!r:.60} (put it in quotes)")
    if kind in ("h2", "h3"):
        return {"h2": h2, "h3": h3}[kind](text, str(data["anchor"]))
    if kind == "p":
        return p(text)
    if kind == "quote":
        return quote(text, data.get("attribution", ""))
    headings = _texts(data["columns"], where.at("columns"))
    rows = data["rows"]
    if not isinstance(rows, list):
        raise where.at("rows").error("expected a list of rows")
    for number, row in enumerate(rows, start=1):
        cells = _texts(row, where.at("rows", f"row {number}"))
        if len(cells) != len(headings):
            raise where.at("rows", f"row {number}").error(
                f"{len(cells)} cells for {len(headings)} columns"
            )
    return table(text, headings, rows)


def body(blocks, where: Where) -> list[dict]:
    """A content file's list of blocks as StreamField data."""
    if not isinstance(blocks, list):
        raise where.error("expected a list of blocks")
    return [_block(data, where.at(f"block {number}")) for number, data in enumerate(blocks, 1)]


def rich_text(blocks, where: Where) -> str:
    """Paragraphs and bullet lists as Wagtail rich text (HTML)."""
    html = []
    for number, data in enumerate(blocks if isinstance(blocks, list) else [None], 1):
        block = _block(data, where.at(f"block {number}"))
        if block["type"] == "paragraph":
            html.append(block["value"])
        elif block["type"] == "list" and not block["value"]["ordered"]:
            items = "".join(f"<li>{item}</li>" for item in block["value"]["items"])
            html.append(f"<ul>{items}</ul>")
        else:
            raise where.at(f"block {number}").error("here only p and bullets blocks are allowed")
    return "".join(html)


# ---- Pages (seed_core_group)


@dataclass(frozen=True)
class PageText:
    title: str
    introduction: str
    search_description: str
    body: list = field(default_factory=list)


@dataclass(frozen=True)
class PageSeed:
    """One page and its English translation. `key` is stable: the seed finds the page by
    it (through its translation key), whatever editors have since renamed."""

    key: str
    kind: str = field(metadata=one_of("page_kind"))
    slug: str
    es: PageText
    en: PageText


@dataclass(frozen=True)
class Translated:
    es: str
    en: str


@dataclass(frozen=True)
class FoundationalDocumentSeed:
    version: str
    changes: Translated  # what this version is, for the document's history


@dataclass(frozen=True)
class PagesFile:
    foundational_document: FoundationalDocumentSeed
    pages: tuple[PageSeed, ...]


PAGE_KINDS = {"foundational_document", "news_index", "standard", "contact"}


def _with_body(text, where: Where):
    return type(text)(**{**text.__dict__, "body": body(text.body, where.at("body"))})


@cache
def pages_file() -> PagesFile:
    path = CONTENT / "pages.yaml"
    content = load(path, PagesFile, {"page_kind": PAGE_KINDS})
    where = Where(path, ("pages",))
    unique(content.pages, "key", where)
    unique(content.pages, "slug", where)
    for kind in ("foundational_document", "news_index"):
        if [seed.kind for seed in content.pages].count(kind) != 1:
            raise where.error(f"there must be exactly one page of kind {kind}")
    pages = []
    for number, seed in enumerate(content.pages, start=1):
        entry = where.at(f"entry {number} ({seed.key})")
        if seed.kind == "foundational_document" and seed.slug != FOUNDATIONAL_DOCUMENT_SLUG:
            raise entry.at("slug").error(
                f"the main navigation links to /{FOUNDATIONAL_DOCUMENT_SLUG}/: keep that slug"
            )
        pages.append(
            PageSeed(
                key=seed.key,
                kind=seed.kind,
                slug=seed.slug,
                es=_with_body(seed.es, entry.at("es")),
                en=_with_body(seed.en, entry.at("en")),
            )
        )
    return PagesFile(foundational_document=content.foundational_document, pages=tuple(pages))


def pages() -> tuple[PageSeed, ...]:
    """The pages the seed creates under the home page, in this order."""
    return pages_file().pages


def page_of_kind(kind: str) -> PageSeed:
    return next(seed for seed in pages() if seed.kind == kind)


# ---- The home page (seed_core_group)


@dataclass(frozen=True)
class HomeText:
    intro: list  # blocks, as rich text once read
    join_call: str
    search_description: str
    title: str = ""


@dataclass(frozen=True)
class HighlightText:
    title: str
    text: str


@dataclass(frozen=True)
class HighlightSeed:
    page: str = field(metadata=one_of("page"))  # the key of the page the card links to
    es: HighlightText
    en: HighlightText


@dataclass(frozen=True)
class HomeFile:
    es: HomeText
    en: HomeText
    highlights: tuple[HighlightSeed, ...]


@cache
def home() -> HomeFile:
    path = CONTENT / "home.yaml"
    content = load(path, HomeFile, {"page": {seed.key for seed in pages()}})
    where = Where(path)
    if not content.en.title:
        raise where.at("en", "title").error("the English home page needs a title")

    def text(home_text: HomeText, language: str) -> HomeText:
        intro = rich_text(home_text.intro, where.at(language, "intro"))
        return HomeText(**{**home_text.__dict__, "intro": intro})

    return HomeFile(
        es=text(content.es, "es"), en=text(content.en, "en"), highlights=content.highlights
    )


# ---- Demo news (seed_demo)


@dataclass(frozen=True)
class ArticleText:
    title: str
    summary: str
    body: list


@dataclass(frozen=True)
class ArticleSeed:
    key: str
    slug: str
    kind: str = field(metadata=one_of(ArticleKind))
    days_ago: int
    es: ArticleText
    en: ArticleText


@dataclass(frozen=True)
class DemoNewsFile:
    articles: tuple[ArticleSeed, ...]


@cache
def demo_articles() -> tuple[ArticleSeed, ...]:
    path = CONTENT / "demo_news.yaml"
    where = Where(path, ("articles",))
    articles = load(path, DemoNewsFile).articles
    unique(articles, "key", where)
    built = []
    for number, article in enumerate(articles, start=1):
        entry = where.at(f"entry {number} ({article.key})")
        for language, note in (("es", DEMO_NOTE_ES), ("en", DEMO_NOTE_EN)):
            if note not in getattr(article, language).summary:
                raise entry.at(language, "summary").error(f"a demo item must say '{note}'")
        built.append(
            ArticleSeed(
                **{
                    **article.__dict__,
                    "es": _with_body(article.es, entry.at("es")),
                    "en": _with_body(article.en, entry.at("en")),
                }
            )
        )
    return tuple(built)
