"""Synthetic data in bulk, for benchmarks and load tests (`make bench`, tests/perf):

    python tests/perf/seed_bulk.py [--contributions N ...] [--purge] [--force]

from the repository's root, with the portal's settings (DATABASE_URL...) in the
environment; `--help` lists the options. The benchmarks in tests/perf call its Command
with call_command.

Creates institutions, members, tags and published contributions (with tags, secondary
themes, co-authors and comments) with `bulk_create` in batches, then adds the new
contributions to the search index in chunks. 20,000 contributions take minutes, not
hours. Then workshops (2,000, with 50,000 registrations, their agenda, commitments and
lessons shared) in seconds, and library resources (500: public and members-only, with a
file, a link or neither, themes, tags and author institutions). The defaults give the
benchmark's data set in one run: 2,000 members in 200 institutions, 20,000 contributions,
2,000 workshops, 50,000 registrations and 500 resources; `summary` checks the totals. Everything it creates is recognisably synthetic and `--purge`
removes exactly that:

- institutions are named "Institución sintética N",
- members have addresses at @sintetico.invalid (a domain that can never receive mail)
  and unusable passwords,
- contributions have slugs starting with "sintetica-" and their summary says
  "Dato sintético",
- tags are named "etiqueta sintética N",
- workshops have slugs starting with "taller-sintetico-", their description says "Dato
  sintético" and their meeting links point to the same never-reachable domain,
- resources have slugs starting with "recurso-sintetico-", their summary says "Dato
  sintético"; their files are a few small PDFs titled "Documento sintético N" (shared by
  the resources that carry a file) and their links point to the never-reachable domain.

Bulk rows skip Wagtail's revisions: a synthetic contribution is a published row (live,
first_published_at set, no revision), which is all the public pages read.

Runs as STEPS (each a function of the BulkSeed context); the purge runs PURGE_STEPS in
order. Later work (workshops, resources) appends its own steps to STEPS and puts its purge
steps at the front of PURGE_STEPS (its rows depend on members and institutions).

It refuses to run when DEBUG is off unless --force: it is for development and benchmark
databases, never for the Community's real one.
"""

import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from io import StringIO
from pathlib import Path

if __name__ == "__main__":
    # Run as a script: Django first, then the models. Like manage.py, a developer's tool
    # that runs as development (DEBUG) unless the environment says otherwise.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "col_portal.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

from members import roles
from members.models import District, Institution, Sector, User
from resources.library import Resource, ResourceKind, TaggedResource
from resources.library_seed import tiny_pdf
from resources.models import PrivateDocument
from themes.models import (
    Comment,
    Contribution,
    ContributionKind,
    TaggedContribution,
    Theme,
    Visibility,
)
from workshops.models import (
    AgendaItem,
    AgreementSpace,
    AgreementSpaceKind,
    Commitment,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Modality,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)

INSTITUTION_PREFIX = "Institución sintética"
EMAIL_DOMAIN = "sintetico.invalid"
SLUG_PREFIX = "sintetica-"
TAG_PREFIX = "etiqueta sintética"
WORKSHOP_SLUG_PREFIX = "taller-sintetico-"
SPACE_SLUG_PREFIX = "mesa-sintetica-"
RESOURCE_SLUG_PREFIX = "recurso-sintetico-"
DOCUMENT_PREFIX = "Documento sintético"
SYNTHETIC_NOTE = "Dato sintético para pruebas de rendimiento."

# Shares of the contributions (the rest is the default of each field).
SHARE_UNPUBLISHED = 0.03
SHARE_ARCHIVED = 0.01
SHARE_MEMBERS_ONLY = 0.15
SHARE_ENGLISH = 0.10
SHARE_ANTI_CORRUPTION = 0.25
SHARE_SECONDARY_THEME = 0.30
SHARE_COAUTHOR = 0.10
SHARE_HIDDEN_COMMENT = 0.02
YEARS_OF_HISTORY = 6


# ---- progress


def emit(stream, text: str) -> None:
    """Write text as it is (a management command's stdout would add a newline)."""
    if isinstance(stream, OutputWrapper):
        stream.write(text, ending="")
    else:
        stream.write(text)
    stream.flush()


class Progress:
    """A plain text progress bar: `label [#######-------] 7,000/20,000  35%  12s`."""

    def __init__(self, stdout, label: str, total: int, *, width: int = 30, enabled=True):
        self.stdout, self.label, self.total, self.width = stdout, label, total, width
        self.enabled = enabled
        self.done = 0
        self.started = time.monotonic()
        self._draw()

    def advance(self, count: int) -> None:
        self.done += count
        self._draw()

    def finish(self) -> float:
        elapsed = time.monotonic() - self.started
        if self.enabled:
            emit(self.stdout, "\n")
        return elapsed

    def _draw(self) -> None:
        if not self.enabled:
            return
        share = self.done / self.total if self.total else 1.0
        filled = int(self.width * share)
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        emit(
            self.stdout,
            f"\r{self.label:<24} [{bar}] {self.done:,}/{self.total:,} {share:4.0%} {elapsed:5.0f}s",
        )


# ---- context


@dataclass
class BulkSeed:
    """What the steps share: the options, one random generator (seeded, so a run can be
    repeated), a way to report, and what earlier steps created."""

    contributions: int
    institutions: int
    members: int
    comments_per: int
    tags: int
    batch_size: int
    index: bool
    rng: random.Random
    stdout: object
    verbosity: int = 1
    institution_ids: list[int] = field(default_factory=list)
    member_institutions: dict[int, int] = field(default_factory=dict)  # user id -> institution
    tag_ids: list[int] = field(default_factory=list)
    tag_weights: list[float] = field(default_factory=list)
    contribution_ids: list[int] = field(default_factory=list)
    workshops: int = 0
    registrations: int = 0
    workshop_ids: list[int] = field(default_factory=list)
    agreement_spaces: int = 0
    resources: int = 0
    resource_ids: list[int] = field(default_factory=list)
    # province name -> [(district id, district name)], read once
    places: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def load_places(self) -> None:
        if not self.places:
            for pk, name, province in District.objects.order_by("ubigeo").values_list(
                "pk", "name", "province__name"
            ):
                self.places.setdefault(province, []).append((pk, name))

    def random_districts(self) -> tuple[list[int], str]:
        """Districts as people tie things to them: mostly one, sometimes a whole province,
        sometimes none; and the place as a title names it."""
        self.load_places()
        roll = self.rng.random()
        if roll < 0.1 or not self.places:
            return [], "la región Moquegua"
        province = self.rng.choice(list(self.places))
        if roll < 0.4:
            return [pk for pk, _name in self.places[province]], f"la provincia de {province}"
        pk, name = self.rng.choice(self.places[province])
        return [pk], name

    def write(self, line: str) -> None:
        if self.verbosity >= 1:
            emit(self.stdout, line + "\n")

    def progress(self, label: str, total: int) -> Progress:
        return Progress(self.stdout, label, total, enabled=self.verbosity >= 1)


