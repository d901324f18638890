"""The contact page (/contacto/): how to reach the facilitation team, and a contact form
that goes through the outbox to the address set in the admin, with a honeypot, a rate
limit and errors that keep what the person wrote."""

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Site

from members.models import Notification
from resources.contact import ContactPage, ContactSettings
from resources.page_content import contact_details
from tests.factories import FacilitatorFactory

from .page_helpers import add_page, soup, spanish_home

pytestmark = pytest.mark.django_db

URL = "/contacto/"
THANKS = "/contacto/gracias/"
TEAM = "equipo@comunidad.example"
MESSAGE = {
    "name": "Rosa Quispe Mamani",
    "email": "rosa@ejemplo.org.pe",
    "institution": "Junta de Usuarios de Ilo",
    "message": "Quisiera saber cuándo es el próximo taller sobre el agua.",
}


@pytest.fixture
def contact(settings):
    settings.MODERATION_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "Comunidad <no-reply@comunidad.example>"
    return add_page(spanish_home(), ContactPage(title="Contacto", slug="contacto", body=[]))


def set_address(address: str) -> None:
    setting = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    setting.email = address
    setting.save()


def test_the_seeded_contact_page_says_how_to_reach_the_team_in_both_languages(
    anon_client, settings
):
    settings.MODERATION_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "Comunidad <no-reply@comunidad.example>"
    call_command("seed_core_group", verbosity=0)
    set_address(TEAM)

    spanish = soup(anon_client.get(URL))
    english = soup(anon_client.get("/en" + URL))

    assert spanish.select_one("h1").text.strip() == "Contacto"
    assert "El equipo de facilitación" in spanish.text
    assert "aún no se ha publicado" not in spanish.text
    assert spanish.select_one(".contact-details a")["href"] == f"mailto:{TEAM}"
    assert spanish.select_one("form.contact-form button").text.strip() == "Enviar el mensaje"
    assert english.select_one("h1").text.strip() == "Contact"
    assert "The facilitation team" in english.text
    assert english.select_one("form.contact-form button").text.strip() == "Send the message"


def test_a_visitor_sends_a_message_that_reaches_the_configured_address(
    anon_client, contact, django_capture_on_commit_callbacks
):
    set_address(TEAM)

    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(URL, MESSAGE)

    assert response.status_code == 302
    assert response["Location"] == THANKS
    notification = Notification.objects.get(kind="contact_message")
    assert notification.email == TEAM
    sent = [message for message in mail.outbox if TEAM in message.to]
    assert len(sent) == 1
    assert sent[0].subject == "Mensaje del formulario de contacto: Rosa Quispe Mamani"
    assert "Rosa Quispe Mamani <rosa@ejemplo.org.pe> escribió" in sent[0].body
    assert "Junta de Usuarios de Ilo" in sent[0].body
    assert MESSAGE["message"] in sent[0].body
    assert "Para responder, escriba a rosa@ejemplo.org.pe." in sent[0].body
    # "Reply" in the team's mail program answers the visitor, not the portal.
    assert sent[0].reply_to == ["rosa@ejemplo.org.pe"]

    thanks = soup(anon_client.get(THANKS))
    assert thanks.select_one("h1").text.strip() == "Gracias por su mensaje"
    assert thanks.select("form.contact-form") == []


def test_without_an_address_the_message_goes_to_every_facilitator(
    anon_client, contact, django_capture_on_commit_callbacks
):
    FacilitatorFactory(email="lucia@comunidad.example")
    FacilitatorFactory(email="jorge@comunidad.example")

    with django_capture_on_commit_callbacks(execute=True):
        anon_client.post(URL, MESSAGE)

    sent_to = sorted(address for message in mail.outbox for address in message.to)
    assert sent_to == ["jorge@comunidad.example", "lucia@comunidad.example"]


