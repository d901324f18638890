"""Light pages: without images, every public page type weighs under 100 KB in total.

Rural connections in the region are slow and metered. Each page type of
tests/a11y_pages.py is opened in a fresh browser context (empty cache, as a first visit)
with every image request aborted; the bodies of everything else the page loads — the
HTML, CSS, JavaScript and fonts — are added up, uncompressed (the live server does not
compress; in production whitenoise serves compressed CSS and JS, so real transfers are
smaller). A table of the figures is printed.
"""

from tests.a11y_pages import PAGE_TYPES, create_portal_data
from tests.e2e.conftest import DEFAULT_TIMEOUT_MS

BUDGET_BYTES = 100_000
NOT_COUNTED = {"image", "media"}


def _abort_images(route):
    if route.request.resource_type in NOT_COUNTED:
        route.abort()
    else:
        route.continue_()


def _weigh(browser, url: str) -> tuple[int | None, dict[str, int]]:
    """(status of the page, bytes by resource type) for a first visit to url."""
    context = browser.new_context(locale="es-PE", timezone_id="America/Lima")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        context.route("**/*", _abort_images)
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        response = page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        by_type: dict[str, int] = {}
        for item in responses:
            kind = item.request.resource_type
            if kind in NOT_COUNTED or 300 <= item.status < 400:
                continue
            by_type[kind] = by_type.get(kind, 0) + len(item.body())
        return (response.status if response is not None else None), by_type
    finally:
        context.close()


def test_every_public_page_type_weighs_under_100_kb_without_images(browser, live_url):
    data = create_portal_data()
    rows, failures = [], []
    for page_type in PAGE_TYPES:
        path = page_type.path(data)
        status, by_type = _weigh(browser, f"{live_url}{path}")
        total = sum(by_type.values())
        rows.append((page_type.name, path, by_type, total))
        if status != page_type.status:
            failures.append(f"{page_type} ({path}): answered {status}, not {page_type.status}")
        elif total >= BUDGET_BYTES:
            failures.append(f"{page_type} ({path}): {total:,} bytes (budget {BUDGET_BYTES:,})")

    print(f"\nPage weight without images (bytes; budget {BUDGET_BYTES:,} per page):")
    print(
        f"  {'page type':<24} {'HTML':>8} {'CSS':>8} {'JS':>8} {'fonts':>7} {'other':>7} {'total':>8}"
    )
    for name, path, by_type, total in rows:
        other = total - sum(by_type.get(k, 0) for k in ("document", "stylesheet", "script", "font"))
        print(
            f"  {name:<24} {by_type.get('document', 0):>8,} {by_type.get('stylesheet', 0):>8,} "
            f"{by_type.get('script', 0):>8,} {by_type.get('font', 0):>7,} {other:>7,} "
            f"{total:>8,}  {path}"
        )
    assert not failures, "Pages over the weight budget:\n" + "\n".join(failures)
