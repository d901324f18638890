"""Facilitators run workshops in the Wagtail admin: create, edit, duplicate, cancel; the
registrations page (waitlist, attendance), messages to registrants, commitments; and
nobody else gets in."""

from datetime import UTC, date, datetime, timedelta
from html import escape

import pytest
from django.utils import timezone

from members.models import Notification
from tests.factories import InstitutionFactory, MemberFactory, ThemeFactory, WorkshopFactory
from tests.workshops.admin_helpers import (
    LIMA,
    NO_MILESTONES,
    ROLES,
    admin_url,
    client_for,
    lima,
    refused,
    register,
    workshop_form_data,
)
from workshops.models import (
    Commitment,
    CommitmentStatus,
    Modality,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)

pytestmark = pytest.mark.django_db


def notices(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).order_by("email"))


# ---- CREATE


def test_facilitator_creates_a_hybrid_workshop_with_its_agenda(facilitator_client, facilitator):
    theme = ThemeFactory()
    speaker_institution = InstitutionFactory(name="Gobierno Regional de Moquegua")
    data = workshop_form_data(
        themes=[str(theme.pk)],
        facilitators=[str(facilitator.pk)],
        agenda=[
            {"time": "09:00", "title": "Bienvenida y presentación", "speaker": "Ana Flores"},
            {
                "time": "09:30",
                "title": "Avance de obras con canon en Ilo",
                "speaker": "Luis Ramos",
                "speaker_institution": str(speaker_institution.pk),
            },
        ],
        materials=[{"title": "Presentación del avance", "url": "https://example.org/avance.pdf"}],
    )

    response = facilitator_client.post(admin_url("add"), data)

    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert response["Location"] == admin_url("edit", workshop.pk)
    assert workshop.modality == Modality.HYBRID
    assert workshop.slug.startswith("taller-hibrido-sobre-el-uso-del-canon-minero-en-ilo-")
    assert timezone.localtime(workshop.starts_at, LIMA).hour == 9
    assert workshop.created_by == facilitator
    assert list(workshop.themes.all()) == [theme]
    assert list(workshop.facilitators.all()) == [facilitator]
    agenda = list(workshop.agenda_items.order_by("sort_order"))
    assert [item.title for item in agenda] == [
        "Bienvenida y presentación",
        "Avance de obras con canon en Ilo",
    ]
    assert agenda[1].speaker_institution == speaker_institution
    assert workshop.materials.get().url == "https://example.org/avance.pdf"

    edit_page = facilitator_client.get(admin_url("edit", workshop.pk)).content.decode()
    assert "Avance de obras con canon en Ilo" in edit_page
    assert admin_url("registrations", workshop.pk) in edit_page
    # The workshop shows in the listing, with its start in Lima time and its seats.
    listing = facilitator_client.get(admin_url("index")).content.decode()
    assert workshop.title in listing
    assert "0 / 30" in listing


def test_an_empty_slug_is_made_unique(facilitator_client):
    first = workshop_form_data()
    facilitator_client.post(admin_url("add"), first)
    facilitator_client.post(admin_url("add"), first)
    slugs = sorted(Workshop.objects.values_list("slug", flat=True))
    assert len(slugs) == 2 and slugs[0] != slugs[1]


def _field_errors(response, field: str) -> list[str]:
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    html = response.content.decode()
    for message in errors[field]:
        assert escape(message, quote=True) in html or message in html
    return errors[field]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": "__before__"}, "ends_at"),
        ({"modality": "virtual", "online_url": ""}, "online_url"),
        ({"modality": "in_person", "venue": ""}, "venue"),
        ({"modality": "hybrid", "venue": "  "}, "venue"),
        ({"online_url": "ftp://archivos.example.org/taller"}, "online_url"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"capacity": "-3"}, "capacity"),
    ],
)
def test_bad_input_on_create_shows_field_errors_and_saves_nothing(
    facilitator_client, overrides, field
):
    data = workshop_form_data(
        agenda=[{"time": "09:00", "title": "Bienvenida", "speaker": ""}],
    )
    if overrides.get("ends_at") == "__before__":
        overrides = {"ends_at": data["starts_at"].replace(" 09:00", " 08:00")}
    data.update(overrides)

    response = facilitator_client.post(admin_url("add"), data)

    _field_errors(response, field)
    assert not Workshop.objects.exists()


