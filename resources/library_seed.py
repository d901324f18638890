"""The library's seed: the real entries (`seed_core_resources`, run by `seed_core_group`,
also in production) and the demo resources (`seed_demo_resources`, a step of `seed_demo`).

Idempotent: a resource is found by its slug; one that exists is left as it is (a
facilitator may have edited it), one that is missing is created and published.

The real entries describe documents the portal does not hold: they are "description
only" (no file, no link) and shown as such. Their texts keep to what the Community's
public description says of them. The demo resources are marked as demo content in their
summary, name no real institution as author, and carry small generated files.
"""

import textwrap
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from members.models import Institution, Notification
from themes.models import Theme, Visibility

from . import services
from .library import Resource, ResourceKind

DEMO_MARK = "(Contenido de demostración.)"

# The four RIMAY themes, by slug (col_portal.seed_content.THEMES).
CANON = "brechas-y-renta-minera"
DIVERSIFICATION = "diversificacion-productiva"
WATER = "recursos-hidricos"
ENVIRONMENT = "gestion-ambiental"
ALL_THEMES = (CANON, DIVERSIFICATION, WATER, ENVIRONMENT)


@dataclass(frozen=True)
class ResourceSeed:
    slug: str
    title: str
    kind: str
    summary: str
    themes: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()  # names, as in the Core Group seed
    other_authors: str = ""
    year: int | None = None
    language: str = "es"
    visibility: str = Visibility.PUBLIC
    tags: tuple[str, ...] = ()
    external_url: str = ""
    # A generated file: ("pdf", lines of text) or ("csv", the file's text).
    file: tuple[str, object] | None = None
    file_name: str = ""


CORE_RESOURCES = [
    ResourceSeed(
        slug="sistematizacion-iniciativas-multiactor-moquegua",
        title=(
            "Sistematización de las iniciativas y programas de desarrollo multiactor "
            "en la región Moquegua"
        ),
        kind=ResourceKind.STUDY,
        summary=(
            "Estudio que sistematizó las iniciativas y los programas de desarrollo multiactor "
            "—aquellos en los que participan el Estado, las empresas, la sociedad civil y la "
            "academia— implementados en la región Moquegua hasta la fecha de su elaboración.\n\n"
            "Los participantes de la Comunidad de Aprendizaje tomaron en cuenta sus resultados "
            "en los talleres de 2022, cuando definieron los temas que la Comunidad aborda y "
            "prioriza. El otro punto de partida fue el documento de consenso de RIMAY Moquegua."
        ),
        themes=ALL_THEMES,
        tags=("iniciativas multiactor", "gobernanza minera"),
    ),
    ResourceSeed(
        slug="documento-de-consenso-rimay-moquegua",
        title="Documento de consenso de RIMAY Moquegua",
        kind=ResourceKind.OTHER,
        summary=(
            "Documento de consenso del proceso de diálogo multiactor regional RIMAY Moquegua "
            "(«rimay» significa «hablar» en quechua), promovido en 2021 por el Gobierno Regional "
            "de Moquegua y el Ministerio de Energía y Minas, con el apoyo del Banco "
            "Interamericano de Desarrollo. El proceso produjo una visión de la minería para la "
            "región construida en conjunto por sus actores.\n\n"
            "El documento prioriza cuatro temas clave para el desarrollo socioeconómico de la "
            "región: el cierre de brechas en los servicios públicos y el uso de la renta minera; "
            "la diversificación productiva; la gestión integrada de los recursos hídricos; y la "
            "gestión de los aspectos ambientales. La Comunidad de Aprendizaje trabaja a partir "
            "de estos cuatro temas."
        ),
        themes=ALL_THEMES,
        institutions=("Gobierno Regional de Moquegua",),
        other_authors=(
            "Ministerio de Energía y Minas, con el apoyo del Banco Interamericano de Desarrollo"
        ),
        year=2021,
        tags=("RIMAY Moquegua", "diálogo multiactor", "visión minera"),
    ),
]


DEMO_AUTHORS = "Equipo facilitador de la Comunidad (ejemplo de demostración)"

