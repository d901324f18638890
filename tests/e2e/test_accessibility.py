"""axe-core finds no serious or critical accessibility violation on any public page type.

Each page type of tests/a11y_pages.py is opened in Chromium against the live server, axe
(npm package axe-core, installed by `make test` with `npm ci`) is injected and run on the
whole document with its default rules (WCAG 2.x A/AA and best practices) plus WCAG 2.2's
target size, on a wide and on a narrow screen. Serious and critical violations fail the
test; minor and moderate ones are printed.

Without node_modules/axe-core the test is skipped with one line saying why, unless
REQUIRE_BROWSER is set (as .ci/run does), in which case it fails instead.
"""

import os
from pathlib import Path

import pytest

from tests.a11y_pages import PAGE_TYPES, create_portal_data

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}
# axe's default rules (WCAG 2.0/2.1 A and AA, best practices) and WCAG 2.2's target size
# (24 by 24 px), which axe leaves off by default; the portal aims at WCAG 2.2 AA.
# A desktop screen and a small phone: the layout (navigation, filters) changes between them.
VIEWPORTS = {"wide": {"width": 1280, "height": 800}, "narrow": {"width": 360, "height": 740}}
AXE_RUN = """async () => await axe.run(document, {
    rules: {"target-size": {enabled: true}},
    resultTypes: ["violations"],
})"""


@pytest.fixture
def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        reason = f"{AXE_SCRIPT.relative_to(ROOT)} is missing (run `npm ci` or `make test`)"
        if (os.environ.get("REQUIRE_BROWSER") or "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"REQUIRE_BROWSER is set but {reason}", pytrace=False)
        pytest.skip(f"accessibility check skipped: {reason}")
    return AXE_SCRIPT


def _describe(violation: dict) -> str:
    nodes = violation["nodes"]
    targets = ", ".join(" ".join(node["target"]) for node in nodes[:5])
    more = f" (+{len(nodes) - 5} more)" if len(nodes) > 5 else ""
    return (
        f"[{violation['impact']}] {violation['id']}: {violation['help']} "
        f"— {len(nodes)} element(s): {targets}{more}"
    )


def test_no_serious_or_critical_violation_on_any_public_page_type(browser, live_url, axe_script):
    data = create_portal_data()
    # The script is injected inline: let it run even once a Content-Security-Policy forbids
    # inline scripts (the portal's own pages never need this).
    context = browser.new_context(locale="es-PE", timezone_id="America/Lima", bypass_csp=True)
    page = context.new_page()
    failures, notes, rows = [], [], []
    try:
        for page_type in PAGE_TYPES:
            path = page_type.path(data)
            counts = []
            for screen, viewport in VIEWPORTS.items():
                page.set_viewport_size(viewport)
                response = page.goto(f"{live_url}{path}")
                status = response.status if response is not None else None
                if status != page_type.status:
                    failures.append(f"{page_type} ({path}): answered {status}")
                    break
                page.add_script_tag(path=str(axe_script))
                results = page.evaluate(AXE_RUN)
                counts += [len(results["passes"]), len(results["violations"])]
                for violation in results["violations"]:
                    line = f"{page_type} ({path}, {screen}): {_describe(violation)}"
                    (failures if violation["impact"] in FAILING_IMPACTS else notes).append(line)
            else:
                rows.append((page_type.name, path, *counts))
    finally:
        context.close()

    print(f"\naxe-core on {len(rows)} of {len(PAGE_TYPES)} page types (rules passed/violations):")
    print(f"  {'page type':<24} {'wide':>7} {'narrow':>7}  path")
    for name, path, wide_passed, wide_failed, narrow_passed, narrow_failed in rows:
        print(
            f"  {name:<24} {f'{wide_passed}/{wide_failed}':>7} "
            f"{f'{narrow_passed}/{narrow_failed}':>7}  {path}"
        )
    print("\n".join(f"  {line}" for line in notes + failures))
    assert not failures, "Failed the accessibility check:\n" + "\n".join(failures)
