from datetime import timedelta

import factory
from django.utils import timezone

from workshops.models import Modality, Workshop, WorkshopStatus

from .members import FacilitatorFactory


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