DEMO_RESOURCES = [
    ResourceSeed(
        slug="guia-vigilancia-ciudadana-canon-minero",
        title="Guía práctica para la vigilancia ciudadana de obras financiadas con canon minero",
        kind=ResourceKind.GUIDE,
        summary=(
            "Pasos para que un comité de vigilancia o una junta vecinal siga una obra pública "
            "financiada con canon minero: dónde encontrar el expediente técnico, qué preguntar "
            "en la visita de obra, cómo registrar los avances y a quién informar. " + DEMO_MARK
        ),
        themes=(CANON,),
        other_authors=DEMO_AUTHORS,
        year=2024,
        tags=("canon minero", "vigilancia ciudadana", "transparencia"),
        file=(
            "pdf",
            [
                "Guía práctica para la vigilancia ciudadana de obras con canon",
                "Contenido de demostración del portal de la Comunidad de Aprendizaje.",
                "",
                "1. Elegir una obra visible y pedir su expediente técnico.",
                "2. Revisar el presupuesto, el plazo y el cronograma de pagos.",
                "3. Visitar la obra con la municipalidad y anotar lo observado.",
                "4. Comparar el avance físico con el avance financiero publicado.",
                "5. Compartir un reporte breve con la comunidad y con la entidad.",
            ],
        ),
        file_name="guia-vigilancia-ciudadana.pdf",
    ),
    ResourceSeed(
        slug="plantilla-seguimiento-obras-canon",
        title="Plantilla de registro para el seguimiento de obras públicas",
        kind=ResourceKind.DATASET,
        summary=(
            "Hoja de cálculo en formato CSV con las columnas que un comité de vigilancia puede "
            "usar para registrar cada visita de obra: obra, distrito, fecha, avance observado, "
            "avance informado y observaciones. Las filas son ejemplos ficticios. " + DEMO_MARK
        ),
        themes=(CANON,),
        other_authors=DEMO_AUTHORS,
        year=2024,
        visibility=Visibility.MEMBERS,
        tags=("datos abiertos", "vigilancia ciudadana"),
        file=(
            "csv",
            "obra;distrito;fecha_visita;avance_observado_pct;avance_informado_pct;observaciones\n"
            "Obra de ejemplo A;Distrito de ejemplo;2024-03-12;35;40;Falta señalización\n"
            "Obra de ejemplo B;Distrito de ejemplo;2024-04-02;60;60;Sin observaciones\n",
        ),
        file_name="plantilla-seguimiento-obras.csv",
    ),
    ResourceSeed(
        slug="presentacion-gestion-integrada-recursos-hidricos",
        title="Gestión integrada de los recursos hídricos: conceptos básicos para la región",
        kind=ResourceKind.PRESENTATION,
        summary=(
            "Presentación para abrir un taller sobre el agua compartida entre la agricultura, "
            "las ciudades y la minería: qué es la gestión integrada por cuenca, quiénes "
            "participan en ella y qué preguntas conviene hacerse antes de un acuerdo de uso. "
            + DEMO_MARK
        ),
        themes=(WATER, ENVIRONMENT),
        other_authors=DEMO_AUTHORS,
        year=2023,
        tags=("agua", "cuenca"),
        file=(
            "pdf",
            [
                "Gestión integrada de los recursos hídricos",
                "Presentación de demostración del portal de la Comunidad de Aprendizaje.",
                "",
                "- La cuenca como unidad de gestión.",
                "- Usos del agua: poblacional, agrícola, minero y ambiental.",
                "- Espacios de diálogo: consejos de recursos hídricos de cuenca.",
                "- Preguntas para un acuerdo: cuánta agua, para quién, con qué control.",
            ],
        ),
        file_name="gestion-integrada-recursos-hidricos.pdf",
    ),
    ResourceSeed(
        slug="resumen-ley-del-canon",
        title="Resumen: cómo se distribuye el canon minero (Ley N.° 27506 y modificatorias)",
        kind=ResourceKind.LEGAL_TEXT,
        summary=(
            "Resumen en lenguaje sencillo de la Ley del Canon: el canon minero es la parte del "
            "impuesto a la renta que pagan las empresas mineras y que el Estado transfiere a los "
            "gobiernos regionales y locales, y a las universidades públicas, del territorio "
            "donde se explotan los recursos. Es un resumen de referencia: consulte siempre el "
            "texto oficial y sus modificatorias. " + DEMO_MARK
        ),
        themes=(CANON,),
        other_authors=DEMO_AUTHORS,
        year=2024,
        tags=("canon minero", "marco legal"),
        file=(
            "pdf",
            [
                "Resumen: distribución del canon minero",
                "Contenido de demostración; consulte el texto oficial de la Ley N.° 27506.",
                "",
                "El canon minero equivale al 50 % del impuesto a la renta de las empresas",
                "mineras. Se reparte entre las municipalidades del distrito, la provincia",
                "y el departamento donde se explota el recurso, y el gobierno regional,",
                "que destina una parte a las universidades públicas de la región.",
            ],
        ),
        file_name="resumen-ley-del-canon.pdf",
    ),
    ResourceSeed(
        slug="guia-talleres-multiactor-aprendizaje-colaborativo",
        title="Guía para facilitar talleres multiactor con el enfoque de aprendizaje colaborativo",
        kind=ResourceKind.GUIDE,
        summary=(
            "Cómo preparar y conducir un taller en el que participan el gobierno, las empresas, "
            "la sociedad civil y la academia: acuerdos de convivencia, preguntas para compartir "
            "experiencias, registro de lecciones y compromisos de seguimiento. " + DEMO_MARK
        ),
        themes=ALL_THEMES,
        other_authors=DEMO_AUTHORS,
        year=2023,
        visibility=Visibility.MEMBERS,
        tags=("aprendizaje colaborativo", "facilitación"),
        file=(
            "pdf",
            [
                "Guía para facilitar talleres multiactor",
                "Contenido de demostración, solo para miembros de la Comunidad.",
                "",
                "Antes: acordar el propósito, invitar a todos los sectores, enviar la agenda.",
                "Durante: acuerdos de convivencia, rondas de experiencias, lecciones.",
                "Después: compartir la relatoría y dar seguimiento a los compromisos.",
            ],
        ),
        file_name="guia-talleres-multiactor.pdf",
    ),
    ResourceSeed(
        slug="eiti-sitio-oficial",
        title="Extractive Industries Transparency Initiative (EITI): official website",
        kind=ResourceKind.OTHER,
        summary=(
            "The website of the global standard for the disclosure of information along the "
            "extractive industries' value chain, from the award of licences to how revenue "
            "is spent. Useful to compare how other countries report mining payments. "
            "(Demo content. Contenido de demostración.)"
        ),
        themes=(CANON,),
        other_authors=DEMO_AUTHORS,
        language="en",
        tags=("transparencia",),
        external_url="https://eiti.org/",
    ),
]

