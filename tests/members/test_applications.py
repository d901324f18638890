"""The open call: the public form at /unete/, and the facilitators' review in the admin."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from members import roles
from members.models import Institution, Invitation, MembershipApplication, Notification, Sector
from tests.factories import (
    FacilitatorFactory,
    InstitutionFactory,
    MemberFactory,
    MembershipApplicationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

APPLY_URL = "/unete/"
APPLY_URL_EN = "/en/unete/"
Status = MembershipApplication.Status


def form_data(**overrides):
    data = {
        "full_name": "Rosa Quispe Mamani",
        "email": "rosa.quispe@example.org",
        "position": "Coordinadora de proyectos",
        "institution": "",
        "new_institution_name": "Asociación de Usuarios del Agua de Ilo",
        "new_institution_short_name": "AUA Ilo",
        "new_institution_website": "https://aua-ilo.example.org",
        "sector": Sector.CIVIL_SOCIETY,
        "motivation": "Queremos compartir cómo gestionamos el agua de riego con la empresa minera.",
        "consent": "on",
        "fax_number": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def administrator(db):
    return MemberFactory(role="administrator")


def english_admin(user):
    """Show the Wagtail admin in English to `user` (assertions on English msgids)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


# ---- The public form


@pytest.mark.parametrize("who", ["anonymous", "roleless", "member", "facilitator"])
def test_everyone_can_open_the_form(who):
    client = Client()
    if who != "anonymous":
        factory = {"roleless": UserFactory, "member": MemberFactory}.get(who, FacilitatorFactory)
        client.force_login(factory())
    response = client.get(APPLY_URL_EN)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Join the Community" in content
    assert 'name="csrfmiddlewaretoken"' in content
    # The honeypot is there, labelled for the few people who might see it, hidden by a class.
    assert "Leave this field empty" in content
    assert 'class="hp-field"' in content
    assert "style=" not in content.split("<main", 1)[1]


def test_the_form_lists_existing_institutions():
    InstitutionFactory(name="Colegio de Economistas de Moquegua")
    response = Client().get(APPLY_URL)
    assert "Colegio de Economistas de Moquegua" in response.content.decode()


def test_thanks_page():
    response = Client().get("/en/unete/gracias/")
    assert response.status_code == 200
    assert "Thank you for your application" in response.content.decode()


