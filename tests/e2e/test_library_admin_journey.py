"""In a real browser, a facilitator's work on the library in the Wagtail admin: she adds a
report with its PDF (uploaded from the document chooser), public, and publishes it; a
visitor finds it in the library, reads its page and downloads the file. She corrects its
title and publishes the change, which the visitor then reads; finally she unpublishes it:
it leaves the library, its page and its file are gone for the visitor.

Set-up uses the seed and factories; every step is a click or a form filled in the browser.
"""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from resources.library import Resource
from tests.e2e import journeys
from tests.factories import FacilitatorFactory
from tests.resources.library_helpers import pdf_bytes

FACILITATOR = "lucia.mendoza@example.org"
TITLE = "Informe de vigilancia ciudadana del canon minero 2025"
CORRECTED = "Informe de vigilancia ciudadana del canon minero en Moquegua 2025"
SUMMARY = (
    "Cuánto canon recibieron las municipalidades de Moquegua en 2025 y en qué obras lo "
    "invirtieron, según los comités de vigilancia."
)
PDF_TEXT = "Vigilancia ciudadana del canon 2025"
LISTING = "/admin/snippets/resources/resource/"


def add_the_report_with_its_file(page, live_url, tmp_path):
    journeys.log_in(page, live_url, FACILITATOR, next_url=LISTING)
    page.get_by_role("link", name="Añadir recurso").click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_kind").select_option(label="Informe")
    page.locator("#id_summary").fill(SUMMARY)
    page.get_by_role(
        "checkbox", name="Cierre de brechas en servicios públicos y uso de la renta minera"
    ).check()
    page.locator("#id_year").fill("2025")

    # The file: uploaded from the document chooser.
    pdf = tmp_path / "vigilancia-canon-2025.pdf"
    pdf.write_bytes(pdf_bytes(PDF_TEXT))
    page.get_by_role("button", name=re.compile("Seleccionar un documento")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Subir").click()
    dialog.locator("input[type=file]").set_input_files(str(pdf))
    dialog.locator("#id_document-chooser-upload-title").fill("Vigilancia del canon 2025 (PDF)")
    dialog.get_by_role("button", name="Subir").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Vigilancia del canon 2025 (PDF)")

    page.locator("#id_visibility").select_option(label="Pública")
    journeys.screenshot(page, "library-add")
    publish(page)
    expect(page.locator(".messages .success")).to_contain_text(TITLE)


def publish(page):
    footer = page.locator("footer")
    footer.get_by_role("button", name="Más acciones").click()
    footer.get_by_role("button", name="Publicar").click()


def test_a_facilitator_adds_corrects_and_unpublishes_a_library_resource(
    page, browser, live_url, tmp_path
):
    call_command("seed_core_group", verbosity=0)  # the four themes
    FacilitatorFactory(email=FACILITATOR, full_name="Lucía Mendoza Flores")

    add_the_report_with_its_file(page, live_url, tmp_path)
    resource = Resource.objects.get(title=TITLE)
    assert resource.live and resource.document is not None
    detail_path = resource.get_absolute_url()

    visitor_context = journeys.new_context(browser)
    try:
        # ---- A visitor finds it in the library, reads it and downloads the file.
        visitor = visitor_context.new_page()
        visitor.goto(f"{live_url}/recursos/")
        visitor.get_by_role("link", name=TITLE).click()
        expect(visitor).to_have_url(f"{live_url}{detail_path}")
        expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(visitor.locator("main")).to_contain_text(SUMMARY)
        journeys.screenshot(visitor, "library-resource-detail")
        # The PDF opens in the browser (Wagtail serves PDFs inline), as the one uploaded.
        link = visitor.get_by_role("link", name=re.compile("^Descargar"))
        with visitor.expect_response(re.compile(r"/documents/")) as served:
            link.click()
        assert served.value.status == 200
        assert served.value.headers["content-type"] == "application/pdf"
        file_url = served.value.url
        # What the browser shows is the file uploaded (read again, as the viewer wraps it).
        assert visitor.request.get(file_url).body() == pdf_bytes(PDF_TEXT)

        # ---- The facilitator corrects the title and publishes the change.
        page.goto(f"{live_url}{LISTING}")
        page.get_by_role("link", name=TITLE).click()
        page.locator("#id_title").fill(CORRECTED)
        journeys.screenshot(page, "library-edit")
        publish(page)
        expect(page.locator(".messages .success")).to_contain_text(CORRECTED)
        visitor.goto(f"{live_url}{detail_path}")
        expect(visitor.get_by_role("heading", level=1)).to_have_text(CORRECTED)

        # ---- She unpublishes it, from its edit page.
        page.goto(f"{live_url}{LISTING}")
        page.get_by_role("link", name=CORRECTED).click()
        footer = page.locator("footer")
        footer.get_by_role("button", name="Más acciones").click()
        footer.get_by_role("link", name="Despublicar").click()
        journeys.screenshot(page, "library-unpublish-confirm")
        page.get_by_role("button", name=re.compile("Sí, despublicar")).click()
        expect(page.locator(".messages .success")).to_contain_text(CORRECTED)
        expect(page.locator("main table tbody tr", has_text=CORRECTED)).to_contain_text("Borrador")
        journeys.screenshot(page, "library-unpublished-listing")
        resource.refresh_from_db()
        assert not resource.live

        # ---- The visitor no longer finds it; its page and its file are gone.
        visitor.goto(f"{live_url}/recursos/")
        expect(visitor.get_by_role("link", name=CORRECTED)).to_have_count(0)
        response = visitor.goto(f"{live_url}{detail_path}")
        assert response.status == 404
        expect(visitor.get_by_role("heading", level=1)).to_have_text(
            "No pudimos encontrar esta página"
        )
        assert visitor.request.get(file_url).status == 404
    finally:
        visitor_context.close()