def batched(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _next_number(names: Iterable[str], prefix: str) -> int:
    """One more than the highest N among names "<prefix>N" (1 when there is none)."""
    highest = 0
    for name in names:
        tail = name[len(prefix) :]
        if tail.isdigit():
            highest = max(highest, int(tail))
    return highest + 1


# ---- synthetic text
#
# Sentences about each RIMAY theme, combined at random, so that full-text search finds a
# realistic share of the rows for a query ("agua", "canon minero") rather than all or none.

SUBJECTS = {
    "brechas-y-renta-minera": [
        "la vigilancia de obras financiadas con canon minero",
        "el presupuesto participativo por resultados",
        "la rendición de cuentas del gasto municipal",
        "los datos abiertos de proyectos de inversión",
        "la priorización de brechas de agua y saneamiento",
        "los comités de vigilancia ciudadana",
        "el seguimiento de la inversión en salud",
        "la transparencia en las contrataciones públicas",
    ],
    "diversificacion-productiva": [
        "la cadena productiva de la palta",
        "las bodegas artesanales de uva y pisco",
        "el aceite de oliva y la aceituna de mesa",
        "la crianza de alpacas y la venta de fibra",
        "el turismo rural comunitario",
        "los proveedores locales de la minería",
        "las ferias de productores agropecuarios",
        "la asociatividad de pequeños agricultores",
    ],
    "recursos-hidricos": [
        "los turnos de riego por canal",
        "el monitoreo de la calidad del agua",
        "la siembra y cosecha de agua en las alturas",
        "la recuperación de manantiales y bofedales",
        "el riego tecnificado por goteo",
        "la gestión de una cuenca compartida",
        "la información sobre el agua almacenada",
        "el mantenimiento de canales con faenas comunales",
    ],
    "gestion-ambiental": [
        "el monitoreo ambiental participativo",
        "la calidad del aire en zonas urbanas",
        "la gestión de relaves y la prevención de riesgos",
        "los planes de cierre de minas",
        "la reforestación de riberas",
        "el manejo de residuos sólidos",
        "la vigilancia de la salud ambiental",
        "las brigadas ambientales escolares",
    ],
}
SUBJECTS_EN = [
    "monitoring public works paid for by the mining canon",
    "open data on public investment",
    "irrigation turns agreed by water users",
    "participatory water quality monitoring",
    "air quality bulletins in plain language",
    "local suppliers to the mining industry",
    "community-based rural tourism",
    "highland alpaca breeding",
]
TITLES = {
    ContributionKind.EXPERIENCE: "Experiencia sobre {subject} en {place}",
    ContributionKind.LESSON: "Lo que aprendimos sobre {subject} en {place}",
    ContributionKind.GOOD_PRACTICE: "Buena práctica: {subject} en {place}",
}
TITLES_EN = {
    ContributionKind.EXPERIENCE: "Our experience with {subject} in {place}",
    ContributionKind.LESSON: "Lessons on {subject} in {place}",
    ContributionKind.GOOD_PRACTICE: "Good practice: {subject} in {place}",
}
SENTENCES = {
    "summary": [
        "Un grupo de organizaciones trabajó en {subject} y documentó lo que funcionó.",
        "La experiencia reunió a autoridades, empresas y sociedad civil en torno a {subject}.",
        "Se probó una forma distinta de abordar {subject}, con información abierta.",
    ],
    "context": [
        "Entre {start} y {end}, organizaciones de {place} trabajaron en {subject}.",
        "La experiencia se desarrolló en {place} con autoridades, empresas y sociedad civil.",
        "El punto de partida fue un diagnóstico compartido sobre {subject}.",
        "Participaron juntas vecinales, comisiones de usuarios y técnicos de la zona.",
    ],
    "challenge": [
        "La información estaba dispersa y era difícil de verificar.",
        "Los actores no confiaban en los datos de los demás.",
        "Los recursos se repartían sin criterios claros de prioridad.",
        "La población no conocía los plazos ni a los responsables.",
        "Los conflictos aparecían cuando ya era tarde para acordar medidas.",
    ],
    "actions": [
        "Se formó un comité con representantes de cada organización.",
        "Se publicaron actas y reportes mensuales en lenguaje sencillo.",
        "Se capacitó a promotores locales durante varios meses.",
        "Se acordó un calendario de visitas y de reuniones abiertas.",
        "Se reunieron los datos en una sola ficha con su fecha de corte.",
    ],
    "results": [
        "Las discusiones pasaron de las sospechas a preguntas concretas.",
        "Los acuerdos se cumplieron y se revisaron en asamblea.",
        "Otras organizaciones de la región pidieron replicar la experiencia.",
        "Se redujeron los reclamos y mejoró la coordinación.",
    ],
    "lesson": [
        "La confianza nace de la información compartida y verificable.",
        "Los acuerdos escritos y públicos duran más que los verbales.",
        "Empezar con poco y bien hecho da mejores resultados que abarcar todo.",
        "La participación funciona cuando las reglas están claras desde el inicio.",
    ],
    "recommendations": [
        "Acordar las reglas por escrito antes de empezar.",
        "Publicar la información con una frecuencia fija.",
        "Formar a personas de la zona que sostengan el trabajo.",
        "Invitar a todos los actores desde el diagnóstico.",
    ],
}
SENTENCES_EN = {
    "summary": ["A group of organisations worked on {subject} and wrote down what worked."],
    "context": [
        "Between {start} and {end}, organisations in {place} worked on {subject}.",
        "Local authorities, companies and civil society took part.",
    ],
    "challenge": [
        "Information was scattered and hard to check.",
        "People did not trust each other's figures.",
    ],
    "actions": [
        "A committee with a representative of each organisation was formed.",
        "Minutes and monthly reports were published in plain language.",
    ],
    "results": [
        "Discussions moved from suspicion to concrete questions.",
        "Other organisations in the region asked to do the same.",
    ],
    "lesson": [
        "Trust grows from shared information that anyone can check.",
        "Written, public agreements last longer than spoken ones.",
    ],
    "recommendations": [
        "Agree the rules in writing before starting.",
        "Publish information on a fixed schedule.",
    ],
}
COMMENTS = [
    "Gracias por compartir la experiencia. ¿Cómo la financiaron?",
    "Nos interesa replicarla en nuestra provincia. ¿Tienen los formatos?",
    "Muy útil. ¿Qué harían distinto la próxima vez?",
    "En nuestro distrito pasó algo parecido; podemos conversar en el próximo taller.",
    "¿Cuánto tiempo tomó llegar a los primeros acuerdos?",
]


def _sentences(rng: random.Random, pool: list[str], count: int, **values) -> str:
    return " ".join(s.format(**values) for s in rng.sample(pool, min(count, len(pool))))


# ---- steps


def seed_institutions(seed: BulkSeed) -> None:
    existing = list(
        Institution.objects.filter(name__startswith=INSTITUTION_PREFIX).values_list("pk", "name")
    )
    number = _next_number((name for _pk, name in existing), f"{INSTITUTION_PREFIX} ")
    missing = max(seed.institutions - len(existing), 0)
    sectors = [choice for choice, _label in Sector.choices]
    new = [
        Institution(
            name=f"{INSTITUTION_PREFIX} {number + i}",
            short_name=f"Sintética {number + i}",
            sector=seed.rng.choice(sectors),
            description=SYNTHETIC_NOTE,
        )
        for i in range(missing)
    ]
    Institution.objects.bulk_create(new, batch_size=seed.batch_size)
    seed.institution_ids = list(
        Institution.objects.filter(name__startswith=INSTITUTION_PREFIX).values_list("pk", flat=True)
    )
    seed.write(f"Institutions: {missing} created, {len(existing)} already there.")


def seed_members(seed: BulkSeed) -> None:
    synthetic = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    existing = list(synthetic.values_list("email", flat=True))
    number = _next_number((email.split("@")[0] for email in existing), "persona")
    missing = max(seed.members - len(existing), 0)
    unusable = make_password(None)
    now = timezone.now()
    new = [
        User(
            email=f"persona{number + i}@{EMAIL_DOMAIN}",
            full_name=f"Persona sintética {number + i}",
            institution_id=seed.rng.choice(seed.institution_ids),
            position="Dato sintético",
            password=unusable,
            date_joined=now,
        )
        for i in range(missing)
    ]
    User.objects.bulk_create(new, batch_size=seed.batch_size)
    members_group = Group.objects.get(name=roles.MEMBERS)
    without_role = synthetic.exclude(groups=members_group).values_list("pk", flat=True)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=pk, group_id=members_group.pk) for pk in without_role],
        batch_size=seed.batch_size,
    )
    seed.member_institutions = dict(synthetic.values_list("pk", "institution_id"))
    seed.write(f"Members: {missing} created, {len(existing)} already there.")