def test_a_material_link_must_be_http(facilitator_client):
    data = workshop_form_data(
        materials=[{"title": "Acta", "url": "file:///etc/passwd"}],
    )
    response = facilitator_client.post(admin_url("add"), data)
    assert response.status_code == 200
    assert response.context["form"].formsets["materials"].errors[0]["url"]
    assert not Workshop.objects.exists()


def test_the_status_cancelled_is_not_offered_in_the_form(facilitator_client):
    data = workshop_form_data(status="cancelled")
    response = facilitator_client.post(admin_url("add"), data)
    _field_errors(response, "status")
    assert not Workshop.objects.exists()


# ---- EDIT


def test_capacity_below_the_confirmed_is_refused_and_nothing_changes(facilitator_client):
    workshop = WorkshopFactory(capacity=5)
    for _ in range(3):
        register(workshop)
    data = workshop_form_data(workshop, capacity="2", title="Título nuevo")

    response = facilitator_client.post(admin_url("edit", workshop.pk), data)

    _field_errors(response, "capacity")
    workshop.refresh_from_db()
    assert (workshop.capacity, workshop.title) != (2, "Título nuevo")
    assert workshop.capacity == 5


def test_changing_the_time_tells_every_registrant_once(facilitator_client):
    workshop = WorkshopFactory()
    confirmed = register(workshop)
    waiting = register(workshop, RegistrationStatus.WAITLISTED)
    register(workshop, RegistrationStatus.CANCELLED)
    later = workshop.starts_at + timedelta(hours=2)
    data = workshop_form_data(
        workshop, starts_at=lima(later), ends_at=lima(later + timedelta(hours=3))
    )

    response = facilitator_client.post(admin_url("edit", workshop.pk), data)
    assert response.status_code == 302
    # Saving again without changes, or changing only the title, announces nothing more.
    facilitator_client.post(admin_url("edit", workshop.pk), data)
    facilitator_client.post(admin_url("edit", workshop.pk), {**data, "title": "Otro título"})

    changed = notices("workshop_changed")
    assert sorted(n.email for n in changed) == sorted([confirmed.user.email, waiting.user.email])
    workshop.refresh_from_db()
    assert workshop.title == "Otro título"
    assert workshop.starts_at == later.replace(second=0, microsecond=0)


def test_a_draft_workshop_tells_nobody(facilitator_client):
    workshop = WorkshopFactory(status=WorkshopStatus.DRAFT)
    data = workshop_form_data(workshop, venue="Casa de la Cultura de Omate", city="Omate")
    assert facilitator_client.post(admin_url("edit", workshop.pk), data).status_code == 302
    assert not notices("workshop_changed")


def test_raising_the_capacity_confirms_the_waitlist(facilitator_client):
    workshop = WorkshopFactory(capacity=1)
    register(workshop)
    waiting = register(workshop, RegistrationStatus.WAITLISTED)
    data = workshop_form_data(workshop, capacity="2")
    assert facilitator_client.post(admin_url("edit", workshop.pk), data).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [n.email for n in notices("workshop_promoted")] == [waiting.user.email]


def test_outcomes_and_commitments_are_recorded_after_the_workshop(facilitator_client, time_machine):
    # 21:00 on 9 March in Lima, already the 10th in UTC: a commitment marked done is done on
    # Lima's date.
    time_machine.move_to(datetime(2026, 3, 10, 2, 0, tzinfo=UTC), tick=False)
    today = date(2026, 3, 9)
    assert timezone.localdate() == today
    workshop = WorkshopFactory(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=3),
        status=WorkshopStatus.HELD,
    )
    responsible = InstitutionFactory(name="Municipalidad Distrital de Samegua")
    data = workshop_form_data(
        workshop,
        outcomes="Se acordó publicar el avance de obras cada trimestre.",
        commitments=[
            {
                "description": "Publicar el avance trimestral de obras con canon.",
                "responsible_institution": str(responsible.pk),
                "due_date": (today + timedelta(days=60)).isoformat(),
                "status": "pending",
                "completed_on": "",
            },
            {
                "description": "Enviar el acta a los participantes.",
                "responsible_institution": str(responsible.pk),
                "due_date": (today - timedelta(days=1)).isoformat(),
                "status": "fulfilled",
                "completed_on": "",
            },
        ],
    )
    response = facilitator_client.post(admin_url("edit", workshop.pk), data)
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.outcomes.startswith("Se acordó")
    done = workshop.commitments.get(status=CommitmentStatus.FULFILLED)
    assert done.completed_on == today
    pending = workshop.commitments.get(status=CommitmentStatus.PENDING)
    assert pending.due_date == date(2026, 5, 8)
    assert workshop.commitments.count() == 2


