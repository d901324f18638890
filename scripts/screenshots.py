"""Screenshots of the portal for the README (`make screenshots`).

Starts the portal on the demo data and saves, at 1280x800 in Chromium (Spanish, Lima
time), into docs/screenshots/:

    home.png       the home page
    lesson.png     the first published lesson of the lessons list
    workshop.png   the first upcoming workshop of the workshops list
    dashboard.png  the Wagtail admin home of the demo facilitator

By default the portal runs on a temporary SQLite database, migrated and filled with
`seed_core_group` and `seed_demo`, served by `manage.py runserver` on a free port and
stopped at the end. With --use-database-url it serves the data of DATABASE_URL as it is
(no migration, no seed): the facilitator's e-mail and password then come from
--email/--password.

Chromium is Debian's (CHROMIUM_PATH, /usr/bin/chromium...), launched as the browser tests
launch it (tests/e2e/conftest.py). Requests to other hosts are refused, so the pictures
never depend on the network. A picture over 300 KB is reduced to 256 colours.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM_ARGS, find_chromium  # noqa: E402

OUT_DIR = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}
MAX_BYTES = 300_000
TIMEOUT_MS = 30_000
DEFAULT_EMAIL = "facilitator@example.org"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    """Run a management command quietly; show its output if it fails."""
    print(f"$ manage.py {' '.join(args)}", flush=True)
    done = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(done.stdout + done.stderr, file=sys.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed (exit {done.returncode})")


def wait_until_up(base: str, server: subprocess.Popen, seconds: int = 60) -> None:
    for _ in range(seconds * 4):
        if server.poll() is not None:
            raise SystemExit(f"the portal stopped before serving (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    raise SystemExit(f"the portal did not answer at {base} within {seconds}s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def shrink(path: Path) -> None:
    """Keep a picture small: optimised PNG, and 256 colours if it is still too big."""
    from PIL import Image

    with Image.open(path) as image:
        image.load()
    image.save(path, optimize=True)
    if path.stat().st_size > MAX_BYTES:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
            path, optimize=True
        )


def only_local(base: str):
    """Serve the portal's own requests; draw Gravatar's avatars (which the Wagtail admin
    asks for) with Wagtail's default one; refuse everything else."""
    import wagtail

    default_avatar = (
        Path(wagtail.__file__).parent / "admin/static/wagtailadmin/images/default-user-avatar.png"
    )

    def route(route):
        url = route.request.url
        if url.startswith(base):
            route.continue_()
        elif "gravatar.com/" in url and default_avatar.is_file():
            route.fulfill(path=str(default_avatar), content_type="image/png")
        else:
            route.abort()

    return route


def take(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    path = OUT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    shrink(path)
    print(f"saved {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)", flush=True)


def first_link(page, list_url: str, selector: str) -> str:
    page.goto(list_url)
    link = page.locator(selector).first
    if link.count() == 0:
        raise SystemExit(f"nothing to show: no {selector} on {list_url}")
    return link.get_attribute("href")


def shoot(base: str, email: str, password: str) -> None:
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("no Chromium found: install Debian's chromium or set CHROMIUM_PATH")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport=VIEWPORT, locale="es-PE", timezone_id="America/Lima")
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", only_local(base))
        page = context.new_page()

        page.goto(f"{base}/")
        take(page, "home")

        lesson = first_link(page, f"{base}/lecciones/", "main .card-title a")
        page.goto(f"{base}{lesson}" if lesson.startswith("/") else lesson)
        take(page, "lesson")

        # An upcoming workshop open for registration: its card has no status badge.
        workshop = first_link(
            page, f"{base}/talleres/", "main .workshop-card:not(:has(.badge-status)) .card-title a"
        )
        page.goto(f"{base}{workshop}" if workshop.startswith("/") else workshop)
        take(page, "workshop")

        page.goto(f"{base}/cuentas/login/?next=/admin/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{base}/admin/")
        page.goto(f"{base}/admin/")  # again, without the "logged in" message
        take(page, "dashboard")

        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--use-database-url",
        action="store_true",
        help="serve the data of DATABASE_URL as it is, instead of a fresh demo database",
    )
    parser.add_argument("--email", default=DEFAULT_EMAIL, help="the facilitator's e-mail")
    parser.add_argument(
        "--password",
        default=os.environ.get("DEMO_PASSWORD") or "moquegua-demo",
        help="the facilitator's password (default: DEMO_PASSWORD or the demo one)",
    )
    args = parser.parse_args()

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryDirectory(prefix="col-screenshots-") as work:
        if not args.use_database_url:
            # The embedded defaults, as `make run` has them: no Redis, eager tasks.
            env.update(
                DATABASE_URL=f"sqlite:///{work}/demo.sqlite3",
                DEBUG="true",
                CELERY_TASK_ALWAYS_EAGER="true",
            )
            env.pop("REDIS_URL", None)
            manage(env, "migrate", "--noinput")
            manage(env, "seed_core_group")
            manage(env, "seed_demo")
        elif not os.environ.get("DATABASE_URL"):
            parser.error("--use-database-url needs DATABASE_URL")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 (our own manage.py)
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            wait_until_up(base, server)
            shoot(base, args.email, args.password)
        finally:
            stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