def seed_tags(seed: BulkSeed) -> None:
    existing = set(Tag.objects.filter(name__startswith=TAG_PREFIX).values_list("name", flat=True))
    names = [f"{TAG_PREFIX} {n}" for n in range(1, seed.tags + 1)]
    new = [Tag(name=name, slug=slugify(name)) for name in names if name not in existing]
    Tag.objects.bulk_create(new, batch_size=seed.batch_size)
    by_name = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    seed.tag_ids = [by_name[name] for name in names]
    # A few tags are popular, most are rare (Zipf), as in real use.
    seed.tag_weights = [1 / rank for rank in range(1, len(names) + 1)]
    seed.write(f"Tags: {len(new)} created, {len(names) - len(new)} already there.")


def _contribution(seed: BulkSeed, number: int, themes: list[Theme], now) -> Contribution:
    rng = seed.rng
    theme = rng.choice(themes)
    kind = rng.choice(ContributionKind.values)
    district_ids, place = seed.random_districts()
    start = rng.randint(2010, now.year - 1)
    end = min(start + rng.randint(0, 3), now.year)
    english = rng.random() < SHARE_ENGLISH
    if english:
        subject = rng.choice(SUBJECTS_EN)
        title = TITLES_EN[kind].format(subject=subject, place=place)
        pools, count = SENTENCES_EN, 2
        note = "Synthetic data for performance tests."
    else:
        subjects = SUBJECTS.get(theme.slug) or SUBJECTS[list(SUBJECTS)[theme.order % 4]]
        subject = rng.choice(subjects)
        title = TITLES[kind].format(subject=subject, place=place)
        title = title[0].upper() + title[1:]
        pools, count = SENTENCES, 3
        note = SYNTHETIC_NOTE
    values = {"subject": subject, "place": place, "start": start, "end": end}
    sections = {
        name: _sentences(rng, pools[name], count, **values)
        for name in ("context", "challenge", "actions", "results", "lesson", "recommendations")
    }
    live = rng.random() >= SHARE_UNPUBLISHED
    published_at = now - timedelta(seconds=rng.randint(3600, YEARS_OF_HISTORY * 365 * 86400))
    author_id = rng.choice(list(seed.member_institutions))
    contribution = Contribution(
        slug=f"{SLUG_PREFIX}{number}",
        kind=kind,
        title=title[:200],
        summary=f"{_sentences(rng, pools['summary'], 1, **values)} {note} (n.º {number})",
        primary_theme=theme,
        period_start=start,
        period_end=end,
        language="en" if english else "es",
        anti_corruption_focus=rng.random() < SHARE_ANTI_CORRUPTION,
        visibility=Visibility.MEMBERS if rng.random() < SHARE_MEMBERS_ONLY else Visibility.PUBLIC,
        author_id=author_id,
        author_institution_id=seed.member_institutions[author_id],
        live=live,
        has_unpublished_changes=not live,
        first_published_at=published_at if live else None,
        last_published_at=published_at if live else None,
        is_archived=live and rng.random() < SHARE_ARCHIVED,
        **sections,
    )
    contribution.bulk_district_ids = district_ids
    return contribution


def _relations(seed: BulkSeed, batch: list[Contribution], themes: list[Theme]) -> None:
    """Tags, secondary themes, co-authors and comments of a batch of new contributions."""
    rng = seed.rng
    member_ids = list(seed.member_institutions)
    tagged, secondary, coauthors, comments, places = [], [], [], [], []
    for contribution in batch:
        places += [
            Contribution.districts.through(contribution_id=contribution.pk, district_id=pk)
            for pk in contribution.bulk_district_ids
        ]
        if seed.tag_ids:
            picked = set(rng.choices(seed.tag_ids, weights=seed.tag_weights, k=rng.randint(1, 4)))
            tagged += [
                TaggedContribution(tag_id=t, content_object_id=contribution.pk) for t in picked
            ]
        if len(themes) > 1 and rng.random() < SHARE_SECONDARY_THEME:
            other = rng.choice([t for t in themes if t.pk != contribution.primary_theme_id])
            secondary.append(
                Contribution.secondary_themes.through(
                    contribution_id=contribution.pk, theme_id=other.pk
                )
            )
        if len(member_ids) > 1 and rng.random() < SHARE_COAUTHOR:
            coauthor = rng.choice(member_ids)
            if coauthor != contribution.author_id:
                coauthors.append(
                    Contribution.coauthors.through(
                        contribution_id=contribution.pk, user_id=coauthor
                    )
                )
        if contribution.live and seed.comments_per:
            for _ in range(rng.randint(0, 2 * seed.comments_per)):
                hidden = rng.random() < SHARE_HIDDEN_COMMENT
                comments.append(
                    Comment(
                        contribution_id=contribution.pk,
                        author_id=rng.choice(member_ids),
                        body=rng.choice(COMMENTS),
                        is_hidden=hidden,
                        hidden_reason="Comentario sintético ocultado." if hidden else "",
                    )
                )
    TaggedContribution.objects.bulk_create(tagged)
    Contribution.secondary_themes.through.objects.bulk_create(secondary)
    Contribution.coauthors.through.objects.bulk_create(coauthors)
    Contribution.districts.through.objects.bulk_create(places)
    Comment.objects.bulk_create(comments)


def seed_contributions(seed: BulkSeed) -> None:
    if not seed.contributions:
        return
    themes = list(Theme.objects.order_by("order"))
    if not themes:
        raise CommandError("There are no themes: run `manage.py seed_core_group` first.")
    if not seed.member_institutions:
        raise CommandError("Synthetic contributions need synthetic members (--members > 0).")
    number = _next_number(
        Contribution.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True),
        SLUG_PREFIX,
    )
    now = timezone.now()
    progress = seed.progress("Contributions", seed.contributions)
    remaining = seed.contributions
    while remaining:
        size = min(seed.batch_size, remaining)
        with transaction.atomic():
            batch = [_contribution(seed, number + i, themes, now) for i in range(size)]
            Contribution.objects.bulk_create(batch)
            _relations(seed, batch, themes)
        seed.contribution_ids += [contribution.pk for contribution in batch]
        number += size
        remaining -= size
        progress.advance(size)
    elapsed = progress.finish()
    seed.write(f"Contributions: {seed.contributions:,} created in {elapsed:.0f}s.")


def index_contributions(seed: BulkSeed) -> None:
    """Add the new contributions to the search index(es), a chunk at a time."""
    if not seed.index or not seed.contribution_ids:
        return
    backends = list(get_search_backends(with_auto_update=True))
    progress = seed.progress("Search index", len(seed.contribution_ids))
    # Building the search vectors takes most of the time (in Python, ~10 ms a row); larger
    # chunks only save the per-chunk refresh of the title norms.
    for chunk in batched(seed.contribution_ids, seed.batch_size):
        objects = list(Contribution.get_indexed_objects().filter(pk__in=chunk))
        with transaction.atomic():
            for backend in backends:
                backend.add_bulk(Contribution, objects)
        progress.advance(len(chunk))
    elapsed = progress.finish()
    seed.write(f"Search index: {len(seed.contribution_ids):,} contributions in {elapsed:.0f}s.")


# ---- workshops
#
# Workshops over the past three years and the next one, most of them held, with
# registrations spread unevenly (some full, with a waitlist), attendance on the held ones,
# agenda items, and commitments (done, in progress, overdue) on some held ones.

