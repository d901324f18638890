"""A workshop's life as a facilitator runs it: it is held and attendance taken only once it
has started; the agenda follows a moved start; whoever creates it facilitates it; walk-ins
count; anyone on the waitlist can be given a seat; closed registration shows no free seats;
a change of time brings one notice and one reminder; waitlisted people are told so."""

from datetime import datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from members.models import Notification, Sector
from tests.factories import FacilitatorFactory, InstitutionFactory, MemberFactory, WorkshopFactory
from tests.workshops.admin_helpers import (
    LIMA,
    admin_url,
    lima,
    register,
    workshop_form_data,
)
from workshops import selectors, services
from workshops.models import AgendaItem, RegistrationStatus, WalkIn, Workshop, WorkshopStatus

pytestmark = pytest.mark.django_db


def started_workshop(**fields) -> Workshop:
    starts = timezone.now() - timedelta(hours=1)
    return WorkshopFactory(starts_at=starts, ends_at=starts + timedelta(hours=3), **fields)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# ---- HELD AND ATTENDANCE ONLY ONCE IT HAS STARTED


def test_a_workshop_cannot_be_marked_held_before_it_starts(facilitator_client):
    workshop = WorkshopFactory()
    response = facilitator_client.post(
        admin_url("edit", workshop.pk), workshop_form_data(workshop, status="held")
    )
    assert response.status_code == 200
    assert "no se puede marcar como realizado antes de que empiece" in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.OPEN

    started = started_workshop()
    response = facilitator_client.post(
        admin_url("edit", started.pk), workshop_form_data(started, status="held")
    )
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.status == WorkshopStatus.HELD


def test_attendance_is_refused_before_the_start_with_a_clear_message(facilitator_client):
    workshop = WorkshopFactory()
    registration = register(workshop)

    page = facilitator_client.get(admin_url("registrations", workshop.pk)).content.decode()
    assert admin_url("attendance", workshop.pk) not in page
    assert "La asistencia se toma aquí cuando el taller haya empezado" in page

    response = facilitator_client.post(
        admin_url("attendance", workshop.pk), {"attended": [registration.pk]}, follow=True
    )
    registration.refresh_from_db()
    assert registration.attended is None
    assert any(
        "La asistencia solo se puede tomar cuando el taller haya empezado" in text
        for text in messages_of(response)
    )


def test_attendance_once_started(facilitator_client):
    workshop = started_workshop()
    present, absent = register(workshop), register(workshop)
    page = facilitator_client.get(admin_url("registrations", workshop.pk)).content.decode()
    assert admin_url("attendance", workshop.pk) in page
    facilitator_client.post(admin_url("attendance", workshop.pk), {"attended": [present.pk]})
    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.attended, absent.attended) == (True, False)


# ---- THE AGENDA FOLLOWS THE START


def agenda_rows(workshop) -> list[dict]:
    return [
        {"id": str(item.pk), "time": f"{item.time:%H:%M}", "title": item.title, "speaker": ""}
        for item in workshop.agenda_items.all()
    ]


def test_moving_the_start_moves_the_agenda(facilitator_client):
    workshop = WorkshopFactory()
    starts = timezone.localtime(workshop.starts_at, LIMA).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=4)
    )
    workshop.refresh_from_db()
    AgendaItem.objects.create(workshop=workshop, time=time(9, 0), title="Bienvenida", sort_order=0)
    AgendaItem.objects.create(workshop=workshop, time=time(10, 30), title="Mesas", sort_order=1)
    data = workshop_form_data(
        workshop,
        starts_at=lima(starts + timedelta(days=1, hours=1, minutes=30)),
        ends_at=lima(starts + timedelta(days=1, hours=5, minutes=30)),
    )
    data.update(_agenda_formset(workshop))

    response = facilitator_client.post(admin_url("edit", workshop.pk), data, follow=True)

    assert response.status_code == 200
    times = [item.time for item in workshop.agenda_items.order_by("sort_order")]
    assert times == [time(10, 30), time(12, 0)]
    assert any("2 puntos de la agenda se movieron" in text for text in messages_of(response))


