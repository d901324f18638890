"""Shared pieces of the workshop admin tests: addresses, form data as the admin posts it,
registrations in a given state, one client per role."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import FacilitatorFactory, MemberFactory, UserFactory
from workshops.models import Registration, RegistrationStatus

LIMA = ZoneInfo("America/Lima")
ROLES = ("anonymous", "roleless", "member", "facilitator")


def admin_url(name: str, *args) -> str:
    return reverse(f"workshop_admin:{name}", args=args)


def lima(value) -> str:
    """A datetime as typed in the admin's date-time field (Lima time)."""
    return timezone.localtime(value, LIMA).strftime("%Y-%m-%d %H:%M")


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        data[f"{prefix}-{index}-DELETE"] = ""
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def workshop_form_data(workshop=None, *, agenda=(), materials=(), commitments=(), **fields):
    """What the workshop form posts: the fields of `workshop` (or a new hybrid workshop in
    two weeks' time), with `fields` overriding them."""
    if workshop is not None:
        data = {
            "title": workshop.title,
            "slug": workshop.slug,
            "description": workshop.description,
            "status": workshop.status,
            "visibility": workshop.visibility,
            "modality": workshop.modality,
            "starts_at": lima(workshop.starts_at),
            "ends_at": lima(workshop.ends_at),
            "venue": workshop.venue,
            "address": workshop.address,
            "city": workshop.city,
            "online_url": workshop.online_url,
            "capacity": str(workshop.capacity),
            "registration_opens_at": (
                lima(workshop.registration_opens_at) if workshop.registration_opens_at else ""
            ),
            "registration_deadline": (
                lima(workshop.registration_deadline) if workshop.registration_deadline else ""
            ),
            "outcomes": workshop.outcomes,
        }
        themes = [str(pk) for pk in workshop.themes.values_list("pk", flat=True)]
        people = [str(pk) for pk in workshop.facilitators.values_list("pk", flat=True)]
    else:
        starts = (
            (timezone.now() + timedelta(days=14))
            .astimezone(LIMA)
            .replace(hour=9, minute=0, second=0, microsecond=0)
        )
        data = {
            "title": "Taller híbrido sobre el uso del canon minero en Ilo",
            "slug": "",
            "description": "Revisamos juntos la ejecución de obras financiadas con canon.",
            "status": "open",
            "visibility": "public",
            "modality": "hybrid",
            "starts_at": lima(starts),
            "ends_at": lima(starts + timedelta(hours=4)),
            "venue": "Auditorio de la Municipalidad Provincial de Ilo",
            "address": "Jr. Zepita 400",
            "city": "Ilo",
            "online_url": "https://meet.example.org/canon-ilo",
            "capacity": "30",
            "registration_opens_at": "",
            "registration_deadline": lima(starts - timedelta(days=1)),
            "outcomes": "",
        }
        themes, people = [], []
    data.update(formset("agenda_items", list(agenda)))
    data.update(formset("materials", list(materials)))
    data.update(formset("commitments", list(commitments)))
    data.update(fields)
    if themes and "themes" not in fields:
        data["themes"] = themes
    if people and "facilitators" not in fields:
        data["facilitators"] = people
    return data


def register(workshop, status=RegistrationStatus.CONFIRMED, user=None, **extra):
    return Registration.objects.create(
        workshop=workshop, user=user or MemberFactory(), status=status, **extra
    )


def client_for(role: str):
    client = Client()
    user = {
        "anonymous": lambda: None,
        "roleless": UserFactory,
        "member": MemberFactory,
        "facilitator": FacilitatorFactory,
    }[role]()
    if user is not None:
        client.force_login(user)
    return client


def refused(response) -> bool:
    """Kept out of the admin: a redirect away from it (to log in) or 403."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and not response["Location"].startswith("/admin/")


# The empty milestones inline of a commitment's admin form.
NO_MILESTONES = {
    "milestones-TOTAL_FORMS": "0",
    "milestones-INITIAL_FORMS": "0",
    "milestones-MIN_NUM_FORMS": "0",
    "milestones-MAX_NUM_FORMS": "1000",
}