WORKSHOP_SHARE_PAST = 0.7
WORKSHOP_SHARE_MEMBERS_ONLY = 0.15
WORKSHOP_SHARE_CANCELLED_REGISTRATION = 0.05
WORKSHOP_SHARE_ATTENDED = 0.8
WORKSHOP_CITIES = ["Moquegua", "Ilo", "Omate", "Torata", "Samegua", "Carumas", "Ichuña"]
WORKSHOP_CAPACITIES = [15, 20, 25, 30, 40, 60, 100]
WORKSHOP_HOURS = [9, 10, 15, 16, 18]
WORKSHOP_TITLES = [
    "Taller sobre {subject} en {city}",
    "Conversatorio: {subject}",
    "Encuentro regional sobre {subject}",
    "Mesa de trabajo sobre {subject} en {city}",
]
WORKSHOP_AGENDA = [
    "Bienvenida y presentación de participantes",
    "Experiencias de la región",
    "Trabajo en grupos",
    "Acuerdos y compromisos",
]
WORKSHOP_COMMITMENTS = [
    "Compartir con la Comunidad el informe de la sesión y sus anexos.",
    "Preparar una ficha en lenguaje sencillo sobre el tema del taller.",
    "Convocar la siguiente reunión de seguimiento con las instituciones participantes.",
    "Publicar en el portal la experiencia presentada en el taller.",
]


def _workshop_status(rng: random.Random, past: bool) -> str:
    if past:
        return WorkshopStatus.CANCELLED if rng.random() < 0.05 else WorkshopStatus.HELD
    return rng.choices(
        [
            WorkshopStatus.OPEN,
            WorkshopStatus.CLOSED,
            WorkshopStatus.DRAFT,
            WorkshopStatus.CANCELLED,
        ],
        weights=[80, 8, 7, 5],
    )[0]


def _workshop(seed: BulkSeed, number: int, themes: list[Theme], now) -> tuple[Workshop, list]:
    """A new workshop (unsaved) and the ids of its themes."""
    rng = seed.rng
    past = rng.random() < WORKSHOP_SHARE_PAST
    offset = timedelta(seconds=rng.randint(86400, (3 * 365 if past else 365) * 86400))
    day = timezone.localtime(now - offset if past else now + offset)
    starts_at = day.replace(hour=rng.choice(WORKSHOP_HOURS), minute=0, second=0, microsecond=0)
    status = _workshop_status(rng, past)
    modality = rng.choices(Modality.values, weights=[50, 25, 25])[0]
    city = rng.choice(WORKSHOP_CITIES)
    theme = rng.choice(themes) if themes else None
    subjects = SUBJECTS.get(theme.slug) if theme else None
    subject = rng.choice(subjects or SUBJECTS[rng.choice(list(SUBJECTS))])
    title = rng.choice(WORKSHOP_TITLES).format(subject=subject, city=city)
    workshop = Workshop(
        slug=f"{WORKSHOP_SLUG_PREFIX}{number}",
        title=f"{title[0].upper()}{title[1:]}"[:200],
        description=(
            f"Encuentro de la Comunidad sobre {subject}, con autoridades, empresas y "
            f"sociedad civil de {city}. {SYNTHETIC_NOTE} (n.º {number})"
        ),
        modality=modality,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=rng.choice([2, 3, 4])),
        venue=f"Auditorio municipal de {city}" if modality != Modality.VIRTUAL else "",
        address="Plaza de Armas" if modality != Modality.VIRTUAL else "",
        city=city if modality != Modality.VIRTUAL else "",
        online_url=(
            f"https://reuniones.{EMAIL_DOMAIN}/taller-{number}"
            if modality != Modality.IN_PERSON
            else ""
        ),
        capacity=rng.choice(WORKSHOP_CAPACITIES),
        registration_opens_at=starts_at - timedelta(days=30),
        registration_deadline=starts_at - timedelta(days=1),
        status=status,
        visibility=(
            Visibility.MEMBERS if rng.random() < WORKSHOP_SHARE_MEMBERS_ONLY else Visibility.PUBLIC
        ),
        outcomes=(
            f"Se compartieron experiencias sobre {subject} y se acordaron compromisos de "
            f"seguimiento. {SYNTHETIC_NOTE}"
            if status == WorkshopStatus.HELD
            else ""
        ),
    )
    theme_ids = [theme.pk] if theme else []
    if theme and len(themes) > 1 and rng.random() < SHARE_SECONDARY_THEME:
        theme_ids.append(rng.choice([t for t in themes if t.pk != theme.pk]).pk)
    return workshop, theme_ids


def _spread(rng: random.Random, total: int, slots: int, most: int) -> list[int]:
    """`total` split unevenly over `slots`, none above `most` (less if it cannot fit)."""
    if not slots or most <= 0:
        return [0] * slots
    total = min(total, slots * most)
    weights = [rng.uniform(0.2, 1.8) for _ in range(slots)]
    scale = total / sum(weights)
    counts = [min(int(weight * scale), most) for weight in weights]
    missing = total - sum(counts)
    while missing:
        slot = rng.randrange(slots)
        if counts[slot] < most:
            counts[slot] += 1
            missing -= 1
    return counts


def _workshop_rows(seed: BulkSeed, workshop, count: int, member_ids: list[int], now):
    """Registrations (seats first come, first served; then the waitlist), agenda items and,
    for a held workshop, commitments."""
    rng = seed.rng
    held = workshop.status == WorkshopStatus.HELD
    window = max(
        (min(now, workshop.starts_at) - workshop.registration_opens_at).total_seconds(), 60
    )
    requested = sorted(
        workshop.registration_opens_at + timedelta(seconds=rng.uniform(0, window))
        for _ in range(count)
    )
    registrations, confirmed = [], 0
    for user_id, requested_at in zip(rng.sample(member_ids, count), requested, strict=True):
        registration = Registration(
            workshop_id=workshop.pk, user_id=user_id, requested_at=requested_at
        )
        if rng.random() < WORKSHOP_SHARE_CANCELLED_REGISTRATION:
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = requested_at + timedelta(hours=1)
        elif confirmed < workshop.capacity:
            confirmed += 1
            registration.status = RegistrationStatus.CONFIRMED
            registration.confirmed_at = requested_at
            if held:
                registration.attended = rng.random() < WORKSHOP_SHARE_ATTENDED
        else:
            registration.status = RegistrationStatus.WAITLISTED
        registrations.append(registration)

    agenda = [
        AgendaItem(
            workshop_id=workshop.pk,
            sort_order=number,
            time=(timezone.localtime(workshop.starts_at) + timedelta(minutes=40 * number)).time(),
            title=title,
            speaker=f"Persona sintética {rng.randint(1, 999)}",
            speaker_institution_id=rng.choice(seed.institution_ids),
        )
        for number, title in enumerate(WORKSHOP_AGENDA)
    ]
    commitments = []
    if held:
        today = timezone.localdate()
        for number in range(rng.choice([0, 0, 1, 2, 3])):
            due = timezone.localtime(workshop.starts_at).date() + timedelta(
                days=rng.randint(20, 150)
            )
            # Long past due, most commitments were fulfilled; recent ones are still open.
            # Weights in the order of CommitmentStatus: pending, in progress, fulfilled,
            # not fulfilled, dropped.
            weights = [4, 6, 80, 5, 5] if (today - due).days > 60 else [35, 35, 22, 3, 5]
            status = rng.choices(CommitmentStatus.values, weights=weights)[0]
            commitments.append(
                Commitment(
                    workshop_id=workshop.pk,
                    sort_order=number,
                    description=f"{rng.choice(WORKSHOP_COMMITMENTS)} {SYNTHETIC_NOTE}",
                    responsible_institution_id=rng.choice(seed.institution_ids),
                    due_date=due,
                    status=status,
                    progress=100 if status == CommitmentStatus.FULFILLED else 0,
                    completed_on=(
                        min(due, today) if status == CommitmentStatus.FULFILLED else None
                    ),
                )
            )
    return registrations, agenda, commitments