def test_the_page_shows_the_configured_address(anon_client, contact, settings):
    settings.MODERATION_EMAIL = "moderacion@comunidad.example"
    assert soup(anon_client.get(URL)).select_one(".contact-details a") is None  # no block

    page = add_page(
        spanish_home(),
        ContactPage(title="Escríbanos", slug="escribanos", body=[contact_details()]),
    )
    set_address(TEAM)

    details = soup(anon_client.get(page.url)).select_one(".contact-details")
    assert details.select_one("a")["href"] == f"mailto:{TEAM}"


def test_a_robot_filling_the_honeypot_gets_the_thanks_page_and_nothing_is_sent(
    anon_client, contact
):
    set_address(TEAM)

    response = anon_client.post(URL, {**MESSAGE, "fax_number": "555-1234"})

    assert response["Location"] == THANKS
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_mistakes_are_explained_in_spanish_and_nothing_is_lost(anon_client, contact):
    set_address(TEAM)

    response = anon_client.post(URL, {**MESSAGE, "email": "rosa@", "name": ""})

    assert response.status_code == 400
    page = soup(response)
    summary = page.select_one(".error-summary").text
    assert "Indíquenos su nombre." in summary
    assert "Escriba un correo electrónico completo, como nombre@ejemplo.org." in summary
    assert page.select_one("textarea[name=message]").text.strip() == MESSAGE["message"]
    assert page.select_one("input[name=institution]")["value"] == MESSAGE["institution"]
    assert page.select_one("input[name=email]")["value"] == "rosa@"
    assert not Notification.objects.exists()


def test_a_message_too_long_says_by_how_much(anon_client, contact):
    response = anon_client.post(URL, {**MESSAGE, "message": "a" * 4010})

    assert "Su mensaje tiene 4010 caracteres; el límite es 4000." in soup(response).text


def test_the_rate_limit_keeps_the_message_and_sends_nothing_more(anon_client, contact):
    set_address(TEAM)
    for _ in range(5):
        assert anon_client.post(URL, MESSAGE).status_code == 302

    response = anon_client.post(URL, {**MESSAGE, "message": "Un sexto mensaje."})

    assert response.status_code == 429
    page = soup(response)
    assert "espere una hora y envíelo de nuevo: su mensaje sigue aquí." in page.text
    assert page.select_one("textarea[name=message]").text.strip() == "Un sexto mensaje."
    assert Notification.objects.filter(kind="contact_message").count() == 5


def test_mistakes_do_not_count_towards_the_limit(anon_client, contact):
    set_address(TEAM)
    for _ in range(6):
        anon_client.post(URL, {**MESSAGE, "message": ""})

    assert anon_client.post(URL, MESSAGE).status_code == 302


def test_facilitators_set_the_address_in_the_admin_and_members_cannot(
    facilitator_client, member_client, contact
):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/resources/contactsettings/{site.pk}/"

    assert member_client.get(url).status_code in (302, 403)
    response = facilitator_client.get(url)
    assert response.status_code == 200
    assert "dirección del formulario de contacto" in response.content.decode().lower()

    facilitator_client.post(url, {"email": "nueva@comunidad.example"})

    assert ContactSettings.for_site(site).email == "nueva@comunidad.example"


def test_without_any_address_the_page_points_to_its_form_never_says_unpublished(
    anon_client, settings
):
    settings.MODERATION_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "Comunidad <no-reply@comunidad.example>"
    page = add_page(
        spanish_home(),
        ContactPage(title="Contacto", slug="contacto", body=[contact_details()]),
    )

    details = soup(anon_client.get(page.url)).select_one(".contact-details")

    assert "no se ha publicado" not in details.text
    assert details.select_one("a")["href"] == "#contact-form-title"
    assert "formulario de esta página" in details.text


def test_the_seed_says_when_an_earlier_contact_page_is_a_standard_page(settings):
    from resources import page_seed
    from resources.pages import StandardPage

    add_page(
        spanish_home(),
        StandardPage(
            title="Contacto", slug="contacto", translation_key=page_seed.translation_key("contact")
        ),
    )

    lines = page_seed.seed_pages()

    assert any("contacto: a StandardPage from an earlier seed" in line for line in lines)
    assert not ContactPage.objects.exists()
