"""Helpers for the open-data tests: a seeded world of public, members-only and draft
content with distinctive words, and readers of the written files."""

import csv
import io
import json
import zipfile
from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

from col_portal import opendata
from members.models import Sector
from resources.library_seed import tiny_pdf
from tests.factories import (
    ContributionFactory,
    InstitutionFactory,
    MemberFactory,
    ThemeFactory,
    WorkshopFactory,
    add_participation,
    district,
)
from tests.resources.library_helpers import make_document, make_resource
from themes import services as theme_services
from themes.models import Contribution, ContributionKind, Visibility
from workshops.models import (
    Commitment,
    CommitmentStatus,
    Modality,
    WorkshopStatus,
)

from .register_helpers import REGISTER_SECRETS, seed_register

# Words that must never reach an open-data file.
SECRETS = {
    "members_lesson": "Quillaruna",
    "draft_lesson": "Borradorzeta",
    "archived_lesson": "Archivoquena",
    "comment": "Comentariopiscu",
    "online_link": "https://reunion.example.org/sala-yaravi",
    "members_workshop": "Tallerwayra",
    "draft_workshop": "Tallerbosquejo",
    "members_commitment": "Compromisokantu",
    "members_resource": "Recursoqhapaq",
    "draft_resource": "Recursotinku",
    "person_name": "Evaristo Ñahuincopa",
    "person_email": "evaristo.nahuincopa@example.org",
    "walk_in": "Hermelinda Quispecahua",
    **REGISTER_SECRETS,
}

# The datasets, in the order of the package and the page.
DATASET_NAMES = [
    "lecciones-y-experiencias",
    "talleres",
    "espacios-de-acuerdo",
    "compromisos",
    "compromisos-historial",
    "compromisos-confirmaciones",
    "compromisos-hitos",
    "instituciones",
    "biblioteca",
    "provincias",
    "distritos",
]


def read_bytes(file_name: str) -> bytes:
    with default_storage.open(opendata.storage_name(file_name), "rb") as handle:
        return handle.read()


def read_csv(dataset: str) -> list[dict]:
    text = read_bytes(f"{dataset}.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_json(dataset: str) -> list[dict]:
    return json.loads(read_bytes(f"{dataset}.json").decode("utf-8"))


def read_descriptor() -> dict:
    return json.loads(read_bytes(opendata.DESCRIPTOR).decode("utf-8"))


def all_written_text() -> str:
    """Every file of the open data, the ZIP's members included, as one text."""
    _dirs, names = default_storage.listdir(opendata.folder())
    texts = []
    for name in names:
        data = read_bytes(name)
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                texts.extend(archive.read(item).decode("utf-8-sig") for item in archive.namelist())
        else:
            texts.append(data.decode("utf-8-sig"))
    return "\n".join(texts)


def seed_world() -> dict:
    """Public, members-only, draft and archived content; people with names and e-mails;
    a virtual workshop with its meeting link; registrations and a walk-in; the commitments
    register with hidden notes and members-only and unpublished agreement spaces."""
    water = ThemeFactory(order=3, slug="recursos-hidricos", name_es="Recursos hídricos")
    canon = ThemeFactory(order=1, slug="brechas-y-renta-minera", name_es="Renta minera")
    gore = InstitutionFactory(
        name="Gobierno Regional de Moquegua",
        short_name="GORE",
        sector=Sector.GOVERNMENT_REGIONAL_LOCAL,
        is_core_group=True,
        website="https://www.regionmoquegua.gob.pe",
    )
    ngo = InstitutionFactory(
        name="Asociación Ilo Vigila", short_name="AIV", sector=Sector.CIVIL_SOCIETY
    )
    mine = InstitutionFactory(name="Minera del Sur", short_name="MdS", sector=Sector.PRIVATE_MINING)
    author = MemberFactory(
        full_name=SECRETS["person_name"], email=SECRETS["person_email"], institution=gore
    )
    coauthor = MemberFactory(institution=ngo)

    public = ContributionFactory(
        title="Mesa del agua de Ilo con turnos publicados",
        slug="mesa-del-agua-de-ilo",
        kind=ContributionKind.EXPERIENCE,
        primary_theme=water,
        author=author,
        period_start=2021,
        period_end=2023,
        anti_corruption_focus=True,
        published=False,
    )
    public.secondary_themes.set([canon])
    public.districts.set([district("ilo-distrito"), district("pacocha")])
    public.coauthors.set([coauthor])
    public.tags.set(["agua", "riego"])
    public.save()
    public.save_revision(user=author, clean=False).publish()
    public.refresh_from_db()
    theme_services.comment_create(
        user=coauthor, contribution=public, body=f"Buen trabajo {SECRETS['comment']}"
    )

    ContributionFactory(
        title=f"Lección {SECRETS['members_lesson']}",
        visibility=Visibility.MEMBERS,
        primary_theme=canon,
        author=author,
    )
    ContributionFactory(
        title=f"Lección {SECRETS['draft_lesson']}",
        primary_theme=canon,
        author=author,
        published=False,
    )
    archived = ContributionFactory(
        title=f"Lección {SECRETS['archived_lesson']}", primary_theme=canon, author=author
    )
    Contribution.objects.filter(pk=archived.pk).update(is_archived=True)

    past = timezone.now() - timedelta(days=30)
    workshop = WorkshopFactory(
        title="Taller virtual sobre el canon",
        slug="taller-virtual-canon",
        modality=Modality.VIRTUAL,
        venue="",
        address="",
        online_url=SECRETS["online_link"],
        starts_at=past,
        ends_at=past + timedelta(hours=3),
        status=WorkshopStatus.HELD,
        outcomes="Se acordó publicar los turnos de riego.",
    )
    workshop.themes.set([canon])
    members_workshop = WorkshopFactory(
        title=f"Taller {SECRETS['members_workshop']}",
        visibility=Visibility.MEMBERS,
        online_url=SECRETS["online_link"],
    )
    WorkshopFactory(title=f"Taller {SECRETS['draft_workshop']}", status=WorkshopStatus.DRAFT)
    add_participation(
        workshop,
        attended=[author, coauthor],
        registered=[MemberFactory(institution=mine)],
        cancelled=[MemberFactory(institution=mine)],
        walk_ins=[(SECRETS["walk_in"], Sector.CITIZENS)],
    )
    commitment = Commitment.objects.create(
        workshop=workshop,
        description="Publicar los turnos de riego cada mes.",
        responsible_institution=mine,
        due_date=timezone.localdate() + timedelta(days=30),
        status=CommitmentStatus.IN_PROGRESS,
    )
    Commitment.objects.create(
        workshop=members_workshop,
        description=SECRETS["members_commitment"],
        responsible_institution=ngo,
        due_date=timezone.localdate(),
    )

    register = seed_register(responsible=gore, confirming=ngo, reporter=author, theme=water)

    study = make_resource(
        "Estudio del agua en la cuenca",
        themes=[water],
        institutions=[gore],
        tags=["agua"],
        year=2022,
        document=make_document("estudio-agua.pdf", tiny_pdf(["Estudio"])),
    )
    make_resource(
        f"Guía {SECRETS['members_resource']}",
        visibility=Visibility.MEMBERS,
        document=make_document("reservada.pdf"),
    )
    make_resource(f"Borrador {SECRETS['draft_resource']}", publish=False)
    return {
        "public": public,
        "workshop": workshop,
        "commitment": commitment,
        "register": register,
        "study": study,
        "gore": gore,
        "ngo": ngo,
        "mine": mine,
        "water": water,
        "canon": canon,
    }