def seed_workshops(seed: BulkSeed) -> None:
    """`--workshops` workshops with `--registrations` registrations in all (each person at
    most once per workshop), with their themes, agenda, commitments and lessons shared."""
    if not seed.workshops:
        return
    member_ids = list(seed.member_institutions)
    if not member_ids:
        raise CommandError("Synthetic workshops need synthetic members (--members > 0).")
    themes = list(Theme.objects.order_by("order"))
    lesson_ids = list(
        synthetic_contributions()
        .filter(live=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:2000]
    )
    number = _next_number(
        Workshop.objects.filter(slug__startswith=WORKSHOP_SLUG_PREFIX).values_list(
            "slug", flat=True
        ),
        WORKSHOP_SLUG_PREFIX,
    )
    now = timezone.now()
    # (workshop, theme ids, number of registrations): drafts take none, the others share.
    made = [_workshop(seed, number + i, themes, now) for i in range(seed.workshops)]
    taking = [i for i, (w, _themes) in enumerate(made) if w.status != WorkshopStatus.DRAFT]
    counts = [0] * len(made)
    shares = _spread(seed.rng, seed.registrations, len(taking), len(member_ids))
    for index, count in zip(taking, shares, strict=True):
        counts[index] = count
    planned = [(w, theme_ids, counts[i]) for i, (w, theme_ids) in enumerate(made)]
    progress = seed.progress("Workshops", seed.workshops)
    registered = 0
    for batch in batched(planned, seed.batch_size):
        with transaction.atomic():
            Workshop.objects.bulk_create([workshop for workshop, _themes, _count in batch])
            Workshop.themes.through.objects.bulk_create(
                [
                    Workshop.themes.through(workshop_id=workshop.pk, theme_id=theme_id)
                    for workshop, theme_ids, _count in batch
                    for theme_id in theme_ids
                ]
            )
            Workshop.districts.through.objects.bulk_create(
                [
                    Workshop.districts.through(workshop_id=workshop.pk, district_id=pk)
                    for workshop, _themes, _count in batch
                    for pk in seed.random_districts()[0][:2]
                ]
            )
            lessons, registrations, agenda, commitments = [], [], [], []
            for workshop, _themes, count in batch:
                rows = _workshop_rows(seed, workshop, count, member_ids, now)
                registrations += rows[0]
                agenda += rows[1]
                commitments += rows[2]
                if lesson_ids and workshop.status == WorkshopStatus.HELD:
                    lessons += [
                        Workshop.lessons.through(workshop_id=workshop.pk, contribution_id=pk)
                        for pk in seed.rng.sample(lesson_ids, min(len(lesson_ids), 2))
                    ]
            Registration.objects.bulk_create(registrations, batch_size=seed.batch_size)
            AgendaItem.objects.bulk_create(agenda, batch_size=seed.batch_size)
            Commitment.objects.bulk_create(commitments, batch_size=seed.batch_size)
            Workshop.lessons.through.objects.bulk_create(lessons, batch_size=seed.batch_size)
        registered += len(registrations)
        seed.workshop_ids += [workshop.pk for workshop, _themes, _count in batch]
        progress.advance(len(batch))
    elapsed = progress.finish()
    seed.write(
        f"Workshops: {seed.workshops:,} created with {registered:,} registrations "
        f"in {elapsed:.0f}s."
    )


# ---- the commitments register
#
# Agreement spaces (dialogue and technical tables) with their commitments, each tied to
# themes, districts and supporting institutions; then a history for every synthetic
# commitment that has moved (reports leading to its status, some confirmed or contested by
# institutions of other sectors), as the register, its pages and its feeds read them.

COMMITMENTS_PER_SPACE = 12
SPACE_NAMES = [
    "Mesa de diálogo sobre {subject}",
    "Mesa técnica de {subject}",
    "Acuerdo interinstitucional sobre {subject}",
]
SPACE_SUBJECTS = [
    "el agua de la cuenca",
    "la renta minera y las obras públicas",
    "la diversificación productiva",
    "el monitoreo ambiental participativo",
    "la vigilancia ciudadana del canon",
]
SPACE_COMMITMENTS = [
    "Publicar cada trimestre el avance físico y financiero de las obras acordadas.",
    "Instalar un punto de monitoreo de calidad del agua con participación vecinal.",
    "Presentar en la mesa el plan de cierre de brechas del distrito.",
    "Capacitar a las juntas de usuarios en el uso de los datos abiertos de riego.",
    "Compartir los resultados del estudio ambiental en lenguaje sencillo.",
    "Convocar una audiencia pública de rendición de cuentas.",
]
# Weights in the order of CommitmentStatus: pending, in progress, fulfilled, not fulfilled,
# dropped.
SPACE_STATUS_WEIGHTS = [25, 35, 28, 7, 5]


def _space_commitments(seed: BulkSeed, space: AgreementSpace, today) -> list[Commitment]:
    rng = seed.rng
    made = []
    for number in range(COMMITMENTS_PER_SPACE):
        agreed = space.started_on + timedelta(days=rng.randint(0, 60))
        due = agreed + timedelta(days=rng.randint(30, 400))
        status = rng.choices(CommitmentStatus.values, weights=SPACE_STATUS_WEIGHTS)[0]
        progress = {
            CommitmentStatus.PENDING: 0,
            CommitmentStatus.FULFILLED: 100,
        }.get(status, rng.randint(5, 95))
        commitment = Commitment(
            source=CommitmentSource.AGREEMENT_SPACE,
            agreement_space_id=space.pk,
            sort_order=number,
            description=f"{rng.choice(SPACE_COMMITMENTS)} {SYNTHETIC_NOTE}",
            responsible_institution_id=rng.choice(seed.institution_ids),
            agreed_on=agreed,
            due_date=due,
            status=status,
            progress=progress,
            completed_on=min(due, today) if status == CommitmentStatus.FULFILLED else None,
        )
        commitment.bulk_district_ids = seed.random_districts()[0][:3]
        made.append(commitment)
    return made


def _history(seed: BulkSeed, commitment: Commitment, sectors: dict[int, str], now):
    """Reports that lead from pending to the commitment's status, the last ones judged by
    institutions of other sectors."""
    rng = seed.rng
    if commitment.status == CommitmentStatus.PENDING:
        return [], []
    steps = rng.randint(1, 3)
    updates, verdicts = [], []
    days_ago = sorted(rng.sample(range(11, 400), steps), reverse=True)  # oldest first
    previous_status, previous_progress = CommitmentStatus.PENDING, 0
    others = [
        pk
        for pk, sector in sectors.items()
        if sector != sectors.get(commitment.responsible_institution_id)
    ]
    for step in range(steps):
        last = step == steps - 1
        status = commitment.status if last else CommitmentStatus.IN_PROGRESS
        progress = commitment.progress if last else min(commitment.progress, 20 * (step + 1))
        update = CommitmentUpdate(
            commitment_id=commitment.pk,
            institution_id=commitment.responsible_institution_id,
            previous_status=previous_status,
            status=status,
            previous_progress=previous_progress,
            progress=progress,
            note=f"Informe de avance {step + 1}. {SYNTHETIC_NOTE}",
            cui=f"{rng.randint(2000000, 2699999)}" if rng.random() < 0.3 else "",
            created_at=now - timedelta(days=days_ago[step]),
        )
        updates.append(update)
        previous_status, previous_progress = status, progress
        if last and others:
            for institution_id in rng.sample(others, min(len(others), rng.choice([0, 1, 1, 2]))):
                contest = rng.random() < 0.15
                verdicts.append(
                    (
                        update,
                        CommitmentVerdict(
                            institution_id=institution_id,
                            verdict="contest" if contest else "confirm",
                            note=f"Lo revisamos en campo. {SYNTHETIC_NOTE}" if contest else "",
                            created_at=update.created_at + timedelta(days=rng.randint(1, 10)),
                        ),
                    )
                )
    return updates, verdicts


