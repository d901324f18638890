"""In a real browser, under the enforced Content-Security-Policy: the key public pages, a
member's pages (writing a lesson, commenting, setting up two-factor) and the facilitators'
Wagtail admin (dashboard, a contribution, the page editor with its live preview, workshops,
image upload) load without a single policy violation, and what they do with JavaScript or
forms still works.

Every violation is caught twice: the `securitypolicyviolation` event (recorded by a script
Playwright injects before the page's own, which the policy does not govern) and Chromium's
console message, which also reports violations inside frames.
"""

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect
from wagtail.models import Page

from tests.factories import (
    ContributionFactory,
    FacilitatorFactory,
    MemberFactory,
    WorkshopFactory,
)
from tests.factories.members import DEFAULT_PASSWORD
from themes.models import Comment

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class ViolationWatch:
    """Collects policy violations from events and from the console of one page."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.context.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        assert "script-src 'self'" in response.headers["content-security-policy"], url
        self.assert_clean(url)

    def assert_clean(self, where: str) -> None:
        self.page.wait_for_load_state("load")
        events = self.page.evaluate("window.__cspViolations || []")
        assert events == [], f"{where}: {events}"
        assert self.console == [], f"{where}: {self.console}"


@pytest.fixture
def watch(page):
    return ViolationWatch(page)


def log_in(page, live_url: str, email: str, next_path: str) -> None:
    page.goto(f"{live_url}/cuentas/login/?next={next_path}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_url}{next_path}")


def test_public_and_member_pages_run_under_the_policy(page, watch, live_url):
    member = MemberFactory(email="rosa.quispe@example.org")
    contribution = ContributionFactory()
    workshop = WorkshopFactory()

    for path in (
        "/",
        "/en/",
        "/lecciones/",
        "/lecciones/?q=canon",
        contribution.get_absolute_url(),
        f"/temas/{contribution.primary_theme.slug}/",
        "/talleres/",
        f"/talleres/{workshop.slug}/",
        "/unete/",
        "/buscar/?q=canon",
        "/cuentas/login/",
    ):
        watch.visit(live_url + path)
    # The schema.org JSON-LD of the pages that have it is a data block: never run, never
    # a violation (the visits above are clean with it).
    for path in ("/", contribution.get_absolute_url(), f"/talleres/{workshop.slug}/"):
        watch.visit(live_url + path)
        expect(page.locator('head script[type="application/ld+json"]')).to_have_count(1)
    # The stylesheet applies (a same-origin file is allowed): the skip link is moved away.
    skip_link = page.locator("a.skip-link")
    assert skip_link.evaluate("element => getComputedStyle(element).position") == "absolute"

    # A member writes a lesson (the form posts to the portal: form-action 'self').
    log_in(page, live_url, member.email, "/mis-contribuciones/nueva/")
    watch.assert_clean("the lesson form")

    # ... and comments on a lesson: the form is sent and the comment is shown.
    watch.visit(live_url + contribution.get_absolute_url())
    page.fill("#comment-body", "Muy útil para nuestra junta vecinal de Torata.")
    page.locator("form.comment-form button[type=submit]").click()
    expect(page.locator(".comment-body").first).to_contain_text("junta vecinal de Torata")
    assert Comment.objects.filter(author=member).count() == 1
    watch.assert_clean("after commenting")

    # Two-factor set-up: the QR code is a data: image, and it is drawn.
    page.goto(f"{live_url}/cuentas/2fa/totp/activate/")
    if "reauthenticate" in page.url:
        # allauth asks for the password again before a security change.
        page.fill("input[name=password]", DEFAULT_PASSWORD)
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_url}/cuentas/2fa/totp/activate/")
    qr_code = page.locator(".totp-qr img")
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    watch.assert_clean("two-factor set-up")


def test_wagtail_admin_runs_under_its_policy(page, watch, live_url, tmp_path):
    call_command("seed_core_group", verbosity=0)
    facilitator = FacilitatorFactory(email="lucia.mendoza@example.org")
    contribution = ContributionFactory()
    workshop = WorkshopFactory(created_by=facilitator)
    home = Page.objects.get(depth=2, locale__language_code="es")

    log_in(page, live_url, facilitator.email, "/admin/")
    watch.assert_clean("the dashboard")
    # The sidebar is Wagtail's JavaScript: the "Community" menu opens on click.
    page.locator(".sidebar").get_by_role("button", name="Comunidad").click()
    expect(page.locator(".sidebar").get_by_role("link", name="Invitaciones")).to_be_visible()

    # A contribution (snippet): the actions menu of the footer opens.
    watch.visit(f"{live_url}/admin/snippets/themes/contribution/edit/{contribution.pk}/")
    expect(page.locator("#id_title")).to_have_value(contribution.title)
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()
    expect(page.locator("footer .w-dropdown__content")).to_be_visible()
    watch.assert_clean("the contribution editor")

    # The page editor with its live preview: the page is framed by the admin.
    watch.visit(f"{live_url}/admin/pages/{home.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    # Wagtail loads each preview in a hidden proxy frame, then swaps it in as this one.
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("main#main")).to_be_visible()
    watch.assert_clean("the page editor's preview")

    # Workshops: the list, and the date-time picker of a workshop's form.
    watch.visit(f"{live_url}/admin/workshops/")
    expect(page.get_by_role("link", name=workshop.title)).to_be_visible()
    watch.visit(f"{live_url}/admin/workshops/new/")
    page.locator("#id_starts_at").click()
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_visible()
    watch.assert_clean("the workshop form")

    # Uploading an image (the multiple-upload form is all JavaScript).
    watch.visit(f"{live_url}/admin/images/multiple/add/")
    image = tmp_path / "mapa-de-moquegua.png"
    Image.new("RGB", (64, 48), "#17456b").save(image)
    page.set_input_files("#fileupload", str(image))
    expect(page.locator("#upload-list li.upload-success")).to_have_count(1)
    watch.assert_clean("the image upload")

    watch.visit(f"{live_url}/admin/reports/site-history/")
    watch.visit(f"{live_url}/admin/applications/")
