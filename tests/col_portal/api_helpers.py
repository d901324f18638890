"""Shared data of the API tests: a small Community with public content of every kind."""

import datetime as dt
import json
import re
from dataclasses import dataclass

from django.utils import timezone

from members.models import Sector
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
from themes.models import Contribution, ContributionKind
from workshops.models import (
    Commitment,
    CommitmentStatus,
    Modality,
    WorkshopStatus,
)

ENDPOINTS = (
    "lessons",
    "workshops",
    "agreement-spaces",
    "commitments",
    "commitment-reports",
    "commitment-verdicts",
    "institutions",
    "resources",
    "themes",
    "provinces",
    "districts",
)
# Lists whose rows are fixed data (they do not grow with the content).
FIXED_ENDPOINTS = ("themes", "provinces", "districts")


def body(response) -> dict:
    assert re.match(r"application/(vnd\.oai\.openapi\+)?json", response["Content-Type"])
    return json.loads(response.content)


def titles(response) -> set[str]:
    """What a list answer names: titles, or descriptions (commitments), or names."""
    results = body(response)["results"]
    return {
        item.get("title") or item.get("description") or item.get("name_es") or item.get("name")
        for item in results
    }


def aware(year, month, day):
    return timezone.make_aware(dt.datetime(year, month, day, 10, 0))


@dataclass
class Community:
    water: object
    mining: object
    ngo: object
    company: object
    lesson_water: object
    lesson_mining: object
    workshop_past: object
    workshop_next: object
    resource_study: object
    resource_report: object


def seed_community() -> Community:
    water = ThemeFactory(slug="agua", name_es="Agua", name_en="Water", order=1)
    mining = ThemeFactory(slug="mineria", name_es="Minería", name_en="Mining", order=2)
    ngo = InstitutionFactory(name="Asociación Civil Labor", sector=Sector.CIVIL_SOCIETY)
    company = InstitutionFactory(
        name="Minera del Sur", short_name="MdS", sector=Sector.PRIVATE_MINING, is_core_group=True
    )
    ngo_member = MemberFactory(institution=ngo)
    company_member = MemberFactory(institution=company)

    lesson_water = ContributionFactory(
        title="Monitoreo participativo del agua en Torata",
        slug="monitoreo-agua-torata",
        kind=ContributionKind.LESSON,
        primary_theme=water,
        author=ngo_member,
    )
    lesson_water.districts.set([district("torata")])
    lesson_water.tags.add("agua")
    lesson_water.save()
    lesson_mining = ContributionFactory(
        title="Mesa de diálogo con la empresa minera",
        slug="mesa-dialogo-minera",
        kind=ContributionKind.EXPERIENCE,
        primary_theme=mining,
        author=company_member,
        language="en",
    )
    lesson_mining.secondary_themes.add(water)
    lesson_mining.tags.add("dialogo")
    lesson_mining.save()
    Contribution.objects.filter(pk=lesson_water.pk).update(first_published_at=aware(2024, 3, 1))
    Contribution.objects.filter(pk=lesson_mining.pk).update(first_published_at=aware(2025, 5, 2))

    workshop_past = WorkshopFactory(
        title="Taller de presupuesto participativo",
        slug="taller-presupuesto",
        modality=Modality.VIRTUAL,
        status=WorkshopStatus.HELD,
        starts_at=aware(2025, 2, 10),
        ends_at=aware(2025, 2, 10) + dt.timedelta(hours=3),
        venue="",
        address="",
        city="",
        outcomes="Se acordó publicar el presupuesto cada trimestre.",
    )
    workshop_past.themes.add(mining)
    workshop_past.lessons.add(lesson_mining)
    workshop_past.save()
    add_participation(
        workshop_past,
        attended=[ngo_member],
        cancelled=[company_member],
        walk_ins=[("Vecina", Sector.CITIZENS)],
    )
    workshop_next = WorkshopFactory(
        title="Encuentro sobre calidad del agua",
        slug="encuentro-agua",
        starts_at=timezone.now() + dt.timedelta(days=20),
        ends_at=timezone.now() + dt.timedelta(days=20, hours=3),
    )
    workshop_next.themes.add(water)
    workshop_next.save()
    Commitment.objects.create(
        workshop=workshop_past,
        description="Publicar el presupuesto trimestral",
        responsible_institution=company,
        due_date=dt.date(2025, 6, 30),
        status=CommitmentStatus.FULFILLED,
    )
    Commitment.objects.create(
        workshop=workshop_past,
        description="Instalar la mesa de seguimiento",
        responsible_institution=ngo,
        due_date=dt.date(2026, 1, 15),
        status=CommitmentStatus.PENDING,
    )

    resource_study = make_resource(
        "Estudio de la calidad del agua",
        themes=[water],
        institutions=[ngo],
        tags=["agua"],
        year=2020,
    )
    resource_report = make_resource(
        "Informe de regalías mineras",
        kind="report",
        themes=[mining],
        institutions=[company],
        year=2023,
        language="en",
        document=make_document("regalias.pdf"),
    )
    return Community(
        water,
        mining,
        ngo,
        company,
        lesson_water,
        lesson_mining,
        workshop_past,
        workshop_next,
        resource_study,
        resource_report,
    )