def seed_register(seed: BulkSeed) -> None:
    """`--agreement-spaces` synthetic agreement spaces with their commitments, then the
    history of every synthetic commitment (the workshops' too) that is no longer pending."""
    if not seed.agreement_spaces and not seed.workshop_ids:
        return
    themes = list(Theme.objects.order_by("order").values_list("pk", flat=True))
    sectors = dict(
        Institution.objects.filter(pk__in=seed.institution_ids).values_list("pk", "sector")
    )
    number = _next_number(
        AgreementSpace.objects.filter(slug__startswith=SPACE_SLUG_PREFIX).values_list(
            "slug", flat=True
        ),
        SPACE_SLUG_PREFIX,
    )
    now = timezone.now()
    today = timezone.localdate()
    rng = seed.rng
    spaces = []
    for i in range(seed.agreement_spaces):
        subject = rng.choice(SPACE_SUBJECTS)
        spaces.append(
            AgreementSpace(
                name=f"{rng.choice(SPACE_NAMES).format(subject=subject)} {number + i}",
                slug=f"{SPACE_SLUG_PREFIX}{number + i}",
                kind=rng.choice(AgreementSpaceKind.values),
                convener_id=rng.choice(seed.institution_ids),
                description=SYNTHETIC_NOTE,
                started_on=today - timedelta(days=rng.randint(30, 900)),
                place=rng.choice(["Moquegua", "Ilo", "Omate", "Torata"]),
                visibility=(Visibility.MEMBERS if rng.random() < 0.15 else Visibility.PUBLIC),
                published=rng.random() > 0.05,
            )
        )
    progress = seed.progress("Agreement spaces", len(spaces))
    for batch in batched(spaces, seed.batch_size):
        with transaction.atomic():
            AgreementSpace.objects.bulk_create(batch)
            commitments = [c for space in batch for c in _space_commitments(seed, space, today)]
            Commitment.objects.bulk_create(commitments, batch_size=seed.batch_size)
            Commitment.themes.through.objects.bulk_create(
                [
                    Commitment.themes.through(commitment_id=c.pk, theme_id=pk)
                    for c in commitments
                    for pk in rng.sample(themes, min(len(themes), rng.choice([1, 1, 2])))
                ],
                batch_size=seed.batch_size,
            )
            Commitment.districts.through.objects.bulk_create(
                [
                    Commitment.districts.through(commitment_id=c.pk, district_id=pk)
                    for c in commitments
                    for pk in c.bulk_district_ids
                ],
                batch_size=seed.batch_size,
            )
            Commitment.supporting_institutions.through.objects.bulk_create(
                [
                    Commitment.supporting_institutions.through(
                        commitment_id=c.pk, institution_id=pk
                    )
                    for c in commitments
                    for pk in rng.sample(seed.institution_ids, rng.choice([0, 1, 2]))
                    if pk != c.responsible_institution_id
                ],
                batch_size=seed.batch_size,
            )
        progress.advance(len(batch))
    progress.finish()

    moved = list(
        Commitment.objects.filter(
            Q(agreement_space__slug__startswith=SPACE_SLUG_PREFIX)
            | Q(workshop__slug__startswith=WORKSHOP_SLUG_PREFIX),
            updates__isnull=True,
        )
        .exclude(status=CommitmentStatus.PENDING)
        .order_by("pk")
    )
    progress = seed.progress("Commitment histories", len(moved))
    reports = judged = 0
    for batch in batched(moved, seed.batch_size):
        with transaction.atomic():
            updates, verdicts = [], []
            for commitment in batch:
                rows = _history(seed, commitment, sectors, now)
                updates += rows[0]
                verdicts += rows[1]
            CommitmentUpdate.objects.bulk_create(updates, batch_size=seed.batch_size)
            for update, verdict in verdicts:
                verdict.update_id = update.pk
            CommitmentVerdict.objects.bulk_create(
                [verdict for _update, verdict in verdicts], batch_size=seed.batch_size
            )
            contested = {
                update.commitment_id for update, verdict in verdicts if verdict.verdict == "contest"
            }
            Commitment.objects.filter(pk__in=contested).update(needs_review=True)
        reports += len(updates)
        judged += len(verdicts)
        progress.advance(len(batch))
    elapsed = progress.finish()
    seed.write(
        f"Register: {len(spaces):,} agreement spaces with {len(spaces) * COMMITMENTS_PER_SPACE:,} "
        f"commitments; {reports:,} reports and {judged:,} confirmations or contests "
        f"in {elapsed:.0f}s."
    )


# ---- library resources
#
# Resources are "at least --resources" (like institutions and members): a second run adds
# only the missing ones. Most are public, some members-only, a few unpublished drafts;
# half carry a file (one of a few small shared PDFs), a third a link, the rest neither.

RESOURCE_SHARE_MEMBERS_ONLY = 0.2
RESOURCE_SHARE_UNPUBLISHED = 0.03
RESOURCE_SHARE_FILE = 0.5
RESOURCE_SHARE_LINK = 0.35
RESOURCE_SHARE_ENGLISH = 0.1
RESOURCE_DOCUMENTS = 12
RESOURCE_TITLES = {
    ResourceKind.STUDY: "Estudio sobre {subject}",
    ResourceKind.REPORT: "Informe anual: {subject}",
    ResourceKind.GUIDE: "Guía práctica sobre {subject}",
    ResourceKind.PRESENTATION: "Presentación: {subject}",
    ResourceKind.DATASET: "Datos abiertos sobre {subject}",
    ResourceKind.LEGAL_TEXT: "Norma regional sobre {subject}",
    ResourceKind.OTHER: "Material de consulta sobre {subject}",
}