def test_agenda_times_typed_in_the_same_edit_are_kept(facilitator_client):
    workshop = WorkshopFactory()
    starts = timezone.localtime(workshop.starts_at, LIMA).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=4)
    )
    workshop.refresh_from_db()
    AgendaItem.objects.create(workshop=workshop, time=time(9, 0), title="Bienvenida", sort_order=0)
    data = workshop_form_data(
        workshop,
        starts_at=lima(starts + timedelta(hours=1)),
        ends_at=lima(starts + timedelta(hours=5)),
    )
    formset = _agenda_formset(workshop)
    formset["agenda_items-0-time"] = "10:15"
    data.update(formset)

    facilitator_client.post(admin_url("edit", workshop.pk), data)

    assert [item.time for item in workshop.agenda_items.all()] == [time(10, 15)]


def _agenda_formset(workshop) -> dict:
    from tests.workshops.admin_helpers import formset

    rows = agenda_rows(workshop)
    return formset("agenda_items", rows, initial=len(rows))


# ---- WHOEVER CREATES IT FACILITATES IT


def test_the_creator_is_preselected_as_facilitator(facilitator, facilitator_client):
    other = FacilitatorFactory(full_name="Otra Facilitadora")
    response = facilitator_client.get(admin_url("add"))
    field = response.context["form"]["facilitators"]
    assert [str(pk) for pk in field.value()] == [str(facilitator.pk)]
    # Read the facilitators' boxes only (other checkboxes, the districts', share values).
    soup = BeautifulSoup(response.content, "html.parser")
    boxes = {box["value"]: box for box in soup.select('input[name="facilitators"]')}
    assert boxes[str(facilitator.pk)].has_attr("checked")
    assert not boxes[str(other.pk)].has_attr("checked")


# ---- WALK-INS


def test_walk_ins_are_recorded_and_counted_in_the_sector_balance(facilitator_client):
    workshop = started_workshop()
    mining = InstitutionFactory(name="Minera del Sur S.A.", sector=Sector.PRIVATE_MINING)
    page = facilitator_client.get(admin_url("registrations", workshop.pk)).content.decode()
    assert "Agregar a alguien que vino sin inscribirse" in page

    facilitator_client.post(
        admin_url("walk_in_add", workshop.pk),
        {"walk_in-name": "Elena Condori", "walk_in-institution": mining.pk},
    )
    facilitator_client.post(
        admin_url("walk_in_add", workshop.pk),
        {
            "walk_in-name": "Mario Pari",
            "walk_in-other_institution": "Junta de Usuarios de Riego de Ilo",
            "walk_in-sector": Sector.CIVIL_SOCIETY,
        },
    )
    refused = facilitator_client.post(
        admin_url("walk_in_add", workshop.pk), {"walk_in-name": "Sin Institución"}, follow=True
    )
    assert any("elija la institución de la lista" in t.lower() for t in messages_of(refused))

    walk_ins = list(WalkIn.objects.filter(workshop=workshop).order_by("name"))
    assert [(w.name, w.sector) for w in walk_ins] == [
        ("Elena Condori", Sector.PRIVATE_MINING),
        ("Mario Pari", Sector.CIVIL_SOCIETY),
    ]
    rows = {row["sector"]: row for row in selectors.participation_by_sector(workshop=workshop)}
    assert rows[Sector.PRIVATE_MINING]["attended"] == 1
    assert rows[Sector.CIVIL_SOCIETY]["attended"] == 1
    page = facilitator_client.get(admin_url("registrations", workshop.pk))
    html = page.content.decode()
    assert "Elena Condori" in html and "Junta de Usuarios de Riego de Ilo" in html
    assert page.context["chart"].total_attended == 2

    facilitator_client.post(admin_url("walk_in_remove", workshop.pk, walk_ins[1].pk))
    assert list(WalkIn.objects.values_list("name", flat=True)) == ["Elena Condori"]


def test_walk_ins_only_once_started(facilitator):
    with pytest.raises(Exception, match="empezado"):
        services.walk_in_add(
            workshop=WorkshopFactory(),
            user=facilitator,
            name="Elena Condori",
            other_institution="Junta de Usuarios",
            sector=Sector.CIVIL_SOCIETY,
        )


# ---- A CHOSEN PERSON FROM THE WAITLIST


