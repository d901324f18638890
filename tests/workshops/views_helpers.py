"""Shared pieces of the tests of the workshops' public and member pages."""

from datetime import time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import InstitutionFactory, MemberFactory, WorkshopFactory
from workshops.models import (
    AgendaItem,
    Commitment,
    Modality,
    Registration,
    RegistrationStatus,
    WorkshopStatus,
)

MEETING_URL = "https://meet.example.org/taller-secreto-7Hq2"
SITE = "https://comunidad.example.pe"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


def hybrid_workshop(**kwargs):
    return WorkshopFactory(
        modality=Modality.HYBRID,
        online_url=MEETING_URL,
        **kwargs,
    )


def past_workshop(days_ago=10, **kwargs):
    kwargs.setdefault("status", WorkshopStatus.HELD)
    return WorkshopFactory(starts_at=timezone.now() - timedelta(days=days_ago), **kwargs)


def register(workshop, user, status=RegistrationStatus.CONFIRMED, **kwargs):
    return Registration.objects.create(workshop=workshop, user=user, status=status, **kwargs)


def fill(workshop, count, status=RegistrationStatus.CONFIRMED):
    """`count` registrations of new members (each with their own institution)."""
    return [register(workshop, MemberFactory(), status) for _ in range(count)]


def with_programme(workshop, items=3):
    """Agenda items and commitments with their institutions."""
    for number in range(items):
        institution = InstitutionFactory()
        AgendaItem.objects.create(
            workshop=workshop,
            sort_order=number,
            time=time(9 + number, 0),
            title=f"Mesa de trabajo {number + 1}",
            speaker=f"Ponente {number + 1}",
            speaker_institution=institution,
        )
        Commitment.objects.create(
            workshop=workshop,
            sort_order=number,
            description=f"Publicar el informe de avance {number + 1}",
            responsible_institution=institution,
            due_date=timezone.localdate() + timedelta(days=30 * (number + 1)),
        )
    return workshop


@pytest.fixture(name="site_url")
def site_url_fixture(settings, served_at):
    """The portal served at SITE (its SITE_URL too): the links name it."""
    settings.SITE_URL = SITE
    return served_at(SITE)