def _synthetic_documents(seed: BulkSeed) -> list[int]:
    """The few small PDFs the synthetic resources with a file share (made once)."""
    existing = list(
        PrivateDocument.objects.filter(title__startswith=DOCUMENT_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for number in range(len(existing) + 1, RESOURCE_DOCUMENTS + 1):
        title = f"{DOCUMENT_PREFIX} {number}"
        document = PrivateDocument(title=title)
        data = tiny_pdf([title, SYNTHETIC_NOTE], title=title)
        document.file.save(f"documento-sintetico-{number}.pdf", ContentFile(data), save=False)
        document._set_document_file_metadata()
        document.save()
        existing.append(document.pk)
    return existing


def _resource(seed: BulkSeed, number: int, theme: Theme | None, documents, now) -> Resource:
    rng = seed.rng
    kind = rng.choice(ResourceKind.values)
    subjects = SUBJECTS.get(theme.slug) if theme else None
    english = rng.random() < RESOURCE_SHARE_ENGLISH
    if english:
        subject = rng.choice(SUBJECTS_EN)
        title = f"Report on {subject}"
    else:
        subject = rng.choice(subjects or SUBJECTS[rng.choice(list(SUBJECTS))])
        title = RESOURCE_TITLES[kind].format(subject=subject)
    live = rng.random() >= RESOURCE_SHARE_UNPUBLISHED
    published_at = now - timedelta(seconds=rng.randint(3600, YEARS_OF_HISTORY * 365 * 86400))
    carrier = rng.random()
    document_id = rng.choice(documents) if documents and carrier < RESOURCE_SHARE_FILE else None
    link = (
        f"https://biblioteca.{EMAIL_DOMAIN}/recurso-{number}"
        if document_id is None and carrier < RESOURCE_SHARE_FILE + RESOURCE_SHARE_LINK
        else ""
    )
    return Resource(
        slug=f"{RESOURCE_SLUG_PREFIX}{number}",
        title=f"{title[0].upper()}{title[1:]} (n.º {number})"[:250],
        kind=kind,
        summary=(
            f"Documento de la Comunidad sobre {subject}, con datos de la región Moquegua. "
            f"{SYNTHETIC_NOTE}"
        ),
        other_authors="Autores sintéticos" if rng.random() < 0.3 else "",
        year=rng.randint(now.year - YEARS_OF_HISTORY, now.year),
        language="en" if english else "es",
        document_id=document_id,
        external_url=link,
        visibility=(
            Visibility.MEMBERS if rng.random() < RESOURCE_SHARE_MEMBERS_ONLY else Visibility.PUBLIC
        ),
        live=live,
        has_unpublished_changes=not live,
        first_published_at=published_at if live else None,
        last_published_at=published_at if live else None,
    )


def seed_resources(seed: BulkSeed) -> None:
    """At least `--resources` synthetic resources, with themes, tags and institutions."""
    existing = synthetic_resources().count()
    missing = max(seed.resources - existing, 0)
    if not missing:
        if seed.resources:
            seed.write(f"Resources: 0 created, {existing:,} already there.")
        return
    rng = seed.rng
    themes = list(Theme.objects.order_by("order"))
    documents = _synthetic_documents(seed)
    number = _next_number(
        Resource.objects.filter(slug__startswith=RESOURCE_SLUG_PREFIX).values_list(
            "slug", flat=True
        ),
        RESOURCE_SLUG_PREFIX,
    )
    now = timezone.now()
    progress = seed.progress("Resources", missing)
    for start in range(0, missing, seed.batch_size):
        size = min(seed.batch_size, missing - start)
        picked = [rng.choice(themes) if themes else None for _ in range(size)]
        batch = [
            _resource(seed, number + start + i, theme, documents, now)
            for i, theme in enumerate(picked)
        ]
        with transaction.atomic():
            Resource.objects.bulk_create(batch)
            theme_links, tag_links, institution_links, district_links = [], [], [], []
            for resource, theme in zip(batch, picked, strict=True):
                district_links += [
                    Resource.districts.through(resource_id=resource.pk, district_id=pk)
                    for pk in seed.random_districts()[0]
                ]
                chosen = {theme.pk} if theme else set()
                if theme and len(themes) > 1 and rng.random() < SHARE_SECONDARY_THEME:
                    chosen.add(rng.choice(themes).pk)
                theme_links += [
                    Resource.themes.through(resource_id=resource.pk, theme_id=pk) for pk in chosen
                ]
                if seed.tag_ids:
                    tags = set(
                        rng.choices(seed.tag_ids, weights=seed.tag_weights, k=rng.randint(1, 3))
                    )
                    tag_links += [
                        TaggedResource(tag_id=pk, content_object_id=resource.pk) for pk in tags
                    ]
                if seed.institution_ids and rng.random() < 0.8:
                    institution_links += [
                        Resource.institutions.through(resource_id=resource.pk, institution_id=pk)
                        for pk in set(rng.sample(seed.institution_ids, k=1 + (rng.random() < 0.2)))
                    ]
            Resource.themes.through.objects.bulk_create(theme_links)
            TaggedResource.objects.bulk_create(tag_links)
            Resource.institutions.through.objects.bulk_create(institution_links)
            Resource.districts.through.objects.bulk_create(district_links)
        seed.resource_ids += [resource.pk for resource in batch]
        progress.advance(size)
    elapsed = progress.finish()
    seed.write(f"Resources: {missing:,} created in {elapsed:.0f}s, {existing:,} already there.")


def index_resources(seed: BulkSeed) -> None:
    if not seed.index or not seed.resource_ids:
        return
    objects = list(Resource.get_indexed_objects().filter(pk__in=seed.resource_ids))
    with transaction.atomic():
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(Resource, objects)
    seed.write(f"Search index: {len(objects):,} resources.")


def summary(seed: BulkSeed) -> None:
    """The synthetic totals in the database, checked against what was asked for (at least
    that many of each: earlier runs may have made more)."""
    workshops = Workshop.objects.filter(slug__startswith=WORKSHOP_SLUG_PREFIX)
    totals = {
        "institutions": (
            Institution.objects.filter(name__startswith=INSTITUTION_PREFIX).count(),
            seed.institutions,
        ),
        "members": (User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count(), seed.members),
        "contributions": (synthetic_contributions().count(), seed.contributions),
        "comments": (
            Comment.objects.filter(contribution__slug__startswith=SLUG_PREFIX).count(),
            0,
        ),
        "workshops": (workshops.count(), seed.workshops),
        "agreement spaces": (
            AgreementSpace.objects.filter(slug__startswith=SPACE_SLUG_PREFIX).count(),
            seed.agreement_spaces,
        ),
        "registrations": (Registration.objects.filter(workshop__in=workshops).count(), 0),
        "resources": (synthetic_resources().count(), seed.resources),
    }
    short = [name for name, (count, wanted) in totals.items() if count < wanted]
    seed.write(
        "Synthetic totals: "
        + ", ".join(f"{count:,} {name}" for name, (count, _wanted) in totals.items())
        + "."
    )
    if short:
        raise CommandError(f"Fewer synthetic rows than asked for: {', '.join(short)}.")


def analyze(seed: BulkSeed) -> None:
    """Fresh planner statistics and visibility map on PostgreSQL, as autovacuum would give
    them later: without them the planner misjudges the new rows and cannot answer counts
    from the indexes alone. VACUUM cannot run inside a transaction (as in tests): there
    only ANALYZE runs."""
    if connection.vendor != "postgresql" or not (
        seed.contribution_ids or seed.workshop_ids or seed.resource_ids
    ):
        return
    started = time.monotonic()
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(command)
    seed.write(f"Statistics ({command}): {time.monotonic() - started:.0f}s.")


STEPS: list[Callable[[BulkSeed], None]] = [
    seed_institutions,
    seed_members,
    seed_tags,
    seed_contributions,
    index_contributions,
    seed_workshops,
    seed_register,
    seed_resources,
    index_resources,
    analyze,
    summary,
]


# ---- purge


def synthetic_resources():
    return Resource.objects.filter(slug__startswith=RESOURCE_SLUG_PREFIX)


def synthetic_contributions():
    return Contribution.objects.filter(slug__startswith=SLUG_PREFIX).filter(
        author__email__endswith=f"@{EMAIL_DOMAIN}"
    )


@contextmanager
def _without_per_row_index_receivers(*models):
    """Let the ORM delete thousands of rows without a query per row.

    On delete, Wagtail's reference index and the search index each run a query per
    object (post_delete receivers), which makes removing 20,000 contributions take many
    minutes. Without them the ORM deletes in bulk, cascades included; the search index
    entries go too, being a generic relation of the contribution (database search
    backend), and the reference index is cleaned in bulk by `_remove_references`.
    """
    from modelsearch.signal_handlers import post_delete_signal_handler
    from wagtail.signal_handlers import remove_reference_index_on_delete

    disconnected = []
    for model in models:
        for receiver in (post_delete_signal_handler, remove_reference_index_on_delete):
            if post_delete.disconnect(receiver, sender=model):
                disconnected.append((receiver, model))
    try:
        yield
    finally:
        for receiver, model in disconnected:
            post_delete.connect(receiver, sender=model)


def _remove_references(model, ids: list[int]) -> None:
    content_type = ContentType.objects.get_for_model(model)
    keys = [str(pk) for pk in ids]
    ReferenceIndex.objects.filter(base_content_type=content_type, object_id__in=keys).delete()
    ReferenceIndex.objects.filter(to_content_type=content_type, to_object_id__in=keys).delete()


def purge_resources(seed: BulkSeed) -> None:
    """Synthetic resources (their themes, tags and institutions go with them), then the
    synthetic documents no other resource uses."""
    ids = list(synthetic_resources().values_list("pk", flat=True))
    with _without_per_row_index_receivers(Resource):
        for chunk in batched(ids, seed.batch_size):
            with transaction.atomic():
                _remove_references(Resource, chunk)
                Resource.objects.filter(pk__in=chunk).delete()
    documents = PrivateDocument.objects.filter(title__startswith=DOCUMENT_PREFIX).exclude(
        pk__in=Resource.objects.filter(document__isnull=False).values("document_id")
    )
    removed_documents = 0
    for document in documents:  # a dozen: one by one, so that their files go too
        document.delete()
        removed_documents += 1
    seed.write(f"Resources: {len(ids):,} removed ({removed_documents} documents).")


def purge_workshops(seed: BulkSeed) -> None:
    """Synthetic workshops, with their registrations, agenda and commitments (and the
    registrations synthetic people made to other workshops go with them in purge_members)."""
    ids = list(
        Workshop.objects.filter(slug__startswith=WORKSHOP_SLUG_PREFIX).values_list("pk", flat=True)
    )
    progress = seed.progress("Removing workshops", len(ids))
    with _without_per_row_index_receivers(Workshop, AgendaItem, Commitment, Registration):
        for chunk in batched(ids, seed.batch_size):
            with transaction.atomic():
                _remove_references(Workshop, chunk)
                Workshop.objects.filter(pk__in=chunk).delete()
            progress.advance(len(chunk))
    elapsed = progress.finish()
    seed.write(f"Workshops: {len(ids):,} removed in {elapsed:.0f}s.")


def purge_register(seed: BulkSeed) -> None:
    """Synthetic agreement spaces, with their commitments and histories (the workshops'
    commitments go with their workshops)."""
    count, _ = AgreementSpace.objects.filter(slug__startswith=SPACE_SLUG_PREFIX).delete()
    seed.write(f"Agreement spaces: removed with their commitments ({count:,} rows).")


def purge_contributions(seed: BulkSeed) -> None:
    ids = list(synthetic_contributions().values_list("pk", flat=True))
    progress = seed.progress("Removing contributions", len(ids))
    with _without_per_row_index_receivers(Contribution, Comment):
        for chunk in batched(ids, seed.batch_size):
            with transaction.atomic():
                comments = Comment.objects.filter(contribution_id__in=chunk)
                _remove_references(Comment, list(comments.values_list("pk", flat=True)))
                comments.delete()
                _remove_references(Contribution, chunk)
                Contribution.objects.filter(pk__in=chunk).delete()
            progress.advance(len(chunk))
        # Comments synthetic people left elsewhere (seed_bulk writes none, but they could).
        elsewhere = Comment.objects.filter(author__email__endswith=f"@{EMAIL_DOMAIN}")
        _remove_references(Comment, list(elsewhere.values_list("pk", flat=True)))
        elsewhere.delete()
    elapsed = progress.finish()
    seed.write(f"Contributions: {len(ids):,} removed in {elapsed:.0f}s.")


def purge_members(seed: BulkSeed) -> None:
    people = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    count = people.count()
    people.delete()
    seed.write(f"Members: {count:,} removed.")


def purge_institutions(seed: BulkSeed) -> None:
    queryset = Institution.objects.filter(name__startswith=INSTITUTION_PREFIX)
    kept = queryset.filter(members__isnull=False).distinct().count()
    count, _ = queryset.filter(
        members__isnull=True, contributions__isnull=True, commitments__isnull=True
    ).delete()
    seed.write(
        f"Institutions: {count:,} removed"
        + (f", {kept} kept (real people belong to them)." if kept else ".")
    )


def purge_tags(seed: BulkSeed) -> None:
    """Synthetic tags nothing is tagged with any more (a facilitator may have reused one)."""
    count, _ = Tag.objects.filter(
        name__startswith=TAG_PREFIX, themes_taggedcontribution_items__isnull=True
    ).delete()
    seed.write(f"Tags: {count:,} removed.")


PURGE_STEPS: list[Callable[[BulkSeed], None]] = [
    purge_resources,
    purge_register,
    purge_workshops,
    purge_contributions,
    purge_members,
    purge_institutions,
    purge_tags,
]


class Command(BaseCommand):
    help = (
        "Create synthetic institutions, members, tags, published contributions, "
        "workshops with registrations and library resources in bulk (for benchmarks), or remove them with "
        "--purge. Refuses to run when DEBUG is off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--contributions", type=int, default=20000)
        parser.add_argument(
            "--institutions", type=int, default=200, help="At least this many (reused)."
        )
        parser.add_argument("--members", type=int, default=2000, help="At least this many.")
        parser.add_argument(
            "--comments-per",
            type=int,
            default=3,
            help="Average number of comments on a published contribution.",
        )
        parser.add_argument("--tags", type=int, default=200, help="At least this many.")
        parser.add_argument("--workshops", type=int, default=2000)
        parser.add_argument(
            "--registrations",
            type=int,
            default=50000,
            help="Registrations in all, over the new workshops (at most one per member each).",
        )
        parser.add_argument(
            "--agreement-spaces",
            type=int,
            default=20,
            help=f"Agreement spaces, each with {COMMITMENTS_PER_SPACE} commitments.",
        )
        parser.add_argument(
            "--resources", type=int, default=500, help="At least this many library resources."
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply every number above (e.g. 10: 200,000 contributions, 20,000 "
            "members, 20,000 workshops, 500,000 registrations, 5,000 resources).",
        )
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2021, help="Random seed.")
        parser.add_argument(
            "--no-index", action="store_true", help="Do not update the search index."
        )
        parser.add_argument(
            "--purge", action="store_true", help="Remove the synthetic data, and only it."
        )
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force=False, purge=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_bulk writes thousands of synthetic rows and is meant for development "
                "and benchmark databases: DEBUG is off, so it did nothing. Use --force if "
                "this really is such a database."
            )
        for name in (
            "contributions",
            "institutions",
            "members",
            "comments_per",
            "tags",
            "workshops",
            "registrations",
            "agreement_spaces",
            "resources",
        ):
            if options[name] < 0:
                raise CommandError(f"--{name.replace('_', '-')} cannot be negative.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        scale = options.get("scale", 1)
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        for name in (
            "contributions",
            "institutions",
            "members",
            "tags",
            "workshops",
            "registrations",
            "agreement_spaces",
            "resources",
        ):
            options[name] *= scale
        seed = BulkSeed(
            contributions=options["contributions"],
            institutions=max(options["institutions"], 1),
            members=max(options["members"], 1),
            comments_per=options["comments_per"],
            tags=options["tags"],
            workshops=options["workshops"],
            registrations=options["registrations"],
            agreement_spaces=options["agreement_spaces"],
            resources=options["resources"],
            batch_size=options["batch_size"],
            index=not options["no_index"],
            rng=random.Random(options["seed"]),
            stdout=self.stdout,
            verbosity=options.get("verbosity", 1),
        )
        started = time.monotonic()
        for step in PURGE_STEPS if purge else STEPS:
            step(seed)
        seed.write(f"Done in {time.monotonic() - started:.0f}s.")


def run(*args, **options) -> str:
    """Runs the seeding in this process with call_command's options, and returns its report."""
    out = StringIO()
    call_command(Command(), *args, stdout=out, **options)
    return out.getvalue()


if __name__ == "__main__":
    Command().run_from_argv(["python", "tests/perf/seed_bulk.py", *sys.argv[1:]])
