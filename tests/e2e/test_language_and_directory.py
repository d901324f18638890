"""In a real browser: the demo member logs in and reaches the directory; the language switch."""

import re

from playwright.sync_api import expect

from members.models import Institution, Sector
from tests.factories import InstitutionFactory, MemberFactory, ThemeFactory
from tests.factories.members import DEFAULT_PASSWORD


def test_demo_member_logs_in_through_the_form_and_reaches_the_directory(page, live_url):
    propuesta = InstitutionFactory(
        name="Propuesta Ciudadana", short_name="Propuesta", sector=Sector.CIVIL_SOCIETY
    )
    InstitutionFactory(
        name="Cámara de Comercio e Industria de Moquegua", sector=Sector.PRIVATE_MINING
    )
    MemberFactory(email="member@example.org", full_name="Rosa Quispe", institution=propuesta)

    page.goto(f"{live_url}/")
    page.locator("nav.account-nav a").first.click()
    expect(page).to_have_url(re.compile(r"/cuentas/login/"))
    page.fill("input[name=login]", "member@example.org")
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()

    # Logged in: the header now offers "my space" and a logout button instead of login.
    expect(page.locator('nav.account-nav a[href="/miembros/"]')).to_be_visible()
    expect(page.locator("nav.account-nav form button[type=submit]")).to_be_visible()

    page.goto(f"{live_url}/miembros/directorio/")
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Propuesta Ciudadana")).to_be_visible()
    expect(main.get_by_text("Rosa Quispe")).to_be_visible()
    expect(
        main.get_by_role("heading", name="Cámara de Comercio e Industria de Moquegua")
    ).to_be_visible()
    assert Institution.objects.count() == 2


def test_switching_to_english_changes_the_interface_and_keeps_the_page(page, live_url):
    ThemeFactory(
        order=3,
        slug="recursos-hidricos",
        name_es="Gestión integrada de recursos hídricos",
        name_en="Integrated water resources management",
    )

    page.goto(f"{live_url}/temas/recursos-hidricos/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text("Gestión integrada de recursos hídricos")
    spanish_home = page.locator("nav.main-nav li").first.inner_text().strip()

    page.locator("nav.lang-switch").get_by_role("link", name="English").click()

    expect(page).to_have_url(f"{live_url}/en/temas/recursos-hidricos/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Integrated water resources management")
    expect(page.locator("nav.main-nav li").first).to_have_text("Home")
    assert spanish_home != "Home"
    expect(page.locator('nav.main-nav a[aria-current="true"]')).to_have_text("Themes")

    page.locator("nav.lang-switch").get_by_role("link", name="Español").click()

    expect(page).to_have_url(f"{live_url}/temas/recursos-hidricos/")
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_home_page_looks_right_on_a_wide_and_a_narrow_screen(page, live_url):
    ThemeFactory(order=1, slug="brechas-y-renta-minera", name_es="Cierre de brechas")
    InstitutionFactory(name="Moquegua Crece", is_core_group=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(f"{live_url}/")
    assert response is not None
    assert response.status == 200
    expect(page.locator(".hero h1")).to_be_visible()
    expect(page.locator(".theme-card")).to_have_count(1)
    page.screenshot(path="/tmp/home.png", full_page=True)

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    # Nothing wider than the screen: the navigation wraps instead of scrolling sideways.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.screenshot(path="/tmp/home-375.png", full_page=True)

    page.set_viewport_size({"width": 320, "height": 700})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