def test_submit_with_a_new_institution(django_capture_on_commit_callbacks):
    facilitator = FacilitatorFactory(email="facilitadora@example.org")
    english_facilitator = FacilitatorFactory(
        email="facilitator.en@example.org", preferred_language="en"
    )
    administrator = MemberFactory(role="administrator", email="admin@example.org")
    member = MemberFactory(email="member@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(APPLY_URL, form_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("members:apply_thanks")
    application = MembershipApplication.objects.get()
    assert application.full_name == "Rosa Quispe Mamani"
    assert application.email == "rosa.quispe@example.org"
    assert application.institution is None
    assert application.new_institution_name == "Asociación de Usuarios del Agua de Ilo"
    assert application.new_institution_short_name == "AUA Ilo"
    assert application.sector == Sector.CIVIL_SOCIETY
    assert application.status == Status.PENDING
    assert application.language == "es"
    # Nothing is created before a facilitator accepts.
    assert not Institution.objects.filter(name__icontains="Usuarios del Agua").exists()

    by_recipient = {message.to[0]: message for message in mail.outbox}
    confirmation = by_recipient["rosa.quispe@example.org"]
    assert "Rosa Quispe Mamani" in confirmation.body
    assert "Asociación de Usuarios del Agua de Ilo" in confirmation.body
    # Every facilitator and administrator hears of it, in their language; members do not.
    for reviewer in (facilitator, english_facilitator, administrator):
        message = by_recipient[reviewer.email]
        assert "Rosa Quispe Mamani" in message.subject
        assert f"/admin/applications/inspect/{application.pk}/" in message.body
    assert member.email not in by_recipient
    assert "New membership application" in by_recipient["facilitator.en@example.org"].subject
    assert "Civil society organisations" in by_recipient["facilitator.en@example.org"].body
    assert Notification.objects.filter(recipient=facilitator, kind="application_new").exists()


def test_confirmation_in_the_language_of_the_form(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(APPLY_URL_EN, form_data())
    assert response["Location"] == "/en/unete/gracias/"
    application = MembershipApplication.objects.get()
    assert application.language == "en"
    (confirmation,) = [m for m in mail.outbox if m.to == ["rosa.quispe@example.org"]]
    assert "We received your application" in confirmation.subject


def test_submit_with_an_existing_institution_takes_its_sector(django_capture_on_commit_callbacks):
    institution = InstitutionFactory(name="Moquegua Crece", sector=Sector.ACADEMIA)
    data = form_data(
        institution=institution.pk,
        new_institution_name="",
        new_institution_short_name="",
        new_institution_website="",
        sector="",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(APPLY_URL, data)
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.institution == institution
    assert application.sector == Sector.ACADEMIA
    assert application.new_institution_name == ""
    assert [m.to for m in mail.outbox] == [["rosa.quispe@example.org"]]


def test_an_email_with_an_account_is_not_revealed_publicly(django_capture_on_commit_callbacks):
    """No account enumeration: the applicant sees the usual thanks; reviewers are told."""
    FacilitatorFactory(email="facilitator@example.org", preferred_language="en")
    MemberFactory(email="ya.miembro@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(APPLY_URL_EN, form_data(email="Ya.Miembro@example.org"))
    assert response.status_code == 302
    assert response["Location"] == "/en/unete/gracias/"
    assert MembershipApplication.objects.get().email == "ya.miembro@example.org"
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "already has an account" not in by_recipient["ya.miembro@example.org"].body
    assert "already has an account" in by_recipient["facilitator@example.org"].body


def test_moderation_address_is_told_too(settings, django_capture_on_commit_callbacks):
    settings.MODERATION_EMAIL = "moderacion@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(APPLY_URL, form_data())
    (message,) = [m for m in mail.outbox if m.to == ["moderacion@example.org"]]
    assert "Rosa Quispe Mamani" in message.subject


def test_honeypot_stores_nothing_and_says_thanks(django_capture_on_commit_callbacks):
    FacilitatorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(APPLY_URL, form_data(fax_number="+51 53 000000"))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:apply_thanks")
    assert not MembershipApplication.objects.exists()
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_address(django_capture_on_commit_callbacks):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(5):
        response = client.post(APPLY_URL, form_data(email=f"persona{number}@example.org"))
        assert response.status_code == 302
    response = client.post(APPLY_URL_EN, form_data(email="sexta@example.org"))
    assert response.status_code == 429
    assert "Too many applications" in response.content.decode()
    assert MembershipApplication.objects.count() == 5
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert other.post(APPLY_URL, form_data(email="otra@example.org")).status_code == 302


def test_invalid_submissions_do_not_count_towards_the_limit():
    client = Client(REMOTE_ADDR="203.0.113.8")
    for _ in range(6):
        assert client.post(APPLY_URL, form_data(consent="")).status_code == 200
    assert client.post(APPLY_URL, form_data()).status_code == 302


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"institution": "EXISTING"},
            "Choose an existing institution or enter a new one, not both.",
        ),
        (
            {"new_institution_name": "", "new_institution_short_name": ""},
            "Choose your institution from the list, or enter the name of a new institution",
        ),
        (
            {"new_institution_name": "  propuesta CIUDADANA "},
            "“Propuesta Ciudadana” already takes part in the Community: please choose it",
        ),
        ({"sector": ""}, "Please choose the sector of the new institution."),
        ({"full_name": "R" * 151}, "Ensure this value has at most 150 characters (it has 151)."),
        (
            {"motivation": "m" * 3001},
            "Ensure this value has at most 3000 characters (it has 3001).",
        ),
        (
            {"new_institution_name": "A" * 201},
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        ({"email": "rosa.quispe@"}, "Enter a valid email address."),
        ({"new_institution_website": "no es una web"}, "Enter a valid URL."),
        ({"full_name": ""}, "This field is required."),
        ({"consent": ""}, "We can only review your application with your consent."),
    ],
)
def test_invalid_applications_show_a_message_and_store_nothing(overrides, message):
    existing = InstitutionFactory(name="Propuesta Ciudadana")
    FacilitatorFactory()
    if overrides.get("institution") == "EXISTING":
        overrides["institution"] = existing.pk
    institutions = Institution.objects.count()
    response = Client().post(APPLY_URL_EN, form_data(**overrides))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Please correct the following:" in content
    assert message in content
    assert not MembershipApplication.objects.exists()
    assert not Notification.objects.exists()
    assert Institution.objects.count() == institutions


# ---- Reviewing in the Wagtail admin


def admin_url(name, application=None):
    args = [application.pk] if application is not None else []
    return reverse(f"membership_applications:{name}", args=args)


@pytest.fixture
def reviewer_client(facilitator):
    english_admin(facilitator)
    client = Client()
    client.force_login(facilitator)
    return client


def test_listing_shows_pending_first_with_filters(reviewer_client, facilitator):
    declined = MembershipApplicationFactory(full_name="Ana Declinada", status=Status.DECLINED)
    pending = MembershipApplicationFactory(full_name="Pedro Pendiente")
    accepted = MembershipApplicationFactory(full_name="Lucía Aceptada", status=Status.ACCEPTED)
    MemberFactory(email=pending.email)

    response = reviewer_client.get(admin_url("index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Pedro Pendiente") < content.index("Lucía Aceptada")
    assert content.index("Pedro Pendiente") < content.index("Ana Declinada")
    assert "Already has an account" in content

    response = reviewer_client.get(admin_url("index"), {"status": Status.DECLINED})
    content = response.content.decode()
    assert "Ana Declinada" in content
    assert "Pedro Pendiente" not in content

    academia = MembershipApplicationFactory(full_name="Julio Académico", sector=Sector.ACADEMIA)
    response = reviewer_client.get(admin_url("index"), {"sector": Sector.ACADEMIA})
    content = response.content.decode()
    assert academia.full_name in content
    assert accepted.full_name not in content
    assert declined.full_name not in content


def test_listing_and_detail_query_budgets(reviewer_client, django_assert_max_num_queries):
    MembershipApplicationFactory.create_batch(20)
    application = MembershipApplicationFactory(
        institution=InstitutionFactory(), status=Status.DECLINED
    )
    with django_assert_max_num_queries(15):
        assert reviewer_client.get(admin_url("index")).status_code == 200
    with django_assert_max_num_queries(12):
        assert reviewer_client.get(admin_url("inspect", application)).status_code == 200


def test_inspect_page_shows_the_application_and_the_account_warning(reviewer_client):
    application = MembershipApplicationFactory(full_name="Juan Mamani")
    MemberFactory(email=application.email)
    response = reviewer_client.get(admin_url("inspect", application))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Juan Mamani" in content
    assert application.new_institution_name in content
    assert "(new institution)" in content
    assert application.motivation in content
    assert "already has an account on the portal" in content
    assert admin_url("accept", application) in content
    assert admin_url("decline", application) in content


def test_accept_asks_for_confirmation_with_csrf(reviewer_client, facilitator):
    application = MembershipApplicationFactory()
    response = reviewer_client.get(admin_url("accept", application))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in content
    assert "will be created" in content
    assert application.new_institution_name in content
    assert MembershipApplication.objects.get().status == Status.PENDING

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(facilitator)
    response = csrf_client.post(admin_url("accept", application), {"note": ""})
    assert response.status_code == 403
    assert MembershipApplication.objects.get().status == Status.PENDING


def test_accept_with_a_new_institution(
    reviewer_client, facilitator, django_capture_on_commit_callbacks
):
    application = MembershipApplicationFactory(
        full_name="Juan Mamani",
        email="juan.mamani@example.org",
        position="Presidente",
        new_institution_name="Junta de Usuarios de Riego de Ilo",
        new_institution_short_name="JUR Ilo",
        new_institution_website="https://jur-ilo.example.org",
        sector=Sector.CITIZENS,
        language="es",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            admin_url("accept", application),
            {"note": "Bienvenidos a la Comunidad; les esperamos en el próximo taller."},
            follow=True,
        )
    assert response.status_code == 200
    assert "Application accepted: juan.mamani@example.org has been invited" in (
        response.content.decode()
    )

    institution = Institution.objects.get(name="Junta de Usuarios de Riego de Ilo")
    assert institution.short_name == "JUR Ilo"
    assert institution.website == "https://jur-ilo.example.org"
    assert institution.sector == Sector.CITIZENS
    assert not institution.is_core_group

    invitation = Invitation.objects.get()
    assert invitation.email == "juan.mamani@example.org"
    assert invitation.institution == institution
    assert invitation.invited_by == facilitator
    assert invitation.full_name == "Juan Mamani"
    assert invitation.position == "Presidente"
    assert invitation.role == "member"

    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert application.reviewed_by == facilitator
    assert application.reviewed_at is not None
    assert application.institution == institution
    assert application.invitation == invitation

    (message,) = [m for m in mail.outbox if m.to == ["juan.mamani@example.org"]]
    assert invitation.token in message.body
    assert "les esperamos en el próximo taller" in message.body


def test_accept_with_an_existing_institution(reviewer_client, django_capture_on_commit_callbacks):
    institution = InstitutionFactory(name="Cámara de Comercio e Industria de Moquegua")
    application = MembershipApplicationFactory(
        institution=institution, new_institution_name="", language="en"
    )
    institutions = Institution.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(admin_url("accept", application), {"note": ""})
    assert Institution.objects.count() == institutions
    invitation = Invitation.objects.get()
    assert invitation.institution == institution
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    (message,) = [m for m in mail.outbox if m.to == [application.email]]
    # In the applicant's language, with a default word of welcome.
    assert "Cámara de Comercio e Industria de Moquegua" in message.body
    assert "Thank you for applying to join the Community of Learning" in message.body


def test_accept_twice_does_nothing_the_second_time(
    reviewer_client, django_capture_on_commit_callbacks
):
    application = MembershipApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(admin_url("accept", application), {"note": ""})
    sent = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(admin_url("accept", application), {"note": ""}, follow=True)
    assert "This application has already been accepted; nothing was changed." in (
        response.content.decode()
    )
    assert Invitation.objects.count() == 1
    assert Institution.objects.filter(name=application.new_institution_name).count() == 1
    assert len(mail.outbox) == sent

    # Opening the confirmation page again says so too, and offers nothing to click.
    response = reviewer_client.get(admin_url("accept", application), follow=True)
    assert "already been accepted" in response.content.decode()
    response = reviewer_client.get(admin_url("inspect", application))
    assert admin_url("accept", application) not in response.content.decode()


def test_decline_after_accept_does_nothing(reviewer_client):
    application = MembershipApplicationFactory(status=Status.ACCEPTED)
    response = reviewer_client.post(admin_url("decline", application), {"note": ""}, follow=True)
    assert "This application has already been accepted; nothing was changed." in (
        response.content.decode()
    )
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert not Notification.objects.exists()


def test_accept_refused_when_the_email_has_an_account(reviewer_client):
    application = MembershipApplicationFactory()
    MemberFactory(email=application.email)
    response = reviewer_client.post(admin_url("accept", application), {"note": ""}, follow=True)
    assert "already has an account, so no invitation can be sent" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.PENDING
    assert not Invitation.objects.exists()
    assert not Institution.objects.filter(name=application.new_institution_name).exists()


def test_decline_sends_a_polite_email(
    reviewer_client, facilitator, django_capture_on_commit_callbacks
):
    application = MembershipApplicationFactory(
        full_name="Carmen Flores", email="carmen@example.org", language="en"
    )
    response = reviewer_client.get(admin_url("decline", application))
    assert response.status_code == 200
    assert "polite e-mail" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            admin_url("decline", application),
            {"note": "Your organisation works outside the Moquegua region."},
            follow=True,
        )
    assert "Application declined; carmen@example.org has been told by e-mail." in (
        response.content.decode()
    )
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    assert application.reviewed_by == facilitator
    assert application.decision_note == "Your organisation works outside the Moquegua region."
    assert not Invitation.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["carmen@example.org"]
    assert "Hello Carmen Flores" in message.body
    assert "Thank you for your interest" in message.body
    assert "outside the Moquegua region" in message.body
    assert "welcome to apply again" in message.body

    content = reviewer_client.get(admin_url("inspect", application)).content.decode()
    assert "Declined" in content
    assert facilitator.full_name in content
    assert admin_url("accept", application) not in content


def test_note_too_long_is_refused(reviewer_client):
    application = MembershipApplicationFactory()
    response = reviewer_client.post(admin_url("decline", application), {"note": "n" * 2001})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.PENDING


def test_home_panel_counts_pending_applications(reviewer_client):
    MembershipApplicationFactory.create_batch(2)
    MembershipApplicationFactory(status=Status.DECLINED)
    response = reviewer_client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert "2 membership applications are waiting for review." in content
    assert admin_url("index") + "?status=pending" in content


def test_community_menu_groups_the_viewsets(reviewer_client):
    response = reviewer_client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert "Community" in content
    for url in (admin_url("index"), reverse("institutions:index"), reverse("invitations:index")):
        assert url in content


# ---- Permissions on every URL


def _application_urls(application):
    return [
        admin_url("index"),
        admin_url("index_results"),
        admin_url("inspect", application),
        admin_url("accept", application),
        admin_url("decline", application),
        admin_url("history", application),
    ]


@pytest.mark.parametrize("who", ["anonymous", "roleless", "member"])
def test_people_who_are_not_facilitators_cannot_review(who):
    application = MembershipApplicationFactory()
    client = Client()
    if who != "anonymous":
        client.force_login(UserFactory() if who == "roleless" else MemberFactory())
    for url in _application_urls(application):
        response = client.get(url)
        # Sent to log in: the admin is for facilitators and administrators only.
        assert response.status_code == 302, url
        assert response["Location"].startswith("/cuentas/login/"), url
    for name in ("accept", "decline"):
        response = client.post(admin_url(name, application), {"note": ""})
        assert response.status_code == 302
        assert response["Location"].startswith("/cuentas/login/")
    application.refresh_from_db()
    assert application.status == Status.PENDING
    assert not Invitation.objects.exists()


def test_facilitators_can_review(reviewer_client):
    application = MembershipApplicationFactory()
    for url in _application_urls(application):
        assert reviewer_client.get(url).status_code == 200, url


def test_applications_are_not_created_or_edited_in_the_admin(reviewer_client, administrator):
    application = MembershipApplicationFactory()
    assert reviewer_client.get(f"/admin/applications/edit/{application.pk}/").status_code == 404
    assert reviewer_client.get("/admin/applications/new/").status_code == 404
    # Only administrators may delete (spam); facilitators are turned away.
    response = reviewer_client.get(admin_url("delete", application))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    reviewer_client.post(admin_url("delete", application))
    assert MembershipApplication.objects.filter(pk=application.pk).exists()
    client = Client()
    client.force_login(administrator)
    assert client.get(admin_url("delete", application)).status_code == 200
    assert roles.is_administrator(administrator)
