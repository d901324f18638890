"""The library's seed: the real entries (`seed_core_resources`, run by `seed_core_group`,
also in production) and the demo resources (`seed_demo_resources`, a step of `seed_demo`).

Idempotent: a resource is found by its slug; one that exists is left as it is (a
facilitator may have edited it), one that is missing is created and published.

The entries are read from resources/content/library.yaml (the real ones, "description
only") and demo_library.yaml (the demo ones, marked as demo content in their summary,
with small generated files); each file explains its fields at its top.
"""

import textwrap
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from members.content_files import Where, load, one_of, unique, with_demo_mark
from members.models import Institution, Notification, User
from members.places import districts_by_slug
from themes.models import Theme, Visibility

from . import services
from .library import Resource, ResourceKind
from .models import PrivateDocument

CONTENT = Path(__file__).resolve().parent / "content"


@dataclass(frozen=True)
class ResourceSeed:
    title: str
    kind: str = field(metadata=one_of(ResourceKind))
    summary: str
    slug: str = ""  # the stable key (a member's proposal gets its own)
    themes: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()  # names, as in the Core Group seed
    districts: tuple[str, ...] = ()  # slugs of members.District
    other_authors: str = ""
    year: int | None = None
    language: str = field(default="es", metadata=one_of("language"))
    visibility: str = field(default=Visibility.PUBLIC, metadata=one_of(Visibility))
    tags: tuple[str, ...] = ()
    external_url: str = ""
    # A generated file: a PDF of these lines, or this CSV text.
    file_name: str = ""
    pdf_lines: tuple[str, ...] = ()
    csv: str = ""


@dataclass(frozen=True)
class ProposalSeed(ResourceSeed):
    proposer: str = ""  # the e-mail of the demo member who proposes it


@dataclass(frozen=True)
class LibraryFile:
    resources: tuple[ResourceSeed, ...]


@dataclass(frozen=True)
class DemoLibraryFile:
    resources: tuple[ResourceSeed, ...]
    proposal: ProposalSeed


REFS = {"language": {"es", "en"}}


def _check(seeds: tuple, where: Where, *, demo: bool, slugs: bool = True) -> tuple:
    for number, seed in enumerate(seeds, start=1):
        entry = where.at(f"entry {number}" + (f" ({seed.slug})" if seed.slug else ""))
        if slugs and not seed.slug:
            raise entry.error("missing field 'slug'")
        if seed.file_name.endswith(".pdf") and not seed.pdf_lines:
            raise entry.at("pdf_lines").error("a .pdf file_name needs the PDF's lines")
        if seed.file_name.endswith(".csv") and not seed.csv:
            raise entry.at("csv").error("a .csv file_name needs the file's text")
        if seed.file_name and not seed.file_name.endswith((".pdf", ".csv")):
            raise entry.at("file_name").error("a generated file is a .pdf or a .csv")
    unique([seed for seed in seeds if seed.slug], "slug", where)
    if demo:
        return tuple(
            replace(seed, summary=with_demo_mark(seed.summary, seed.language)) for seed in seeds
        )
    return seeds


@cache
def core_resources() -> tuple[ResourceSeed, ...]:
    path = CONTENT / "library.yaml"
    seeds = load(path, LibraryFile, REFS).resources
    return _check(seeds, Where(path, ("resources",)), demo=False)


@cache
def demo_library() -> tuple[tuple[ResourceSeed, ...], ProposalSeed]:
    """The demo resources, and the member's proposal waiting for review."""
    path = CONTENT / "demo_library.yaml"
    content = load(path, DemoLibraryFile, REFS)
    resources = _check(content.resources, Where(path, ("resources",)), demo=True)
    (proposal,) = _check((content.proposal,), Where(path, ("proposal",)), demo=True, slugs=False)
    if not proposal.proposer:
        raise Where(path, ("proposal", "proposer")).error("missing field 'proposer'")
    return resources, proposal


def tiny_pdf(lines: list[str], *, title: str = "") -> bytes:
    """A small, valid one-page PDF (Helvetica, WinAnsi text) written by hand."""

    def text(value: str) -> bytes:
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return escaped.encode("cp1252", errors="replace")

    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, 88) or [""])
    content = [b"BT", b"72 770 Td", b"16 TL"]
    for number, line in enumerate(wrapped[:45]):
        size = 15 if number == 0 else 11
        content.append(b"/F1 %d Tf (" % size + text(line) + b") Tj T*")
    content.append(b"ET")
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + text(title or (lines[0] if lines else "")) + b") >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return out


def _document(seed: ResourceSeed, user=None):
    if not seed.file_name:
        return None
    if seed.file_name.endswith(".pdf"):
        data = tiny_pdf(list(seed.pdf_lines), title=seed.title)
    else:
        data = seed.csv.encode()
    document = PrivateDocument(title=seed.title[:255], uploaded_by_user=user)
    document.file.save(seed.file_name, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _relations(seed: ResourceSeed) -> dict:
    themes = list(Theme.objects.filter(slug__in=seed.themes).order_by("order"))
    institutions = list(Institution.objects.filter(name__in=seed.institutions))
    return {
        "themes": themes,
        "institutions": institutions,
        "tags": list(seed.tags),
        "districts": districts_by_slug(seed.districts),
    }


def _fields(seed: ResourceSeed) -> dict:
    return {
        "title": seed.title,
        "kind": seed.kind,
        "summary": seed.summary,
        "other_authors": seed.other_authors,
        "year": seed.year,
        "language": seed.language,
        "external_url": seed.external_url,
        "visibility": seed.visibility,
    }


@dataclass
class LibraryTally:
    created: list[str] = field(default_factory=list)
    existing: int = 0

    def line(self, what: str) -> str:
        return f"{what}: {len(self.created)} created, {self.existing} already there."


def _seed_published(seeds: tuple[ResourceSeed, ...], *, user=None) -> LibraryTally:
    tally = LibraryTally()
    existing = set(
        Resource.objects.filter(slug__in=[seed.slug for seed in seeds]).values_list(
            "slug", flat=True
        )
    )
    for seed in seeds:
        if seed.slug in existing:
            tally.existing += 1
            continue
        services.resource_add(
            user=user,
            fields=_fields(seed),
            document=_document(seed, user),
            slug=seed.slug,
            **_relations(seed),
        )
        tally.created.append(seed.slug)
    return tally


def seed_core_resources() -> str:
    """The real entries of the library (description only). Returns a line for the report."""
    return _seed_published(core_resources()).line("Library")


def seed_demo_resources(seed) -> None:
    """seed_demo's step: the demo resources, published by the demo facilitator, and one
    member's proposal in review. Their notifications stay in the portal, unmailed."""
    facilitator = seed.users.get("facilitator@example.org")
    last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    resources, proposal = demo_library()
    tally = _seed_published(resources, user=facilitator)

    email = proposal.proposer
    proposer = seed.users.get(email) or User.objects.filter(email=email).first()
    if proposer is not None:
        # Found again by its proposer and title (a member's proposal gets its own slug).
        if Resource.objects.filter(proposed_by=proposer, title=proposal.title).exists():
            tally.existing += 1
        else:
            resource = services.resource_propose(
                user=proposer, fields=_fields(proposal), **_relations(proposal)
            )
            tally.created.append(resource.slug)

    Notification.objects.filter(pk__gt=last_notification, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    seed.write(tally.line("Demo resources"))
