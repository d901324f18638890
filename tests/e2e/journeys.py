"""Shared steps of the browser journeys: logging in and out, reading e-mails, and the codes
of an authenticator app.

E-mails are read as a person reads them: from the mail backend (Django's test outbox,
filled by the outbox's delivery task, which runs eagerly in the tests), by recipient and
subject, and their links are followed in the browser.
"""

import base64
import hashlib
import hmac
import os
import re
import struct
import time

from django.core import mail
from playwright.sync_api import expect

from tests.factories.members import DEFAULT_PASSWORD

LINK = re.compile(r"https?://[^\s<>\"']+")


def log_in(page, live_url, email, *, password=DEFAULT_PASSWORD, next_url=None, language_prefix=""):
    """Log in through the portal's login form; waits for the page the person lands on."""
    query = f"?next={next_url}" if next_url else ""
    page.goto(f"{live_url}{language_prefix}/cuentas/login/{query}")
    form = page.get_by_role("main").locator("form.account-form")
    form.get_by_label(re.compile(r"^(e-?mail|correo)", re.IGNORECASE)).fill(email)
    form.get_by_label(re.compile(r"^(password|contraseña)", re.IGNORECASE)).fill(password)
    form.get_by_role("button", name=re.compile(r"^(log in|iniciar sesión)$", re.IGNORECASE)).click()
    if next_url:
        expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))
    else:
        expect(page).not_to_have_url(re.compile(r"/cuentas/login/"))


def log_out(page):
    """Log out with the header's button (a POST form)."""
    page.locator("nav.account-nav form button[type=submit]").click()


def field(form, label: str):
    """The form control labelled `label` (Django writes "Label:")."""
    return form.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def new_context(browser):
    """A second person's browser (Spanish, Lima time): close it when done."""
    context = browser.new_context(locale="es-PE", timezone_id="America/Lima")
    context.set_default_timeout(15_000)
    return context


def mails_to(address: str, *, subject: str | re.Pattern | None = None) -> list:
    """The e-mails sent so far to `address` (optionally whose subject matches)."""
    found = [message for message in mail.outbox if address in message.to]
    if subject is not None:
        pattern = subject if isinstance(subject, re.Pattern) else re.compile(re.escape(subject))
        found = [message for message in found if pattern.search(message.subject)]
    return found


def wait_for_mail(address: str, *, subject: str | re.Pattern | None = None, timeout=10.0):
    """The newest e-mail to `address` (matching `subject`), waiting for its delivery."""
    deadline = time.monotonic() + timeout
    while True:
        found = mails_to(address, subject=subject)
        if found:
            return found[-1]
        if time.monotonic() > deadline:
            sent = [(m.to, m.subject) for m in mail.outbox]
            raise AssertionError(f"no e-mail to {address} ({subject!r}); sent: {sent}")
        time.sleep(0.1)


def links_in(message, *, containing: str = "") -> list[str]:
    """The addresses in an e-mail's text body, in order (optionally those containing a part)."""
    body = message.body
    return [url.rstrip(".,;)") for url in LINK.findall(body) if containing in url]


def follow_link(page, message, *, containing: str, live_url: str = ""):
    """Open the e-mail's link containing `containing` in the browser, as the person would:
    exactly as written (the `live_url` fixture makes the live server the portal's SITE_URL,
    so e-mails link to it). With `live_url`, the link must lead there."""
    urls = links_in(message, containing=containing)
    assert urls, f"no link with {containing!r} in: {message.body}"
    url = urls[0]
    if live_url:
        assert url.startswith(f"{live_url}/"), f"the e-mail links to {url}, not to {live_url}"
    return page.goto(url)


def screenshot(page, name: str) -> None:
    """For walking the portal: with SHOTS_DIR set, save the page as seen at 1280 and 360 px
    wide (SHOTS_DIR/<name>-1280.png, -360.png). Does nothing otherwise."""
    folder = os.environ.get("SHOTS_DIR")
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 720}
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        # Let the page lay itself out at the new width (two frames) before the picture,
        # or the full-page image keeps a band of the previous width.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size(size)


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The six-digit code an authenticator app shows for `secret` (RFC 6238, SHA-1, 30 s)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