def test_a_facilitator_gives_a_seat_to_a_chosen_person_on_a_full_waitlist(facilitator_client):
    workshop = WorkshopFactory(capacity=1)
    register(workshop)
    first = register(workshop, RegistrationStatus.WAITLISTED, user=MemberFactory())
    chosen = register(workshop, RegistrationStatus.WAITLISTED, user=MemberFactory())
    page = facilitator_client.get(admin_url("registrations", workshop.pk)).content.decode()
    assert admin_url("confirm", workshop.pk, chosen.pk) in page
    assert "Confirmar con un lugar más" in page

    facilitator_client.post(admin_url("confirm", workshop.pk, chosen.pk), {"add_seat": "1"})

    chosen.refresh_from_db()
    first.refresh_from_db()
    workshop.refresh_from_db()
    assert chosen.status == RegistrationStatus.CONFIRMED
    assert first.status == RegistrationStatus.WAITLISTED
    assert workshop.capacity == 2
    assert Notification.objects.filter(kind="workshop_promoted", email=chosen.user.email).exists()


# ---- NO FREE SEATS ONCE REGISTRATION IS CLOSED


@pytest.mark.parametrize("closed_by", ["status", "deadline"])
def test_closed_registration_advertises_no_free_seats(client, closed_by):
    fields = (
        {"status": WorkshopStatus.CLOSED}
        if closed_by == "status"
        else {"registration_deadline": timezone.now() - timedelta(hours=1)}
    )
    workshop = WorkshopFactory(title="Taller de cierre de inscripciones", capacity=20, **fields)
    for url in ("/", "/talleres/", workshop.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Taller de cierre de inscripciones" in html, url
        assert "disponible" not in html.lower(), url
        assert "Inscripciones cerradas" in html, url

    open_workshop = WorkshopFactory(title="Taller abierto", capacity=20)
    html = client.get(open_workshop.get_absolute_url()).content.decode()
    assert "20 disponibles" in html.lower()


# ---- A CHANGE OF TIME: ONE NOTICE, ONE REMINDER


def lima_at(day_offset: int, hour: int):
    day = timezone.localdate() + timedelta(days=day_offset)
    return datetime.combine(day, time(hour, 0), tzinfo=LIMA)


def move(workshop, starts, facilitator):
    before = services.logistics_snapshot(workshop)
    workshop.starts_at, workshop.ends_at = starts, starts + timedelta(hours=3)
    services.workshop_save(workshop=workshop, user=facilitator, previous=before)


def test_a_change_of_time_sends_one_notice_and_never_a_second_reminder_the_same_day(
    facilitator, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(starts_at=lima_at(5, 15), ends_at=lima_at(5, 18))
    registration = register(workshop)
    email = registration.user.email
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders(now=lima_at(4, 18))
        move(workshop, lima_at(5, 17), facilitator)
        services.send_reminders(now=lima_at(4, 19))
        services.send_reminders(now=lima_at(5, 9))

    subjects = [m.subject for m in mail.outbox if m.to == [email]]
    assert subjects == [
        f"Mañana: {workshop.title}",
        f"Cambio de hora, lugar o enlace: {workshop.title}",
    ]

    # Moved to another day: the notice, then one reminder for the new day.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(workshop, lima_at(6, 20), facilitator)
        services.send_reminders(now=lima_at(6, 8))
        services.send_reminders(now=lima_at(6, 9))
    subjects = [m.subject for m in mail.outbox if m.to == [email]]
    assert subjects == [
        f"Cambio de hora, lugar o enlace: {workshop.title}",
        f"Hoy: {workshop.title}",
    ]
    assert "20:00" in mail.outbox[-1].body


def test_waitlisted_people_are_told_in_a_change_notice(
    facilitator, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(capacity=1)
    confirmed = register(workshop)
    waiting = register(workshop, RegistrationStatus.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        move(workshop, workshop.starts_at + timedelta(days=1), facilitator)

    (to_waiting,) = [m for m in mail.outbox if m.to == [waiting.user.email]]
    (to_confirmed,) = [m for m in mail.outbox if m.to == [confirmed.user.email]]
    assert "Sigue en la lista de espera (número 1)" in to_waiting.body
    assert "todavía no tiene un lugar" in to_waiting.body
    assert "lista de espera" not in to_confirmed.body
    assert "Su lugar está confirmado." in to_confirmed.body
