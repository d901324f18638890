"""In Chromium, the facilitators' admin reads in Spanish, including what Wagtail's scripts
draw (the sidebar, filters, the error summary of a form), with no raw True/False.

With ADMIN_SHOTS=/some/folder the walk also saves each page at 1280 and 360 px wide."""

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e import journeys
from tests.factories import FacilitatorFactory
from tests.members.admin_walk import build_world, facilitator_pages, unwanted_in

WIDTHS = (1280, 360)


def english_on(page) -> list[str]:
    return unwanted_in(page.locator("body").inner_text())


def test_facilitator_walks_the_admin_in_spanish(page, live_url):
    facilitator = FacilitatorFactory(full_name="Lucía Mendoza Flores")
    world = build_world(facilitator)
    shots = os.environ.get("ADMIN_SHOTS")
    journeys.log_in(page, live_url, facilitator.email, next_url="/admin/")
    expect(page.get_by_role("navigation").first).to_contain_text("Talleres")

    found = {}
    for path in facilitator_pages(world):
        page.goto(f"{live_url}{path}")
        page.wait_for_load_state("networkidle")
        if words := english_on(page):
            found[path] = words
        if shots:
            name = re.sub(r"[^a-z0-9]+", "-", path.strip("/")) or "admin"
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.screenshot(path=str(Path(shots) / f"{name}-{width}.png"), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
    assert not found

    # The listing's filters, opened as a facilitator opens them.
    page.goto(f"{live_url}/admin/invitations/")
    page.get_by_role("button", name="Mostrar filtros").click()
    expect(page.get_by_text("Filtrar por")).to_be_visible()

    # A form sent with a mistake: the errors, and the way to them, in Spanish.
    page.goto(f"{live_url}/admin/invitations/new/")
    page.locator("#id_email").fill("no es un correo")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".w-field__errors, .error-message").first).to_be_visible()
    assert not english_on(page)
