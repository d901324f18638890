"""Joining the Community in a real browser, from the first click to "Mi espacio".

A facilitator invites a person from the Wagtail admin; the person reads the e-mail, follows
its link, creates the account and logs in again with the new password. A facilitator's
invitation ends with two-step verification set up and the admin reached. An applicant fills
in the open call ("Únete"), a facilitator accepts the application in the admin and the
applicant joins through the invitation e-mail.
"""

import base64
import re

from playwright.sync_api import expect

from members.models import Invitation, MembershipApplication, User
from tests.e2e import journeys
from tests.factories import (
    FacilitatorFactory,
    InstitutionFactory,
    MemberFactory,
    MembershipApplicationFactory,
)

NEW_PASSWORD = "Chen-Chen-Moquegua-2026"


def test_totp_code_matches_the_rfc_6238_test_vector():
    # RFC 6238, appendix B: secret "12345678901234567890", T = 59 s -> 94287082 (8 digits).
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert journeys.totp_code(secret, at=59) == "287082"


def _invite_in_the_admin(page, live_url, *, email, full_name, institution, role=None):
    """The facilitator, logged in, opens the admin and sends an invitation."""
    page.goto(f"{live_url}/admin/")
    page.get_by_role("button", name="Comunidad").click()
    page.get_by_role("link", name="Invitaciones").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Invitaciones")
    page.get_by_role("link", name=re.compile(r"^Añadir")).first.click()
    form = page.locator("form[method=post]").filter(has=page.locator("input[name=email]"))
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=full_name]").fill(full_name)
    form.locator("select[name=institution]").select_option(label=institution)
    if role:
        form.locator("select[name=role]").select_option(label=role)
    journeys.screenshot(page, "admin-invitation-add")
    page.get_by_role("button", name="Crear", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(f"Invitación enviada a {email}")
    journeys.screenshot(page, "admin-invitation-sent")


def _accept_invitation(page, live_url, *, email, password=NEW_PASSWORD, with_a_typo=False):
    message = journeys.wait_for_mail(email, subject=re.compile("invitación|Invitación|invita"))
    journeys.follow_link(page, message, containing="/miembros/invitacion/", live_url=live_url)
    _accept_invitation_form(page, email=email, password=password, with_a_typo=with_a_typo)


def _accept_invitation_form(page, *, email, password=NEW_PASSWORD, with_a_typo=False):
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Bienvenido/a a la Comunidad")
    expect(main).to_contain_text(email)
    journeys.screenshot(page, "invitation-accept")
    form = main.locator("form.account-form")
    if with_a_typo:
        journeys.field(form, "Contraseña").fill(password)
        journeys.field(form, "Contraseña (otra vez)").fill(password + "x")
        form.get_by_role("button", name="Crear mi cuenta").click()
        expect(page.get_by_role("main")).to_contain_text("Las dos contraseñas no coinciden.")
        journeys.screenshot(page, "invitation-accept-typo")
        form = page.get_by_role("main").locator("form.account-form")
    journeys.field(form, "Contraseña").fill(password)
    journeys.field(form, "Contraseña (otra vez)").fill(password)
    form.get_by_role("button", name="Crear mi cuenta").click()
    expect(page).to_have_url(re.compile(r"/miembros/$"))
    expect(page.get_by_role("main")).to_contain_text("Bienvenido/a a la Comunidad")
    journeys.screenshot(page, "my-space-welcome")


def test_an_invited_person_joins_from_the_admin_invitation_and_logs_in_again(
    page, live_url, browser
):
    institution = InstitutionFactory(name="Junta de Usuarios de Riego de Moquegua")
    facilitator = FacilitatorFactory(email="facilitadora@example.org", full_name="Elsa Ramos")
    admin_context = journeys.new_context(browser)
    try:
        admin_page = admin_context.new_page()
        journeys.log_in(admin_page, live_url, facilitator.email)
        _invite_in_the_admin(
            admin_page,
            live_url,
            email="luis.condori@example.org",
            full_name="Luis Condori",
            institution=institution.name,
        )
    finally:
        admin_context.close()

    _accept_invitation(page, live_url, email="luis.condori@example.org", with_a_typo=True)
    expect(page.get_by_role("main")).to_contain_text("Luis")
    expect(page.get_by_role("main")).to_contain_text(institution.name)

    journeys.log_out(page)
    expect(page.locator("nav.account-nav")).to_contain_text("Iniciar sesión")
    journeys.log_in(page, live_url, "luis.condori@example.org", password=NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/miembros/$"))
    expect(page).to_have_title(re.compile(r"^Mi espacio"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Luis Condori")
    assert User.objects.get(email="luis.condori@example.org").institution == institution


def test_an_invited_facilitator_joins_sets_up_two_step_verification_and_reaches_the_admin(
    page, live_url, browser
):
    institution = InstitutionFactory(name="Gobierno Regional de Moquegua")
    administrator = MemberFactory(email="admin@example.org", role="administrator")
    admin_context = journeys.new_context(browser)
    try:
        admin_page = admin_context.new_page()
        journeys.log_in(admin_page, live_url, administrator.email)
        _invite_in_the_admin(
            admin_page,
            live_url,
            email="carmen.vizcarra@example.org",
            full_name="Carmen Vizcarra",
            institution=institution.name,
            role="Facilitador",
        )
    finally:
        admin_context.close()
    assert Invitation.objects.get(email="carmen.vizcarra@example.org").role == "facilitator"

    _accept_invitation(page, live_url, email="carmen.vizcarra@example.org")
    main = page.get_by_role("main")
    expect(main).to_contain_text("verificación en dos pasos")
    main.get_by_role(
        "link", name=re.compile("verificación en dos pasos", re.IGNORECASE)
    ).first.click()

    # allauth asks for the password again before any change to the security settings.
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Confirme que es usted")
    journeys.screenshot(page, "reauthenticate")
    journeys.field(main.locator("form.account-form"), "Contraseña").fill(NEW_PASSWORD)
    main.get_by_role("button", name="Confirmar").click()

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "Configurar una aplicación de autenticación"
    )
    journeys.screenshot(page, "totp-activate")
    secret = main.locator("figcaption code").inner_text().strip()
    form = main.locator("form.account-form")
    form.locator("input[name=code]").fill(journeys.totp_code(secret))
    form.get_by_role("button", name="Activar").click()
    journeys.screenshot(page, "totp-activated")
    expect(page.locator(".messages")).to_contain_text(
        "La aplicación de autenticación ha sido activada."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Códigos de recuperación")
    page.get_by_role("link", name="Hecho").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verificación en dos pasos")
    expect(page.get_by_role("main")).to_contain_text("Activa")

    # She mislaid the codes: a new set, from the same page.
    page.get_by_role("main").get_by_role("link", name="Generar nuevos códigos").click()
    expect(page.get_by_role("main")).to_contain_text("Sus códigos actuales dejarán de funcionar")
    page.get_by_role("main").get_by_role("button", name="Generar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Códigos de recuperación")
    page.get_by_role("link", name="Hecho").click()

    page.locator("nav.account-nav").get_by_role("link", name="Administración").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("button", name="Comunidad")).to_be_visible()
    journeys.screenshot(page, "admin-home-new-facilitator")


def test_an_applicant_applies_is_accepted_in_the_admin_and_joins(page, live_url, browser):
    facilitator = FacilitatorFactory(email="facilitador@example.org", full_name="Jorge Talavera")

    page.goto(f"{live_url}/")
    page.locator("nav.main-nav").get_by_role("link", name="Únete").click()
    main = page.get_by_role("main")
    form = main.locator("form[method=post]")
    form.locator("input[name=full_name]").fill("Juana Ticona")
    form.locator("input[name=email]").fill("juana.ticona@example.org")
    form.locator("input[name=position]").fill("Presidenta")
    form.locator("input[name=new_institution_name]").fill("Asociación de Regantes de Omo")
    form.locator("select[name=sector]").select_option(label="Organizaciones de la sociedad civil")
    form.locator("textarea[name=motivation]").fill(
        "Queremos compartir cómo organizamos los turnos de riego en el valle de Omo."
    )
    form.locator("input[name=consent]").check()
    journeys.screenshot(page, "apply-filled")
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/unete/gracias/$"))
    journeys.screenshot(page, "apply-thanks")
    received = journeys.wait_for_mail("juana.ticona@example.org")
    assert "Juana" in received.body

    reviewer_context = journeys.new_context(browser)
    try:
        admin_page = reviewer_context.new_page()
        journeys.log_in(admin_page, live_url, facilitator.email)
        admin_page.goto(f"{live_url}/admin/")
        admin_page.get_by_role("link", name="Revisar las solicitudes pendientes").click()
        journeys.screenshot(admin_page, "admin-applications")
        admin_page.get_by_role("link", name="Juana Ticona").click()
        journeys.screenshot(admin_page, "admin-application-inspect")
        admin_page.get_by_role("link", name="Aceptar").first.click()
        journeys.screenshot(admin_page, "admin-application-accept")
        admin_page.locator("main form[method=post]").locator("button[type=submit]").click()
        expect(admin_page.locator(".messages")).to_contain_text(
            "Solicitud aceptada: se ha invitado a juana.ticona@example.org a unirse a "
            "Asociación de Regantes de Omo."
        )
        journeys.screenshot(admin_page, "admin-application-accepted")
    finally:
        reviewer_context.close()
    assert MembershipApplication.objects.get().status == MembershipApplication.Status.ACCEPTED

    _accept_invitation(page, live_url, email="juana.ticona@example.org")
    expect(page.get_by_role("main")).to_contain_text("Asociación de Regantes de Omo")


def test_a_facilitator_resends_and_revokes_invitations_and_a_logged_in_member_hands_over(
    page, live_url, browser
):
    institution = InstitutionFactory(name="Municipalidad Provincial de Ilo")
    facilitator = FacilitatorFactory(email="coordinacion@example.org")
    colleague = MemberFactory(email="colega@example.org")
    admin_context = journeys.new_context(browser)
    try:
        admin_page = admin_context.new_page()
        journeys.log_in(admin_page, live_url, facilitator.email)
        for email, name in (("pedro@example.org", "Pedro Cutipa"), ("error@example.org", "")):
            _invite_in_the_admin(
                admin_page, live_url, email=email, full_name=name, institution=institution.name
            )

        # Resend the first one from its page in the admin.
        admin_page.get_by_role("link", name="pedro@example.org").click()
        admin_page.locator("input[name=position]").fill("Gerente de Desarrollo Económico")
        admin_page.get_by_role("button", name="Guardar").click()
        expect(admin_page.locator(".messages")).to_contain_text("(invitación) se actualizó.")
        admin_page.get_by_role("link", name="pedro@example.org").click()
        expect(admin_page.locator("input[name=position]")).to_have_value(
            "Gerente de Desarrollo Económico"
        )
        journeys.screenshot(admin_page, "admin-invitation-edit")
        admin_page.locator("header").get_by_role("button", name="Acciones").click()
        admin_page.get_by_role("link", name="Reenviar").click()
        journeys.screenshot(admin_page, "admin-invitation-resend")
        admin_page.get_by_role("button", name="Sí, reenviar").click()
        expect(admin_page.locator(".messages")).to_contain_text(
            "Invitación enviada de nuevo a pedro@example.org"
        )
        assert len(journeys.mails_to("pedro@example.org")) == 2

        # Revoke the second, sent to the wrong address.
        admin_page.get_by_role("link", name="error@example.org").click()
        admin_page.locator("header").get_by_role("button", name="Acciones").click()
        admin_page.get_by_role("link", name="Revocar").click()
        admin_page.get_by_role("button", name="Sí, revocar").click()
        expect(admin_page.locator(".messages")).to_contain_text(
            "Se ha revocado la invitación a error@example.org"
        )
        journeys.screenshot(admin_page, "admin-invitations-after-revoke")
    finally:
        admin_context.close()

    revoked = journeys.wait_for_mail("error@example.org")
    journeys.follow_link(page, revoked, containing="/miembros/invitacion/", live_url=live_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Esta invitación ha sido retirada")
    journeys.screenshot(page, "invitation-revoked")

    # Pedro opens his link on a computer where a colleague is still logged in.
    journeys.log_in(page, live_url, colleague.email)
    message = journeys.wait_for_mail("pedro@example.org")
    journeys.follow_link(page, message, containing="/miembros/invitacion/", live_url=live_url)
    expect(page.get_by_role("main")).to_contain_text("colega@example.org")
    journeys.screenshot(page, "invitation-logged-in-elsewhere")
    page.get_by_role("main").get_by_role("button", name="Cerrar sesión y continuar").click()
    _accept_invitation_form(page, email="pedro@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pedro Cutipa")


def test_a_facilitator_declines_an_application_with_a_note(page, live_url):
    facilitator = FacilitatorFactory(email="revisora@example.org")
    MembershipApplicationFactory(full_name="Mario Vera", email="mario.vera@example.org")
    journeys.log_in(page, live_url, facilitator.email)

    page.goto(f"{live_url}/admin/")
    page.get_by_role("link", name="Revisar las solicitudes pendientes").click()
    page.get_by_role("link", name="Mario Vera").click()
    page.get_by_role("link", name="Rechazar").first.click()
    page.locator("main form[method=post] textarea").fill(
        "Por ahora la Comunidad reúne a instituciones de la región Moquegua."
    )
    journeys.screenshot(page, "admin-application-decline")
    page.locator("main form[method=post]").locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("mario.vera@example.org")

    message = journeys.wait_for_mail("mario.vera@example.org", subject="Sobre su solicitud")
    assert "instituciones de la región Moquegua" in message.body
    assert MembershipApplication.objects.get().status == MembershipApplication.Status.DECLINED