# A member's proposal waiting for the facilitators' review (seed_demo).
DEMO_PROPOSAL = ResourceSeed(
    slug="",
    title="Relatoría de una mesa de diálogo sobre el agua en Ilo",
    kind=ResourceKind.REPORT,
    summary=(
        "Relatoría de una reunión entre usuarios agrícolas, la municipalidad y una empresa "
        "para acordar turnos de riego en época seca. Propuesta por un miembro y pendiente de "
        "revisión. " + DEMO_MARK
    ),
    themes=(WATER,),
    other_authors="Participantes de la mesa (ejemplo de demostración)",
    year=2024,
    tags=("agua",),
)
DEMO_PROPOSER = "member@example.org"


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
    from .models import PrivateDocument

    if seed.file is None:
        return None
    kind, payload = seed.file
    data = tiny_pdf(payload, title=seed.title) if kind == "pdf" else str(payload).encode()
    document = PrivateDocument(title=seed.title[:255], uploaded_by_user=user)
    document.file.save(seed.file_name, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _relations(seed: ResourceSeed) -> dict:
    themes = list(Theme.objects.filter(slug__in=seed.themes).order_by("order"))
    institutions = list(Institution.objects.filter(name__in=seed.institutions))
    return {"themes": themes, "institutions": institutions, "tags": list(seed.tags)}


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


def _seed_published(seeds: list[ResourceSeed], *, user=None) -> LibraryTally:
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
    return _seed_published(CORE_RESOURCES).line("Library")


def seed_demo_resources(seed) -> None:
    """seed_demo's step: the demo resources, published by the demo facilitator, and one
    member's proposal in review. Their notifications stay in the portal, unmailed."""
    from members.models import User

    facilitator = seed.users.get("facilitator@example.org")
    last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    tally = _seed_published(DEMO_RESOURCES, user=facilitator)

    proposer = seed.users.get(DEMO_PROPOSER) or User.objects.filter(email=DEMO_PROPOSER).first()
    if proposer is not None:
        # Found again by its proposer and title (a member's proposal gets its own slug).
        if Resource.objects.filter(proposed_by=proposer, title=DEMO_PROPOSAL.title).exists():
            tally.existing += 1
        else:
            resource = services.resource_propose(
                user=proposer, fields=_fields(DEMO_PROPOSAL), **_relations(DEMO_PROPOSAL)
            )
            tally.created.append(resource.slug)

    Notification.objects.filter(pk__gt=last_notification, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    seed.write(tally.line("Demo resources"))
