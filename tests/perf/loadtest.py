"""`make bench`: the portal under gunicorn with production settings, on PostgreSQL and
Redis, driven over loopback by wrk; prints a table and checks the targets.

Steps:

1. the database (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/col_bench_load) is created if missing, migrated and
   seeded once with `seed_core_group` and `seed_bulk` (2,000 members in 200 institutions,
   20,000 contributions, 2,000 workshops with 50,000 registrations, 500 resources; only
   what is missing is added, so a seeded database is reused as it is);
2. the static files are collected into a temporary folder;
3. gunicorn serves the portal (DEBUG off, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
   Redis at BENCH_REDIS_URL, default redis://127.0.0.1:6379/5) on a free loopback port.
   Nothing in the production settings is relaxed: the load tool sends
   `X-Forwarded-Proto: https`, as the TLS-terminating proxy in front of the portal does
   (SECURE_PROXY_SSL_HEADER), so there is no HTTPS redirect;
4. a member and a facilitator are logged in programmatically (a session in the session
   store; the cookie is passed to wrk with -H);
5. each page gets a short warm-up, then BENCH_DURATION seconds of wrk at
   BENCH_CONNECTIONS connections (20), with --latency;
6. the table: requests per second, p50, p99, errors (non-2xx/3xx answers and socket
   errors), throughput relative to the trivial baseline view, and the targets: every
   public page at least 40% of the baseline's throughput, p99 under 250 ms, no errors
   (member and admin pages: p99 and errors). Then the peak RSS (VmHWM) of each gunicorn
   worker. The exit status is 1 when a target is missed, 2 when the benchmark could not
   run.

Settings through the environment: BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_DURATION
(12 s), BENCH_WARMUP (3 s), BENCH_CONNECTIONS (20), BENCH_WRK_THREADS (2),
BENCH_WORKERS (4), BENCH_THREADS (1), BENCH_PAGES (comma-separated names, to run a subset).

The machine's other load changes during a run, so each page's throughput is compared
with the baseline measured right after it (BENCH_BASELINE_DURATION seconds, 5), not with
one baseline figure for the whole run.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/col_bench_load"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
DURATION = int(os.environ.get("BENCH_DURATION", "12"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "20"))
WRK_THREADS = int(os.environ.get("BENCH_WRK_THREADS", "2"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
BASELINE_DURATION = int(os.environ.get("BENCH_BASELINE_DURATION", "5"))

TARGET_RATIO = 0.40
TARGET_P99_MS = 250.0
HOST = "127.0.0.1"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

# What seed_bulk must have made (its defaults).
SEED_TARGETS = {
    "institutions": 200,
    "members": 2000,
    "contributions": 20000,
    "workshops": 2000,
    "registrations": 50000,
    "resources": 500,
}
BENCH_FACILITATOR = "facilitadora.benchmark@sintetico.invalid"


class BenchError(Exception):
    """The benchmark could not run (not a missed target)."""


def say(text: str = "") -> None:
    print(text, flush=True)


# ---- environment


def portal_env(static_root: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    var = ROOT / "var" / "bench"
    env.update(
        DJANGO_SETTINGS_MODULE="tests.perf.bench_settings",
        BENCH_STATIC_ROOT=str(static_root),
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        DEBUG="false",
        # The trivial view the pages are compared with (never routed in production).
        BENCH_BASELINE_VIEW="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        CELERY_TASK_ALWAYS_EAGER="true",  # no worker runs; the pages read only
        MEDIA_ROOT=str(var / "media"),
        PRIVATE_MEDIA_ROOT=str(var / "private"),
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
        ENV_FILE=os.devnull,
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict, *args: str, capture: bool = False) -> str:
    return run(env, "manage.py", *args, capture=capture)


def run(env: dict, *args: str, capture: bool = False) -> str:
    """A Python script of the repository (manage.py, tests/perf/seed_bulk.py), in the
    portal's settings."""
    result = subprocess.run(
        [PYTHON, *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    if result.returncode:
        raise BenchError(f"{' '.join(args[:3])} failed (exit {result.returncode}).")
    return result.stdout or ""


def shell(env: dict, code: str) -> dict:
    """Run Python in the portal's settings; its last line of output is JSON."""
    out = manage(env, "shell", "--no-startup", "-c", code, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("wrk is missing: installing it with apt-get (Debian package wrk).")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
        wrk = shutil.which("wrk")
        if wrk:
            return wrk
    raise BenchError(
        "wrk is not installed and could not be installed here (it needs root and apt-get): "
        "install it (Debian/Ubuntu: `sudo apt-get install wrk`) and run `make bench` again."
    )


def ensure_database() -> None:
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise BenchError(f"Unexpected database name in BENCH_DATABASE_URL: {name!r}")
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    try:
        connection = psycopg2.connect(admin_url)
    except psycopg2.OperationalError as error:
        raise BenchError(f"PostgreSQL is not reachable at {parts.netloc}: {error}") from error
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                say(f"Creating the database {name}.")
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


COUNT_CODE = """
import json
from tests.perf import seed_bulk as s
from members.models import Institution, User
from workshops.models import Registration, Workshop
workshops = Workshop.objects.filter(slug__startswith=s.WORKSHOP_SLUG_PREFIX)
print(json.dumps({
    "institutions": Institution.objects.filter(name__startswith=s.INSTITUTION_PREFIX).count(),
    "members": User.objects.filter(email__endswith="@" + s.EMAIL_DOMAIN).count(),
    "contributions": s.synthetic_contributions().count(),
    "workshops": workshops.count(),
    "registrations": Registration.objects.filter(workshop__in=workshops).count(),
    "resources": s.synthetic_resources().count(),
}))
"""


def ensure_seeded(env: dict) -> None:
    manage(env, "migrate", "--noinput", "-v", "0")
    counts = shell(env, COUNT_CODE)
    missing = {name: SEED_TARGETS[name] - counts[name] for name in SEED_TARGETS}
    if all(value <= 0 for value in missing.values()):
        say("Data: already seeded (" + ", ".join(f"{v:,} {k}" for k, v in counts.items()) + ").")
        return
    say("Seeding the benchmark database (first run only; see docs/performance.md).")
    started = time.monotonic()
    manage(env, "seed_core_group", "-v", "0")
    new_workshops = max(missing["workshops"], 0)
    new_registrations = (
        max(missing["registrations"], 0)
        if new_workshops == 0
        else round(SEED_TARGETS["registrations"] * new_workshops / SEED_TARGETS["workshops"])
    )
    run(
        env,
        "tests/perf/seed_bulk.py",
        "--force",
        f"--institutions={SEED_TARGETS['institutions']}",
        f"--members={SEED_TARGETS['members']}",
        f"--contributions={max(missing['contributions'], 0)}",
        f"--workshops={new_workshops}",
        f"--registrations={new_registrations}",
        f"--resources={SEED_TARGETS['resources']}",
    )
    say(f"Seeded in {time.monotonic() - started:.0f}s.")


PREPARE_CODE = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from tests.perf import seed_bulk as s
from members import roles
from members.models import User
from themes import selectors as themes_selectors
from workshops import selectors as workshops_selectors
from workshops.models import WorkshopStatus

facilitator, _ = User.objects.get_or_create(
    email=FACILITATOR,
    defaults={"full_name": "Facilitadora del benchmark", "position": "Dato sintético"},
)
facilitator.set_unusable_password()
facilitator.save()
facilitator.groups.add(Group.objects.get(name=roles.FACILITATORS))
member = (
    User.objects.filter(email__endswith="@" + s.EMAIL_DOMAIN, groups__name=roles.MEMBERS)
    .exclude(pk=facilitator.pk)
    .annotate(n=Count("registrations"))
    .order_by("-n", "pk")
    .first()
)

def session_for(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

lesson = themes_selectors.public_contributions().filter(
    slug__startswith=s.SLUG_PREFIX, comments__isnull=False
).order_by("-first_published_at").first()
workshop = workshops_selectors.public_workshops().filter(
    slug__startswith=s.WORKSHOP_SLUG_PREFIX,
    status=WorkshopStatus.OPEN,
    starts_at__gt=timezone.now(),
).order_by("starts_at").first()
theme = lesson.primary_theme
print(json.dumps({
    "member": session_for(member),
    "member_email": member.email,
    "facilitator": session_for(facilitator),
    "lesson": reverse("themes:lesson_detail", kwargs={"slug": lesson.slug}),
    "workshop": reverse("workshops:detail", kwargs={"slug": workshop.slug}),
    "theme": theme.slug,
}))
"""


# ---- gunicorn


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def request(url: str, cookie: str = "", timeout: float = 30.0) -> tuple[int, str, str]:
    """One GET without following redirects: (status, Location, X-Page-Cache)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    headers = dict(PROXY_HEADERS)
    if cookie:
        headers["Cookie"] = cookie
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as r:
            r.read()
            return r.status, "", r.headers.get("X-Page-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), ""


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        "col_portal.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--worker-class",
        # gthread even with one thread: it keeps connections alive, as a proxy would.
        "gthread",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited at start (exit {process.returncode}).")
        try:
            if request(f"http://{HOST}:{port}/healthz", timeout=5)[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    raise BenchError("gunicorn did not answer /healthz within 60 s.")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after the last ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == master:
            pids.append(int(entry.name))
    return sorted(pids)


def peak_rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


# ---- wrk


@dataclass
class Page:
    name: str
    path: str
    kind: str  # "baseline", "public", "member", "admin"
    cookie: str = ""


@dataclass
class Result:
    page: Page
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    cache: str = ""
    baseline_rps: float = 0.0  # the baseline's, measured right after


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not match:
        raise BenchError(f"Unexpected latency in wrk's output: {value!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_wrk(output: str) -> dict:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    total = re.search(r"(\d+) requests in", output)
    if not (rps and p50 and p99 and total):
        raise BenchError(f"Could not read wrk's output:\n{output}")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    return {
        "rps": float(rps.group(1)),
        "p50_ms": _ms(p50.group(1)),
        "p99_ms": _ms(p99.group(1)),
        "errors": errors,
        "requests": int(total.group(1)),
    }


def wrk(binary: str, url: str, cookie: str, seconds: int, latency: bool) -> str:
    command = [
        binary,
        f"-t{WRK_THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if latency:
        command.append("--latency")
    result = subprocess.run([*command, url], text=True, capture_output=True)
    if result.returncode:
        raise BenchError(f"wrk failed on {url}: {result.stderr.strip()}")
    return result.stdout


def run_page(binary: str, base: str, page: Page) -> Result:
    url = base + page.path
    status, location, _cache = request(url, page.cookie)
    if status != 200:
        raise BenchError(
            f"{page.name} ({page.path}) answers {status}"
            + (f" to {location}" if location else "")
            + " instead of 200: nothing to measure."
        )
    # A second request tells whether the page came from the anonymous page cache.
    cache = request(url, page.cookie)[2] or "-"
    if WARMUP:
        wrk(binary, url, page.cookie, WARMUP, latency=False)
    figures = parse_wrk(wrk(binary, url, page.cookie, DURATION, latency=True))
    return Result(page=page, cache=cache, **figures)


# ---- report


def verdicts(result: Result, baseline_rps: float) -> tuple[float, list[str]]:
    ratio = result.rps / baseline_rps if baseline_rps else 0.0
    missed = []
    if not result.requests:
        missed.append("no answer")
    if result.errors:
        missed.append("errors")
    if result.p99_ms >= TARGET_P99_MS:
        missed.append("p99")
    if result.page.kind == "public" and ratio < TARGET_RATIO:
        missed.append("throughput")
    return ratio, missed


def table(results: list[Result]) -> tuple[list[str], bool]:
    header = (
        f"{'page':<22} {'path':<44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'errors':>6} {'base/s':>7} {'ratio':>6} {'cache':>5}  target"
    )
    lines = [header, "-" * len(header)]
    all_met = True
    for result in results:
        ratio, missed = verdicts(result, result.baseline_rps or result.rps)
        all_met = all_met and not missed
        verdict = "met" if not missed else "MISSED (" + ", ".join(missed) + ")"
        if result.page.kind in ("member", "admin"):
            verdict += " [p99, errors]"
        path = result.page.path if len(result.page.path) <= 44 else result.page.path[:41] + "..."
        lines.append(
            f"{result.page.name:<22} {path:<44} {result.rps:>8.1f} {result.p50_ms:>8.1f} "
            f"{result.p99_ms:>8.1f} {result.errors:>6} {result.baseline_rps:>7.0f} {ratio:>6.0%} "
            f"{result.cache:>5}  {verdict}"
        )
    return lines, all_met


def machine() -> str:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        pass
    load = ", load average " + " ".join(f"{n:.2f}" for n in os.getloadavg())
    return f"{os.cpu_count()} CPUs{memory}{load}"


def pages(prepared: dict) -> list[Page]:
    # As a browser sends them after its first visit: the session and the CSRF cookie (a
    # secret of Django's form).
    csrf = secrets.token_hex(16)
    member = f"sessionid={prepared['member']}; csrftoken={csrf}"
    facilitator = f"sessionid={prepared['facilitator']}; csrftoken={csrf}"
    theme = prepared["theme"]
    chosen = [
        Page("baseline", "/bench/baseline", "baseline"),
        Page("home", "/", "public"),
        Page("lessons list", "/lecciones/", "public"),
        Page("lessons filtered", f"/lecciones/?theme={theme}&kind=lesson&sort=oldest", "public"),
        Page("search", "/buscar/?q=agua", "public"),
        Page("lesson detail", prepared["lesson"], "public"),
        Page("workshop list", "/talleres/", "public"),
        Page("workshop detail", prepared["workshop"], "public"),
        Page("feed (RSS)", "/lecciones/rss/", "public"),
        Page("member: my space", "/miembros/", "member", member),
        Page("admin dashboard", "/admin/", "admin", facilitator),
    ]
    only = {n.strip() for n in os.environ.get("BENCH_PAGES", "").split(",") if n.strip()}
    if only:
        chosen = [p for p in chosen if p.kind == "baseline" or p.name in only]
    return chosen


def main() -> int:
    started = time.monotonic()
    gunicorn = None
    static_root = Path(tempfile.mkdtemp(prefix="col-bench-static-"))
    try:
        binary = ensure_wrk()
        env = portal_env(static_root)
        ensure_database()
        ensure_seeded(env)
        manage(env, "collectstatic", "--noinput", "-v", "0")
        prepared = shell(env, f"FACILITATOR = {BENCH_FACILITATOR!r}\n" + PREPARE_CODE)
        port = free_port()
        gunicorn = start_gunicorn(env, port)
        base = f"http://{HOST}:{port}"
        say(
            f"gunicorn on {base}: {WORKERS} workers x {THREADS} threads; wrk: "
            f"{CONNECTIONS} connections, {WRK_THREADS} threads, {WARMUP}s warm-up + "
            f"{DURATION}s per page. Member: {prepared['member_email']}."
        )
        results = []
        chosen = pages(prepared)
        # Every worker imports the URL conf, the admin and the templates on its first
        # requests (up to a second each): a few requests per worker for every page first.
        for page in chosen:
            for _ in range(2 * WORKERS):
                request(base + page.path, page.cookie)
        baseline_url = base + chosen[0].path
        for page in chosen:
            result = run_page(binary, base, page)
            if page.kind == "baseline":
                result.baseline_rps = result.rps
            else:
                adjacent = wrk(binary, baseline_url, "", BASELINE_DURATION, latency=True)
                result.baseline_rps = parse_wrk(adjacent)["rps"]
            say(
                f"  {page.name:<22} {result.rps:8.1f} req/s  p50 {result.p50_ms:6.1f} ms  "
                f"p99 {result.p99_ms:6.1f} ms  errors {result.errors}  "
                f"(baseline {result.baseline_rps:.1f} req/s)"
            )
            results.append(result)
        workers = worker_pids(gunicorn.pid)
        peaks = {pid: peak_rss_kib(pid) for pid in workers}
        master_peak = peak_rss_kib(gunicorn.pid)
    except BenchError as error:
        say(f"make bench: {error}")
        return 2
    finally:
        if gunicorn is not None:
            stop(gunicorn)
        shutil.rmtree(static_root, ignore_errors=True)

    lines, all_met = table(results)
    say()
    say(f"Machine: {machine()}.")
    say(
        f"Targets: public pages >= {TARGET_RATIO:.0%} of the baseline's requests/s "
        "(base/s: measured just after the page), "
        f"p99 < {TARGET_P99_MS:.0f} ms, 0 errors (member and admin pages: p99 and errors)."
    )
    say()
    for line in lines:
        say(line)
    say()
    say("Peak RSS (VmHWM) of the gunicorn workers after the run:")
    for pid, peak in peaks.items():
        say(f"  worker {pid}: {peak / 1024:.1f} MiB" if peak else f"  worker {pid}: unknown")
    if master_peak:
        say(f"  (master {gunicorn.pid}: {master_peak / 1024:.1f} MiB)")
    say(f"Total time: {time.monotonic() - started:.0f}s.")
    say("All targets met." if all_met else "Some targets were MISSED.")
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
