from datetime import timedelta

import factory
from django.utils import timezone

from members.models import Sector
from workshops.models import (
    AgreementSpace,
    AgreementSpaceKind,
    Commitment,
    CommitmentSource,
    Modality,
    Registration,
    RegistrationStatus,
    WalkIn,
    Workshop,
    WorkshopStatus,
)

from .members import FacilitatorFactory, InstitutionFactory


class WorkshopFactory(factory.django.DjangoModelFactory):
    """An open, public, face-to-face workshop in a week's time."""

    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"Taller de vigilancia del canon {n}")
    slug = factory.Sequence(lambda n: f"taller-vigilancia-canon-{n}")
    description = "Intercambio de experiencias sobre seguimiento a obras con canon minero."
    modality = Modality.IN_PERSON
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    venue = "Auditorio de la Cámara de Comercio"
    address = "Calle Ayacucho 123"
    city = "Moquegua"
    capacity = 20
    status = WorkshopStatus.OPEN
    created_by = factory.SubFactory(FacilitatorFactory)


class AgreementSpaceFactory(factory.django.DjangoModelFactory):
    """A published, public dialogue table convened by a regional-government institution."""

    class Meta:
        model = AgreementSpace

    name = factory.Sequence(lambda n: f"Mesa de diálogo de Moquegua {n}")
    slug = factory.Sequence(lambda n: f"mesa-dialogo-moquegua-{n}")
    kind = AgreementSpaceKind.DIALOGUE_TABLE
    convener = factory.SubFactory(InstitutionFactory, sector=Sector.GOVERNMENT_REGIONAL_LOCAL)
    started_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))
    place = "Moquegua"
    published = True


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A pending commitment of a held public workshop, due in a month, led by a mining
    company."""

    class Meta:
        model = Commitment

    workshop = factory.SubFactory(
        WorkshopFactory,
        status=WorkshopStatus.HELD,
        starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=30)),
    )
    source = CommitmentSource.WORKSHOP
    description = factory.Sequence(lambda n: f"Publicar el avance de la obra de agua {n}.")
    responsible_institution = factory.SubFactory(InstitutionFactory, sector=Sector.PRIVATE_MINING)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


def add_participation(workshop, *, attended=(), registered=(), cancelled=(), walk_ins=()):
    """People at a workshop: confirmed registrations that `attended` or only `registered`,
    `cancelled` ones, and walk-ins given as (name, sector)."""
    for users, status, came in (
        (attended, RegistrationStatus.CONFIRMED, True),
        (registered, RegistrationStatus.CONFIRMED, False),
        (cancelled, RegistrationStatus.CANCELLED, False),
    ):
        for user in users:
            Registration.objects.create(workshop=workshop, user=user, status=status, attended=came)
    for name, sector in walk_ins:
        WalkIn.objects.create(workshop=workshop, name=name, sector=sector)