# ---- DUPLICATE, CANCEL


def test_duplicate_lands_on_the_copy(facilitator_client):
    workshop = WorkshopFactory(title="Mesa de diálogo de Torata")
    workshop.agenda_items.create(time="10:00", title="Diálogo abierto")
    workshop.save()
    register(workshop)

    page = facilitator_client.get(admin_url("duplicate", workshop.pk))
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert Workshop.objects.count() == 1

    response = facilitator_client.post(admin_url("duplicate", workshop.pk))

    copy = Workshop.objects.exclude(pk=workshop.pk).get()
    assert response["Location"] == admin_url("edit", copy.pk)
    assert copy.status == WorkshopStatus.DRAFT
    assert "Mesa de diálogo de Torata" in copy.title
    assert [item.title for item in copy.agenda_items.all()] == ["Diálogo abierto"]
    assert not copy.registrations.exists()
    assert facilitator_client.get(response["Location"]).status_code == 200


def test_cancel_asks_for_a_reason_then_tells_everyone(facilitator_client):
    workshop = WorkshopFactory()
    confirmed = register(workshop)
    waiting = register(workshop, RegistrationStatus.WAITLISTED)
    register(workshop, RegistrationStatus.CANCELLED)

    assert facilitator_client.get(admin_url("cancel", workshop.pk)).status_code == 200
    # A GET never cancels; a POST without a reason neither.
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.OPEN
    response = facilitator_client.post(admin_url("cancel", workshop.pk), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.OPEN

    reason = "El auditorio no estará disponible por la huelga regional."
    response = facilitator_client.post(admin_url("cancel", workshop.pk), {"reason": reason})

    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.CANCELLED
    cancelled = notices("workshop_cancelled")
    assert sorted(n.email for n in cancelled) == sorted([confirmed.user.email, waiting.user.email])
    assert all(reason in n.body_text for n in cancelled)
    # Cancelling again is not offered; the edit form keeps the status.
    again = facilitator_client.get(admin_url("cancel", workshop.pk))
    assert again.status_code == 302
    facilitator_client.post(admin_url("cancel", workshop.pk), {"reason": reason})
    assert len(notices("workshop_cancelled")) == 2
    history = facilitator_client.get(admin_url("history", workshop.pk)).content.decode()
    assert reason in history


# ---- REGISTRATIONS PAGE, WAITLIST, ATTENDANCE


def test_registrations_page_lists_confirmed_and_the_waitlist_in_order(facilitator_client):
    now = timezone.now()
    # Under way: attendance can be taken.
    workshop = WorkshopFactory(
        capacity=2, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2)
    )
    mining = InstitutionFactory(name="Minera del Sur S.A.", sector="private_mining")
    first = register(workshop, user=MemberFactory(full_name="Rosa Quispe", institution=mining))
    second = register(workshop, user=MemberFactory(full_name="Juan Mamani"))
    later = register(
        workshop,
        RegistrationStatus.WAITLISTED,
        user=MemberFactory(full_name="Carla Ticona"),
        requested_at=now - timedelta(hours=1),
    )
    earlier = register(
        workshop,
        RegistrationStatus.WAITLISTED,
        user=MemberFactory(full_name="Pedro Cutipa"),
        requested_at=now - timedelta(hours=5),
    )
    register(workshop, RegistrationStatus.CANCELLED, user=MemberFactory(full_name="Sin Asistir"))
    first.attended = True
    first.save()

    response = facilitator_client.get(admin_url("registrations", workshop.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert [r.pk for r in response.context["confirmed"]] == [first.pk, second.pk]
    assert [r.pk for r in response.context["waitlisted"]] == [earlier.pk, later.pk]
    assert html.index("Pedro Cutipa") < html.index("Carla Ticona")
    assert "Rosa Quispe" in html and "Minera del Sur S.A." in html
    assert str(mining.get_sector_display()) in html
    assert "Sin Asistir" not in html
    assert f'value="{first.pk}" id="attended-{first.pk}" checked' in html
    # Full: anyone on the waitlist can still be given a seat, with one more seat.
    assert admin_url("confirm", workshop.pk, earlier.pk) in html
    assert "Confirmar con un lugar más" in html
    # Participation by sector for this workshop, drawn as SVG.
    assert "<svg" in html
    chart = {bar.label: bar for bar in response.context["chart"].bars}
    assert chart[str(mining.get_sector_display())].registered == 1
    assert chart[str(mining.get_sector_display())].attended == 1
    assert response.context["chart"].total_registered == 4


def test_confirm_from_the_waitlist(facilitator_client):
    workshop = WorkshopFactory(capacity=1)
    register(workshop)
    waiting = register(workshop, RegistrationStatus.WAITLISTED)
    url = admin_url("confirm", workshop.pk, waiting.pk)

    # Full: refused with a message, nothing changes.
    response = facilitator_client.post(url, follow=True)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert response.redirect_chain[-1][0] == admin_url("registrations", workshop.pk)

    Workshop.objects.filter(pk=workshop.pk).update(capacity=2)
    page = facilitator_client.get(admin_url("registrations", workshop.pk)).content.decode()
    assert url in page
    assert facilitator_client.get(url).status_code == 405

    response = facilitator_client.post(url)

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [n.email for n in notices("workshop_promoted")] == [waiting.user.email]


def test_confirm_only_people_of_this_workshop(facilitator_client):
    workshop = WorkshopFactory(capacity=3)
    elsewhere = register(WorkshopFactory(capacity=3), RegistrationStatus.WAITLISTED)
    response = facilitator_client.post(admin_url("confirm", workshop.pk, elsewhere.pk))
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == RegistrationStatus.WAITLISTED


def test_attendance_marks_present_and_absent(facilitator_client):
    started = timezone.now() - timedelta(minutes=30)
    workshop = WorkshopFactory(starts_at=started, ends_at=started + timedelta(hours=3))
    present, absent = register(workshop), register(workshop)
    waiting = register(workshop, RegistrationStatus.WAITLISTED)

    response = facilitator_client.post(
        admin_url("attendance", workshop.pk), {"attended": [str(present.pk)]}
    )

    assert response.status_code == 302
    for registration in (present, absent, waiting):
        registration.refresh_from_db()
    assert (present.attended, absent.attended, waiting.attended) == (True, False, None)
    # Someone on the waitlist cannot be marked present.
    facilitator_client.post(admin_url("attendance", workshop.pk), {"attended": [waiting.pk]})
    waiting.refresh_from_db()
    present.refresh_from_db()
    assert waiting.attended is None and present.attended is True


# ---- MESSAGE REGISTRANTS


def test_message_all_registrants(facilitator_client):
    workshop = WorkshopFactory()
    # Nobody registered yet: nothing to write, back to the workshop.
    assert facilitator_client.get(admin_url("message", workshop.pk)).status_code == 302
    confirmed = register(workshop)
    waiting = register(workshop, RegistrationStatus.WAITLISTED)
    register(workshop, RegistrationStatus.CANCELLED)

    page = facilitator_client.get(admin_url("message", workshop.pk))
    assert page.status_code == 200
    empty = facilitator_client.post(admin_url("message", workshop.pk), {"subject": "", "body": ""})
    assert set(empty.context["form"].errors) == {"subject", "body"}
    assert not notices("workshop_message")

    response = facilitator_client.post(
        admin_url("message", workshop.pk),
        {
            "subject": "Traigan el informe de avance",
            "body": "Por favor traigan impreso el informe de avance de obras del trimestre.",
        },
    )

    assert response["Location"] == admin_url("registrations", workshop.pk)
    sent = notices("workshop_message")
    assert sorted(n.email for n in sent) == sorted([confirmed.user.email, waiting.user.email])
    assert all("informe de avance de obras" in n.body_text for n in sent)


# ---- LISTING AND COMMITMENTS


def test_listing_filters_and_search(facilitator_client):
    theme = ThemeFactory()
    virtual = WorkshopFactory(
        title="Encuentro virtual de monitores",
        modality=Modality.VIRTUAL,
        venue="",
        online_url="https://meet.example.org/monitores",
    )
    virtual.themes.add(theme)
    virtual.save()  # ParentalManyToMany: committed on save
    past = WorkshopFactory(
        title="Balance del año en Omate",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=2),
        status=WorkshopStatus.HELD,
    )
    draft = WorkshopFactory(title="Borrador de taller en Ilo", status=WorkshopStatus.DRAFT)

    def titles(query):
        response = facilitator_client.get(admin_url("index") + query)
        assert response.status_code == 200
        return {w.title for w in response.context["object_list"]}

    assert titles("") == {virtual.title, past.title, draft.title}
    assert titles("?modality=virtual") == {virtual.title}
    assert titles("?when=past") == {past.title}
    assert titles("?when=upcoming") == {virtual.title, draft.title}
    assert titles("?status=draft") == {draft.title}
    assert titles(f"?theme={theme.pk}") == {virtual.title}
    assert titles("?visibility=members") == set()
    assert titles("?q=omate") == {past.title}


def test_commitments_listing_filters_and_edit(facilitator_client):
    # Held two months ago: every commitment is due after the agreement.
    workshop = WorkshopFactory(
        title="Mesa del agua",
        status=WorkshopStatus.HELD,
        starts_at=timezone.now() - timedelta(days=60),
    )
    ilo = InstitutionFactory(name="Municipalidad Provincial de Ilo")
    ana = InstitutionFactory(name="Autoridad Nacional del Agua")
    overdue = Commitment.objects.create(
        workshop=workshop,
        description="Publicar el monitoreo de calidad del agua.",
        responsible_institution=ana,
        due_date=timezone.localdate() - timedelta(days=10),
    )
    Commitment.objects.create(
        workshop=workshop,
        description="Convocar a la segunda mesa.",
        responsible_institution=ilo,
        due_date=timezone.localdate() + timedelta(days=10),
    )
    Commitment.objects.create(
        workshop=workshop,
        description="Entregar el acta firmada.",
        responsible_institution=ilo,
        due_date=timezone.localdate() - timedelta(days=40),
        status=CommitmentStatus.FULFILLED,
        completed_on=timezone.localdate() - timedelta(days=41),
    )
    index = "/admin/workshop-commitments/"

    def descriptions(query):
        response = facilitator_client.get(index + query)
        assert response.status_code == 200
        return {c.description for c in response.context["object_list"]}

    assert len(descriptions("")) == 3
    assert descriptions("?overdue=yes") == {overdue.description}
    assert descriptions(f"?responsible_institution={ilo.pk}") == {
        "Convocar a la segunda mesa.",
        "Entregar el acta firmada.",
    }
    assert descriptions("?status=fulfilled") == {"Entregar el acta firmada."}
    html = facilitator_client.get(index).content.decode()
    assert admin_url("edit", workshop.pk) in html
    # Commitments of agreement spaces and own pledges are added here.
    assert facilitator_client.get(index + "new/").status_code == 200

    edit = f"{index}edit/{overdue.pk}/"
    assert facilitator_client.get(edit).status_code == 200
    response = facilitator_client.post(
        edit,
        {
            "source": "workshop",
            "description": overdue.description,
            "responsible_institution": ana.pk,
            "agreed_on": "",
            "due_date": overdue.due_date.isoformat(),
            "status": "fulfilled",
            "progress": "0",
            "completed_on": "",
            **NO_MILESTONES,
        },
    )
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.status == CommitmentStatus.FULFILLED
    assert overdue.progress == 100
    assert overdue.completed_on == timezone.localdate()
    # The facilitator's change is in the commitment's history.
    entry = overdue.updates.get()
    assert (entry.previous_status, entry.status, entry.author) == (
        "pending",
        "fulfilled",
        response.wsgi_request.user,
    )
    assert descriptions("?overdue=yes") == set()


# ---- PERMISSIONS: every admin address added here, for each role


def _admin_pages(workshop, registration, commitment):
    return [
        admin_url("index"),
        admin_url("add"),
        admin_url("edit", workshop.pk),
        admin_url("registrations", workshop.pk),
        admin_url("registrations", workshop.pk) + "?export=csv",
        admin_url("registrations", workshop.pk) + "?export=xlsx",
        admin_url("index") + "?export=csv",
        admin_url("duplicate", workshop.pk),
        admin_url("cancel", workshop.pk),
        admin_url("message", workshop.pk),
        admin_url("history", workshop.pk),
        "/admin/workshop-commitments/",
        "/admin/workshop-commitments/?export=xlsx",
        f"/admin/workshop-commitments/edit/{commitment.pk}/",
    ]


def _fixtures():
    workshop = WorkshopFactory(capacity=1)
    register(workshop)
    waiting = register(workshop, RegistrationStatus.WAITLISTED)
    commitment = Commitment.objects.create(
        workshop=workshop,
        description="Difundir el acta.",
        responsible_institution=InstitutionFactory(),
        due_date=timezone.localdate(),
    )
    return workshop, waiting, commitment


@pytest.mark.parametrize("role", ROLES)
def test_every_workshop_admin_page_is_for_facilitators_only(role):
    workshop, waiting, commitment = _fixtures()
    client = client_for(role)
    for url in _admin_pages(workshop, waiting, commitment):
        response = client.get(url)
        if role == "facilitator":
            assert response.status_code == 200, url
        else:
            assert refused(response), (url, response.status_code)
            assert "Difundir" not in response.content.decode(errors="replace")


@pytest.mark.parametrize("role", ["anonymous", "roleless", "member"])
def test_non_facilitators_cannot_act_on_workshops(role):
    workshop, waiting, commitment = _fixtures()
    Workshop.objects.filter(pk=workshop.pk).update(capacity=2)
    client = client_for(role)
    posts = {
        admin_url("add"): workshop_form_data(title="Taller colado"),
        admin_url("edit", workshop.pk): workshop_form_data(workshop, title="Cambiado"),
        admin_url("duplicate", workshop.pk): {},
        admin_url("cancel", workshop.pk): {"reason": "Porque sí"},
        admin_url("message", workshop.pk): {"subject": "Hola", "body": "Mensaje colado"},
        admin_url("attendance", workshop.pk): {"attended": [str(waiting.pk)]},
        admin_url("confirm", workshop.pk, waiting.pk): {},
        f"/admin/workshop-commitments/edit/{commitment.pk}/": {
            "description": "Cambiado",
            "responsible_institution": commitment.responsible_institution_id,
            "due_date": commitment.due_date.isoformat(),
            "status": "fulfilled",
        },
        admin_url("delete", workshop.pk): {},
    }
    for url, data in posts.items():
        assert refused(client.post(url, data)), url
    workshop.refresh_from_db()
    waiting.refresh_from_db()
    commitment.refresh_from_db()
    assert Workshop.objects.count() == 1
    assert (workshop.title, workshop.status) != ("Cambiado", WorkshopStatus.CANCELLED)
    assert workshop.status == WorkshopStatus.OPEN
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert commitment.status == CommitmentStatus.PENDING
    assert not Notification.objects.filter(kind__startswith="workshop_").exists()


def test_facilitators_cannot_delete_workshops(facilitator_client):
    workshop = WorkshopFactory()
    response = facilitator_client.post(admin_url("delete", workshop.pk))
    assert response.status_code in (302, 403)
    assert Workshop.objects.filter(pk=workshop.pk).exists()
    listing = facilitator_client.get(admin_url("index")).content.decode()
    assert admin_url("delete", workshop.pk) not in listing
