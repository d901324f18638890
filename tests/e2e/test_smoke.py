"""The portal opens in a real browser, in Spanish."""

import re

from playwright.sync_api import expect


def test_home_page_opens_in_spanish(page, live_url):
    response = page.goto(f"{live_url}/")

    assert response is not None
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page).to_have_title(re.compile(r"Comunidad de Aprendizaje"))
    expect(page.locator("main")).to_be_visible()
