"""The workshops as people see them: the list, a workshop's page, registering and
cancelling in one click, "My workshops", and the links other pages show."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model

from members.models import Sector
from tests.factories import (
    ContributionFactory,
    InstitutionFactory,
    MemberFactory,
    ThemeFactory,
    UserFactory,
    WorkshopFactory,
)
from tests.workshops.views_helpers import (  # noqa: F401 - site_url is a fixture
    MEETING_URL,
    fill,
    hybrid_workshop,
    past_workshop,
    register,
    site_url_fixture,
    soup,
    text,
    with_programme,
)
from themes.models import Visibility
from workshops.models import (
    CommitmentStatus,
    Material,
    Modality,
    Registration,
    RegistrationStatus,
    WorkshopStatus,
)

pytestmark = pytest.mark.django_db

LIST = "/en/talleres/"


def card_titles(response) -> list[str]:
    return [link.text.strip() for link in soup(response).select(".workshop-results .card-title a")]


def detail(workshop) -> str:
    return f"/en/talleres/{workshop.slug}/"


def messages_of(response) -> list[str]:
    return [" ".join(p.get_text(" ").split()) for p in soup(response).select(".messages .message")]


# ---- the list


def test_list_shows_upcoming_public_workshops_as_cards(anon_client):
    theme = ThemeFactory(order=3, name_en="Water resources")
    workshop = WorkshopFactory(
        title="Mesa del agua de Ilo",
        city="Ilo",
        venue="Casa de la Cultura",
        capacity=10,
        starts_at=timezone.now() + timedelta(days=3),
    )
    workshop.themes.set([theme])
    workshop.save()
    fill(workshop, 4)
    virtual = WorkshopFactory(
        title="Conversatorio virtual", modality=Modality.VIRTUAL, venue="", online_url=MEETING_URL
    )

    response = anon_client.get(LIST)

    assert response.status_code == 200
    assert card_titles(response) == ["Mesa del agua de Ilo", "Conversatorio virtual"]
    cards = soup(response).select(".workshop-results .workshop-card")
    first = " ".join(cards[0].get_text(" ").split())
    assert "Face-to-face" in first
    assert "Casa de la Cultura, Ilo" in first
    assert "(Lima time)" in first
    assert "Water resources" in first
    assert "6 seats left" in first
    assert "theme-3" in cards[0]["class"]
    second = " ".join(cards[1].get_text(" ").split())
    assert "Virtual" in second
    assert MEETING_URL not in response.content.decode()
    assert f"/en/talleres/{virtual.slug}/" in [
        a["href"] for a in soup(response).select(".card-title a")
    ]


def test_times_are_shown_in_lima_time(anon_client, settings):
    settings.TIME_ZONE = "UTC"
    # 14:00 UTC is 09:00 in Lima (UTC-5, no daylight saving time).
    starts = (timezone.now() + timedelta(days=5)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    WorkshopFactory(starts_at=starts)

    page = soup(anon_client.get(LIST))

    start = page.select_one(".workshop-card time")
    moment = datetime.fromisoformat(start["datetime"])
    assert (moment.hour, moment.minute) == (9, 0)
    assert moment.utcoffset() == timedelta(hours=-5)
    assert "9 a.m." in start.text


def test_full_workshop_says_so_and_members_only_is_marked(member_client):
    full = WorkshopFactory(title="Taller lleno", capacity=2)
    fill(full, 2)
    WorkshopFactory(title="Solo para miembros", visibility=Visibility.MEMBERS)

    cards = soup(member_client.get(LIST)).select(".workshop-card")

    assert "Full — waitlist" in cards[0].text
    assert "Members only" in cards[1].text
    assert "Members only" not in cards[0].text


def test_cards_show_my_own_registration(member, member_client):
    mine = WorkshopFactory(title="Mío", capacity=1)
    register(mine, member)
    waiting = WorkshopFactory(title="En espera", capacity=0)
    register(waiting, member, RegistrationStatus.WAITLISTED)
    WorkshopFactory(title="Ajeno")

    cards = soup(member_client.get(LIST)).select(".workshop-card")

    assert "You are registered" in cards[0].text
    assert "You are on the waitlist" in cards[1].text
    assert "You are" not in cards[2].text


def test_past_workshops_with_outcomes(anon_client):
    past_workshop(title="Balance del canon 2024", outcomes="Se acordó publicar los avances.")
    WorkshopFactory(title="Próximo")

    response = anon_client.get(LIST, {"periodo": "pasados"})

    assert card_titles(response) == ["Balance del canon 2024"]
    assert "Se acordó publicar los avances." in text(response)
    assert soup(response).select_one(".period-tabs a[aria-current]").text == "Past workshops"
    assert card_titles(anon_client.get(LIST)) == ["Próximo"]


def test_past_list_is_newest_first(anon_client):
    past_workshop(days_ago=40, title="Antiguo")
    past_workshop(days_ago=5, title="Reciente")

    assert card_titles(anon_client.get(LIST, {"periodo": "pasados"})) == ["Reciente", "Antiguo"]


def test_filters_by_theme_and_modality(anon_client):
    water, environment = ThemeFactory(slug="agua"), ThemeFactory(slug="ambiente")
    a = WorkshopFactory(title="Agua presencial")
    a.themes.set([water, environment])
    a.save()
    b = hybrid_workshop(title="Agua híbrido")
    b.themes.set([water])
    b.save()
    c = WorkshopFactory(title="Ambiente presencial")
    c.themes.set([environment])
    c.save()

    assert card_titles(anon_client.get(LIST, {"tema": "agua"})) == [
        "Agua presencial",
        "Agua híbrido",
    ]
    assert card_titles(anon_client.get(LIST, {"tema": "agua", "modalidad": "hybrid"})) == [
        "Agua híbrido"
    ]
    response = anon_client.get(LIST, {"modalidad": "in_person"})
    assert card_titles(response) == ["Agua presencial", "Ambiente presencial"]
    assert soup(response).select_one("#filter-modalidad option[selected]")["value"] == "in_person"


@pytest.mark.parametrize(
    "params",
    [
        {"tema": "no-existe"},
        {"modalidad": "teletransporte"},
        {"periodo": "futuro-lejano"},
        {"page": "abc"},
        {"page": "999"},
        {"tema": "x" * 5000},
        {"tema": ["a", "b"], "modalidad": "\x00"},
    ],
)
def test_bad_filters_never_break_the_list(anon_client, params):
    WorkshopFactory(title="Sigue visible")

    response = anon_client.get(LIST, params)

    assert response.status_code == 200
    assert card_titles(response) == ["Sigue visible"]


def test_bad_filter_is_reported(anon_client):
    response = anon_client.get(LIST, {"modalidad": "teletransporte"})

    summary = soup(response).select_one(".error-summary")
    assert summary is not None
    assert "Modality" in summary.text


def test_pagination_keeps_the_filters(anon_client):
    for number in range(14):
        WorkshopFactory(
            title=f"Taller {number:02d}",
            starts_at=timezone.now() + timedelta(days=number + 1),
            modality=Modality.IN_PERSON,
        )

    first = anon_client.get(LIST, {"modalidad": "in_person"})
    assert len(card_titles(first)) == 12
    next_link = soup(first).select_one('.pagination a[rel="next"]')["href"]
    assert "modalidad=in_person" in next_link and "page=2" in next_link
    second = anon_client.get(LIST + next_link)
    assert card_titles(second) == ["Taller 12", "Taller 13"]


def test_empty_list_says_so_truthfully(anon_client):
    page = soup(anon_client.get(LIST))

    assert "No workshop is planned at the moment." in page.select_one(".empty-state").text


def test_list_links_the_public_calendar_feed(anon_client, site_url):
    page = soup(anon_client.get(LIST))

    alternate = page.select_one('head link[rel="alternate"][type="text/calendar"]')
    assert alternate["href"] == "/en/talleres/calendario.ics"
    links = [a["href"] for a in page.select(".calendar-subscribe a")]
    assert links == [
        "webcal://comunidad.example.pe/en/talleres/calendario.ics",
        "https://comunidad.example.pe/en/talleres/calendario.ics",
    ]


def test_main_navigation_shows_workshops(anon_client):
    page = soup(anon_client.get("/en/"))

    link = page.select_one('.main-nav a[href="/en/talleres/"]')
    assert link is not None
    assert link.text.strip() == "Workshops"


def test_spanish_is_the_default(anon_client):
    WorkshopFactory()

    response = anon_client.get("/talleres/")

    assert response.status_code == 200
    assert soup(response).html["lang"] == "es"


# ---- a workshop's page


def test_detail_shows_everything_a_participant_needs(anon_client):
    institution = InstitutionFactory(name="Gobierno Regional de Moquegua")
    theme = ThemeFactory(name_en="Mining revenue")
    workshop = WorkshopFactory(
        title="Seguimiento del canon",
        description="Revisaremos juntos la ejecución del canon minero.\n\nTraer datos.",
        venue="Auditorio municipal",
        address="Jr. Moquegua 456",
        city="Omate",
        capacity=30,
    )
    workshop.themes.set([theme])
    workshop.save()
    with_programme(workshop, items=2)
    workshop.agenda_items.update(speaker_institution=institution)
    document = get_document_model().objects.create(
        title="Guía", file=ContentFile(b"%PDF-1.4 guia", name="guia-canon.pdf")
    )
    Material.objects.create(workshop=workshop, title="Guía del canon", document=document)
    Material.objects.create(
        workshop=workshop, title="Portal de transparencia", url="https://www.mef.gob.pe/"
    )
    fill(workshop, 5)

    response = anon_client.get(detail(workshop))

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").text == "Seguimiento del canon"
    body = text(response)
    assert "Auditorio municipal, Jr. Moquegua 456, Omate" in body
    assert "(Lima time)" in body
    assert "Mining revenue" in body
    assert "Revisaremos juntos la ejecución del canon minero." in body
    assert "30 seats · 25 left" in body
    agenda = page.select(".agenda tbody tr")
    assert [row.th.text for row in agenda] == ["Mesa de trabajo 1", "Mesa de trabajo 2"]
    assert "Ponente 1 · Gobierno Regional de Moquegua" in agenda[0].text
    assert "9:00" in agenda[0].text or "9 a.m." in agenda[0].text
    materials = {a.text.strip(): a["href"] for a in page.select(".workshop-materials a")}
    assert materials["Guía del canon"] == document.url
    assert materials["Portal de transparencia"] == "https://www.mef.gob.pe/"
    assert page.select_one('a[href$="/evento.ics"]') is not None
    # Outcomes and commitments belong to after the workshop.
    assert page.select_one("#commitments-title") is None


def test_detail_for_anonymous_invites_to_log_in(anon_client):
    workshop = WorkshopFactory()

    page = soup(anon_client.get(detail(workshop)))

    login = page.select_one(".registration-panel a.button")
    assert login["href"] == f"/en/cuentas/login/?next=/en/talleres/{workshop.slug}/"
    assert page.select_one(".registration-panel form") is None


def test_detail_for_roleless_user_explains(roleless_user):
    client = Client()
    client.force_login(roleless_user)
    workshop = WorkshopFactory()

    response = client.get(detail(workshop))

    assert "Only members of the Community can register." in text(response)
    assert soup(response).select_one(".registration-panel form") is None


def test_member_sees_one_click_register_button(member_client):
    workshop = WorkshopFactory()

    form = soup(member_client.get(detail(workshop))).select_one(".registration-panel form")

    assert form["method"] == "post"
    assert form["action"] == f"/en/talleres/{workshop.slug}/inscribirme/"
    assert form.select_one('input[name="csrfmiddlewaretoken"]') is not None
    assert form.button.text.strip() == "Register"


def test_full_workshop_offers_the_waitlist(member_client):
    workshop = WorkshopFactory(capacity=1)
    fill(workshop, 1)

    response = member_client.get(detail(workshop))

    assert "Full — waitlist" in text(response)
    assert soup(response).select_one(".registration-panel form button").text == "Join the waitlist"


def test_registration_notices(member_client):
    now = timezone.now()
    cases = {
        "This workshop has been cancelled.": WorkshopFactory(status=WorkshopStatus.CANCELLED),
        "Registration for this workshop is closed.": WorkshopFactory(status=WorkshopStatus.CLOSED),
        "The registration deadline has passed.": WorkshopFactory(
            registration_deadline=now - timedelta(hours=2)
        ),
        "Registration opens on": WorkshopFactory(registration_opens_at=now + timedelta(days=2)),
        "This workshop has already taken place.": past_workshop(),
    }
    for notice, workshop in cases.items():
        response = member_client.get(detail(workshop))
        assert notice in text(response), notice
        assert soup(response).select_one(".registration-panel form") is None, notice

    open_one = WorkshopFactory(registration_deadline=now + timedelta(days=2))
    assert "Registration is open until" in text(member_client.get(detail(open_one)))


def test_after_the_workshop_outcomes_commitments_lessons_and_participation(member_client):
    workshop = past_workshop(outcomes="Se acordó crear una mesa técnica del agua.")
    with_programme(workshop, items=2)
    done = workshop.commitments.first()
    done.status = CommitmentStatus.FULFILLED
    done.completed_on = timezone.localdate()
    done.save()
    overdue = workshop.commitments.last()
    overdue.due_date = timezone.localdate() - timedelta(days=3)
    overdue.save()
    public_lesson = ContributionFactory(title="Lección pública del taller")
    members_lesson = ContributionFactory(
        title="Lección solo para miembros", visibility=Visibility.MEMBERS
    )
    draft_lesson = ContributionFactory(title="Borrador no publicado", published=False)
    workshop.lessons.set([public_lesson, members_lesson, draft_lesson])
    workshop.save()
    government = InstitutionFactory(sector=Sector.GOVERNMENT_REGIONAL_LOCAL)
    register(workshop, MemberFactory(institution=government), attended=True)
    register(workshop, MemberFactory(institution=government), attended=False)
    register(workshop, MemberFactory(institution=InstitutionFactory(sector=Sector.ACADEMIA)))

    response = member_client.get(detail(workshop))

    page = soup(response)
    body = text(response)
    assert "Se acordó crear una mesa técnica del agua." in body
    rows = page.select(".commitments tbody tr")
    assert len(rows) == 2
    assert "Publicar el informe de avance 1" in rows[0].text and "Fulfilled" in rows[0].text
    assert "Overdue" in rows[1].text
    lessons = [a.text for a in page.select(".workshop-lessons a")]
    assert lessons == ["Lección pública del taller", "Lección solo para miembros"]
    bars = {row.th.text: row for row in page.select(".sector-bars tbody tr")}
    government_row = bars["Regional and local government"]
    assert [v.text for v in government_row.select(".bar-value")] == ["2", "1"]
    assert government_row.select_one(".bar-registered")["width"] == "100"
    assert government_row.select_one(".bar-attended")["width"] == "50"
    assert (
        bars["Academia and professional associations"].select_one(".bar-registered")["width"]
        == "50"
    )
    assert bars["Citizens"].select_one(".bar-registered")["width"] == "0"
    assert page.select("[style]") == []


def test_anonymous_sees_only_public_lessons_of_a_workshop(anon_client):
    workshop = past_workshop()
    workshop.lessons.set(
        [
            ContributionFactory(title="Lección pública"),
            ContributionFactory(title="Lección reservada", visibility=Visibility.MEMBERS),
        ]
    )
    workshop.save()

    lessons = [
        a.text for a in soup(anon_client.get(detail(workshop))).select(".workshop-lessons a")
    ]

    assert lessons == ["Lección pública"]


def test_detail_of_a_members_only_workshop_is_not_indexed(member_client):
    workshop = WorkshopFactory(visibility=Visibility.MEMBERS)

    page = soup(member_client.get(detail(workshop)))

    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    assert "Members only" in page.select_one(".workshop-header").text


# ---- registering and cancelling through the pages


def post(client, workshop, action, capture):
    with capture(execute=True):
        return client.post(f"/en/talleres/{workshop.slug}/{action}/", follow=True)


def test_register_confirms_and_emails_the_calendar_entry(
    member, member_client, django_capture_on_commit_callbacks
):
    workshop = hybrid_workshop(title="Taller híbrido")

    response = post(member_client, workshop, "inscribirme", django_capture_on_commit_callbacks)

    assert response.redirect_chain[-1][0] == f"/en/talleres/{workshop.slug}/#inscripcion"
    assert messages_of(response) == [
        "Your seat is confirmed. We have sent you an e-mail with the details and a calendar entry."
    ]
    registration = Registration.objects.get(workshop=workshop, user=member)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].attachments[0][0] == f"{workshop.slug}.ics"
    page = soup(response)
    assert "You are registered" in page.select_one(".registration-panel").text
    assert page.select_one(".online-link")["href"] == MEETING_URL
    assert page.select_one(".registration-panel form button").text.strip() == (
        "Cancel my registration"
    )


def test_waitlist_then_promotion_by_email(
    member, other_member, member_client, django_capture_on_commit_callbacks
):
    workshop = hybrid_workshop(capacity=1)
    third = MemberFactory()
    third_client = Client()
    third_client.force_login(third)
    other_client = Client()
    other_client.force_login(other_member)

    post(member_client, workshop, "inscribirme", django_capture_on_commit_callbacks)
    response = post(other_client, workshop, "inscribirme", django_capture_on_commit_callbacks)
    assert messages_of(response) == [
        "The workshop is full: you are number 1 on the waitlist. If a seat frees up we "
        "will confirm you and tell you by e-mail."
    ]
    response = post(third_client, workshop, "inscribirme", django_capture_on_commit_callbacks)
    assert "number 2 on the waitlist" in messages_of(response)[0]
    page = soup(response)
    assert "You are number 2 on the waitlist." in page.select_one(".registration-panel").text
    assert page.select_one(".registration-panel form button").text.strip() == "Leave the waitlist"
    assert MEETING_URL not in response.content.decode()

    mail.outbox.clear()
    response = post(member_client, workshop, "cancelar", django_capture_on_commit_callbacks)

    assert messages_of(response) == ["Your registration has been cancelled."]
    assert Registration.objects.get(user=other_member).status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[other_member.email]]
    assert mail.outbox[0].attachments[0][0].endswith(".ics")
    assert MEETING_URL in other_client.get(detail(workshop)).content.decode()
    # The third person moved up to first on the waitlist.
    assert "You are number 1 on the waitlist." in text(third_client.get(detail(workshop)))


def test_leaving_the_waitlist(member, member_client, django_capture_on_commit_callbacks):
    workshop = WorkshopFactory(capacity=0)
    register(workshop, member, RegistrationStatus.WAITLISTED)

    response = post(member_client, workshop, "cancelar", django_capture_on_commit_callbacks)

    assert messages_of(response) == ["You have left the waitlist."]
    assert Registration.objects.get(user=member).status == RegistrationStatus.CANCELLED


def test_registering_twice_says_so(member, member_client, django_capture_on_commit_callbacks):
    workshop = WorkshopFactory()
    post(member_client, workshop, "inscribirme", django_capture_on_commit_callbacks)

    response = post(member_client, workshop, "inscribirme", django_capture_on_commit_callbacks)

    assert messages_of(response) == ["You are already registered for this workshop."]
    assert Registration.objects.filter(workshop=workshop).count() == 1


def test_register_again_after_cancelling(member, member_client, django_capture_on_commit_callbacks):
    workshop = WorkshopFactory()
    post(member_client, workshop, "inscribirme", django_capture_on_commit_callbacks)
    post(member_client, workshop, "cancelar", django_capture_on_commit_callbacks)

    response = post(member_client, workshop, "inscribirme", django_capture_on_commit_callbacks)

    assert messages_of(response)[0].startswith("Your seat is confirmed.")
    assert Registration.objects.get(user=member).status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize(
    ("workshop_kwargs", "message"),
    [
        (
            {"registration_deadline": timezone.now() - timedelta(minutes=5)},
            "The registration deadline has passed.",
        ),
        ({"status": WorkshopStatus.CLOSED}, "Registration for this workshop is not open."),
        ({"status": WorkshopStatus.CANCELLED}, "This workshop has been cancelled."),
    ],
)
def test_refused_registrations_say_why(
    member, member_client, django_capture_on_commit_callbacks, workshop_kwargs, message
):
    workshop = WorkshopFactory(**workshop_kwargs)

    response = post(member_client, workshop, "inscribirme", django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert messages_of(response) == [message]
    assert not Registration.objects.filter(workshop=workshop).exists()
    assert mail.outbox == []


def test_anonymous_register_goes_to_login_and_back(anon_client):
    workshop = WorkshopFactory()

    response = anon_client.post(f"/en/talleres/{workshop.slug}/inscribirme/")

    assert response.status_code == 302
    assert response["Location"] == (f"/en/cuentas/login/?next=/en/talleres/{workshop.slug}/")
    assert not Registration.objects.exists()


def test_roleless_user_cannot_register_or_cancel(roleless_user):
    client = Client()
    client.force_login(roleless_user)
    workshop = WorkshopFactory()

    assert client.post(f"/talleres/{workshop.slug}/inscribirme/").status_code == 403
    assert client.post(f"/talleres/{workshop.slug}/cancelar/").status_code == 403
    assert not Registration.objects.exists()


def test_register_and_cancel_need_post(member_client):
    workshop = WorkshopFactory()

    assert member_client.get(f"/talleres/{workshop.slug}/inscribirme/").status_code == 405
    assert member_client.get(f"/talleres/{workshop.slug}/cancelar/").status_code == 405
    assert not Registration.objects.exists()


def test_register_needs_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    workshop = WorkshopFactory()

    assert client.post(f"/talleres/{workshop.slug}/inscribirme/").status_code == 403
    assert not Registration.objects.exists()


def test_cancel_acts_only_on_the_viewers_own_registration(
    member, other_member, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory()
    mine = register(workshop, member)
    other_client = Client()
    other_client.force_login(other_member)

    response = post(other_client, workshop, "cancelar", django_capture_on_commit_callbacks)

    assert messages_of(response) == ["You are not registered for this workshop."]
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CONFIRMED


def test_cancelling_after_the_workshop_is_refused(member, member_client):
    workshop = past_workshop()
    register(workshop, member)

    response = member_client.post(f"/en/talleres/{workshop.slug}/cancelar/", follow=True)

    assert messages_of(response) == ["The workshop is over: the registration can no longer change."]
    assert Registration.objects.get(user=member).status == RegistrationStatus.CONFIRMED


def test_facilitator_can_register_and_sees_the_link_without_registering(
    facilitator_client, django_capture_on_commit_callbacks
):
    workshop = hybrid_workshop()

    page = facilitator_client.get(detail(workshop))
    assert MEETING_URL in page.content.decode()
    response = post(facilitator_client, workshop, "inscribirme", django_capture_on_commit_callbacks)
    assert messages_of(response)[0].startswith("Your seat is confirmed.")


# ---- My workshops


def test_my_workshops_lists_my_registrations(member, member_client):
    confirmed = WorkshopFactory(title="Confirmado", starts_at=timezone.now() + timedelta(days=2))
    waiting = WorkshopFactory(title="En espera", capacity=1)
    fill(waiting, 1)
    register(waiting, MemberFactory(), RegistrationStatus.WAITLISTED)
    register(confirmed, member)
    register(waiting, member, RegistrationStatus.WAITLISTED)
    cancelled = WorkshopFactory(title="Cancelé")
    register(cancelled, member, RegistrationStatus.CANCELLED)
    attended = past_workshop(title="Ya fue")
    register(attended, member, attended=True)
    WorkshopFactory(title="De otra persona")

    response = member_client.get("/en/mis-talleres/")

    assert response.status_code == 200
    page = soup(response)
    upcoming = page.select_one("#upcoming-title").find_parent("section")
    rows = upcoming.select(".my-workshop")
    assert [row.h3.text.strip() for row in rows] == ["Confirmado", "En espera"]
    assert "Confirmed" in rows[0].text
    assert "On the waitlist (number 2)" in rows[1].text
    past = page.select_one("#past-title").find_parent("section")
    assert [row.h3.text.strip() for row in past.select(".my-workshop")] == ["Ya fue"]
    assert "Attended" in past.text
    assert "Cancelé" not in page.text and "De otra persona" not in page.text


def test_my_workshops_shows_my_secret_calendar_address(member, member_client, site_url):
    response = member_client.get("/mis-talleres/")

    token = member.calendar_feed.token
    page = soup(response)
    assert page.select_one("#personal-feed-url")["value"] == (
        f"https://comunidad.example.pe/talleres/mi-calendario/{token}.ics"
    )
    assert page.select_one('a[href^="webcal://"]')["href"] == (
        f"webcal://comunidad.example.pe/talleres/mi-calendario/{token}.ics"
    )
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_regenerating_the_token_invalidates_the_old_address(member, member_client):
    member_client.get("/mis-talleres/")
    old = member.calendar_feed.token
    assert member_client.get(f"/talleres/mi-calendario/{old}.ics").status_code == 200

    response = member_client.post("/en/mis-talleres/calendario/regenerar/", follow=True)

    member.calendar_feed.refresh_from_db()
    new = member.calendar_feed.token
    assert new != old
    assert "Your calendar has a new secret address." in messages_of(response)[0]
    assert new in response.content.decode() and old not in response.content.decode()
    assert member_client.get(f"/talleres/mi-calendario/{old}.ics").status_code == 404
    assert Client().get(f"/talleres/mi-calendario/{new}.ics").status_code == 200


def test_regenerate_needs_post(member_client):
    assert member_client.get("/mis-talleres/calendario/regenerar/").status_code == 405


def test_my_workshops_permissions(anon_client, roleless_user):
    response = anon_client.get("/mis-talleres/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cuentas/login/?next=/mis-talleres/")
    assert anon_client.post("/mis-talleres/calendario/regenerar/").status_code == 302

    client = Client()
    client.force_login(roleless_user)
    assert client.get("/mis-talleres/").status_code == 403
    assert client.post("/mis-talleres/calendario/regenerar/").status_code == 403


def test_dashboard_links_to_my_workshops(member_client):
    page = soup(member_client.get("/en/miembros/"))

    assert page.select_one('a[href="/en/mis-talleres/"]').text == "My workshops"


def test_dashboard_of_roleless_user_has_no_my_workshops_link():
    client = Client()
    client.force_login(UserFactory())

    assert 'href="/mis-talleres/"' not in client.get("/miembros/").content.decode()


# ---- composed into other pages


def test_theme_page_shows_its_upcoming_workshops(anon_client):
    water = ThemeFactory(slug="recursos-hidricos", order=3)
    on_theme = WorkshopFactory(title="Taller del agua")
    on_theme.themes.set([water])
    on_theme.save()
    members_only = WorkshopFactory(title="Reservado", visibility=Visibility.MEMBERS)
    members_only.themes.set([water])
    members_only.save()
    WorkshopFactory(title="Otro tema")

    page = soup(anon_client.get("/en/temas/recursos-hidricos/"))

    section = page.select_one("#upcoming-workshops-title").find_parent("section")
    assert [a.text for a in section.select(".card-title a")] == ["Taller del agua"]
    assert section.select_one(".more-link")["href"] == "/en/talleres/?tema=recursos-hidricos"


def test_theme_page_without_workshops_says_so(anon_client):
    ThemeFactory(slug="gestion-ambiental")

    page = soup(anon_client.get("/en/temas/gestion-ambiental/"))

    section = page.select_one("#upcoming-workshops-title").find_parent("section")
    assert "No workshop on this theme is planned at the moment." in section.text
