"""In a real browser: the facilitator edits the Foundational Document in the Wagtail admin
and publishes a new version; an anonymous visitor then reads it in Spanish and English."""

import re

from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Locale

from resources.pages import FoundationalDocumentPage
from tests.factories import FacilitatorFactory
from tests.factories.members import DEFAULT_PASSWORD

NEW_INTRODUCTION_ES = "Versión revisada en el taller de noviembre: principios y roles precisados."
NEW_INTRODUCTION_EN = "Version revised at the November workshop: principles and roles clarified."
CHANGES_ES = "Principios y roles precisados en el taller de noviembre."
CHANGES_EN = "Principles and roles clarified at the November workshop."


def publish_in_admin(page, live_url, document, *, version, introduction, changes):
    page.goto(f"{live_url}/admin/pages/{document.pk}/edit/")
    expect(page.locator("#id_version")).to_have_value("0.1")
    page.fill("#id_version", version)
    page.fill("#id_introduction", introduction)
    page.get_by_label("Qué cambió").fill(changes)
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()
    page.locator('footer button[name="action-publish"]').click()
    # Back in the page explorer, with the success message.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages .success")).to_be_visible()


def test_facilitator_publishes_a_new_version_that_visitors_read_in_both_languages(
    page, browser, live_url
):
    call_command("seed_core_group", verbosity=0)
    FacilitatorFactory(email="facilitator@example.org", full_name="Lucía Mendoza Flores")
    spanish = FoundationalDocumentPage.objects.get(locale__language_code="es")
    english = spanish.get_translation(Locale.objects.get(language_code="en"))

    # The facilitator logs in through the form and lands in the admin.
    page.goto(f"{live_url}/cuentas/login/?next=/admin/")
    page.fill("input[name=login]", "facilitator@example.org")
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_url}/admin/")

    publish_in_admin(
        page, live_url, spanish, version="1.1", introduction=NEW_INTRODUCTION_ES, changes=CHANGES_ES
    )
    publish_in_admin(
        page, live_url, english, version="1.1", introduction=NEW_INTRODUCTION_EN, changes=CHANGES_EN
    )

    spanish.refresh_from_db()
    assert spanish.version == "1.1"
    assert spanish.revisions.count() == 2

    # A visitor, in a browser of their own, reads the new version in both languages.
    visitor_context = browser.new_context(locale="es-PE", timezone_id="America/Lima")
    visitor = visitor_context.new_page()
    try:
        response = visitor.goto(f"{live_url}/documento-fundacional/")
        assert response is not None and response.status == 200
        expect(visitor.locator("html")).to_have_attribute("lang", "es")
        expect(visitor.locator(".doc-version")).to_have_text("1.1")
        expect(visitor.locator(".lede")).to_have_text(NEW_INTRODUCTION_ES)
        expect(visitor.locator("nav.toc a").first).to_have_attribute("href", "#proposito")
        expect(visitor.locator(".section-comments")).to_have_count(0)

        # The earlier version is listed with what it was, and can be read as it was.
        history = visitor.locator(".doc-history")
        expect(history.locator(".past-version")).to_have_count(1)
        expect(history).to_contain_text("Primera versión de trabajo")
        history.get_by_role("link", name="Versión 0.1").click()
        expect(visitor).to_have_url(f"{live_url}/documento-fundacional/versiones/0-1/")
        expect(visitor.locator(".doc-version")).to_have_text("0.1")
        expect(visitor.locator(".past-version-notice")).to_contain_text(
            "Está leyendo la versión 0.1, reemplazada por una versión posterior."
        )
        visitor.get_by_role("link", name="Leer la versión vigente (1.1)").click()
        expect(visitor).to_have_url(f"{live_url}/documento-fundacional/")
        expect(visitor.locator(".lede")).to_have_text(NEW_INTRODUCTION_ES)

        visitor.locator("nav.lang-switch").get_by_role("link", name="English").click()
        expect(visitor).to_have_url(f"{live_url}/en/documento-fundacional/")
        expect(visitor.locator("html")).to_have_attribute("lang", "en")
        expect(visitor.locator("h1")).to_have_text("Foundational Document")
        expect(visitor.locator(".doc-version")).to_have_text("1.1")
        expect(visitor.locator(".lede")).to_have_text(NEW_INTRODUCTION_EN)

        # Clicking a table of contents entry jumps to its section.
        visitor.locator("nav.toc").get_by_role("link", name="2. Principles").click()
        expect(visitor).to_have_url(f"{live_url}/en/documento-fundacional/#principios")
        expect(visitor.locator("#principios")).to_be_in_viewport()
    finally:
        visitor_context.close()
