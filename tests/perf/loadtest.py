"""`make bench`: the portal under gunicorn with production settings, on PostgreSQL and
Redis, under a mix of simulated people (Locust, tests/perf/locustfile.py); then the public
pages without the page cache, and the cost of ten times the data. Prints the tables and
checks the targets (docs/performance.md).

Steps:

1. the database (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/col_bench_load) is created if missing, migrated and
   seeded once with `seed_core_group` and `seed_bulk` (2,000 members, 20,000 contributions,
   2,000 workshops with 50,000 registrations, 500 resources); a seeded database is reused;
2. the bench people are prepared: MIX_USERS members and five facilitators get the bench
   password (BENCH_PASSWORD) and a verified address, so that they log in through the real
   form; drafts are sent for review, for the facilitators to approve;
3. gunicorn serves the portal with the production settings (DEBUG off, Redis at
   BENCH_REDIS_URL, default redis://127.0.0.1:6379/5) on a loopback port; the load tools
   send `X-Forwarded-Proto: https`, as the TLS-terminating proxy does;
4. the trivial baseline view is measured with wrk (before and after the mix), and Locust
   runs the mix headless (BENCH_MIX_USERS 50 people, 1-3 s between pages,
   BENCH_MIX_DURATION 60 s): per kind of page rps, p50/p95/p99, errors, the share served
   from the page cache and the ratio to the baseline; then the workers' peak memory;
5. gunicorn again with the page cache off: each kind of public page at BENCH_CONNECTIONS
   (20) connections with wrk, over hundreds of different addresses (each request the
   next), compared with the baseline measured right after it;
6. one client at a time, page cache off: search, a filtered list, a lesson (p50/p95); with
   BENCH_X10=1 the same on BENCH_X10_DATABASE_URL (seeded with `seed_bulk --scale 10`),
   side by side.

Exit status 1 when a target is missed, 2 when the benchmark could not run.
"""

import contextlib
import csv
import json
import os
import random
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
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/col_bench_load"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
X10_DATABASE_URL = os.environ.get(
    "BENCH_X10_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/col_bench_load_x10"
)
X10 = os.environ.get("BENCH_X10", "").lower() in {"1", "true", "yes", "on"}
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "20"))
WRK_THREADS = int(os.environ.get("BENCH_WRK_THREADS", "2"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
BASELINE_DURATION = int(os.environ.get("BENCH_BASELINE_DURATION", "5"))
MIX_USERS = int(os.environ.get("BENCH_MIX_USERS", "50"))
MIX_SPAWN_RATE = int(os.environ.get("BENCH_MIX_SPAWN_RATE", "5"))
MIX_DURATION = int(os.environ.get("BENCH_MIX_DURATION", "60"))
UNCACHED_DURATION = int(os.environ.get("BENCH_UNCACHED_DURATION", "10"))
SINGLE_DURATION = int(os.environ.get("BENCH_SINGLE_DURATION", "10"))
MODERATION = int(os.environ.get("BENCH_MODERATION", "40"))
START_TIMEOUT = int(os.environ.get("BENCH_START_TIMEOUT", "180"))
BENCH_PASSWORD = os.environ.get("BENCH_PASSWORD", "carga-de-prueba-2026")

MIX_P95_MS = 150.0
MIX_P99_MS = 400.0
UNCACHED_RATIO = 0.10
SEARCH_P95_MS = 100.0
SCALE_GROWTH = 1.5
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


class BenchError(Exception):
    """The benchmark could not run (not a missed target)."""


def say(text: str = "") -> None:
    print(text, flush=True)


# ---- environment


def portal_env(static_root: Path, database_url: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    var = ROOT / "var" / "bench"
    env.update(
        DJANGO_SETTINGS_MODULE="tests.perf.bench_settings",
        BENCH_STATIC_ROOT=str(static_root),
        DATABASE_URL=database_url,
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


def ensure_database(database_url: str) -> None:
    import psycopg2

    parts = urlsplit(database_url)
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


def ensure_seeded(env: dict, scale: int) -> None:
    """The data set of seed_bulk at `scale` (1: its defaults; 10: ten times everything)."""
    manage(env, "migrate", "--noinput", "-v", "0")
    targets = {name: value * scale for name, value in SEED_TARGETS.items()}
    counts = shell(env, COUNT_CODE)
    missing = {name: targets[name] - counts[name] for name in targets}
    if all(value <= 0 for value in missing.values()):
        say(
            f"Data x{scale}: already seeded ("
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
            + ")."
        )
        return
    say(f"Seeding the benchmark database x{scale} (first run only; see docs/performance.md).")
    started = time.monotonic()
    manage(env, "seed_core_group", "-v", "0")
    new_workshops = max(missing["workshops"], 0)
    new_registrations = (
        max(missing["registrations"], 0)
        if new_workshops == 0
        else round(targets["registrations"] * new_workshops / targets["workshops"])
    )
    run(
        env,
        "tests/perf/seed_bulk.py",
        "--force",
        f"--institutions={targets['institutions']}",
        f"--members={targets['members']}",
        f"--contributions={max(missing['contributions'], 0)}",
        f"--workshops={new_workshops}",
        f"--registrations={new_registrations}",
        f"--resources={targets['resources']}",
    )
    say(f"Seeded in {time.monotonic() - started:.0f}s.")


PREPARE_CODE = """
import json, random, re
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone
from wagtail.models import WorkflowState
from tests.perf import seed_bulk as s
from members import roles
from members.models import Institution, Sector, User
from taggit.models import Tag
from themes import selectors as themes_selectors
from themes import services as themes_services
from members.models import District, Province
from themes.models import Contribution, ContributionKind
from workshops import selectors as workshops_selectors
from workshops.models import Registration, WorkshopStatus

rng = random.Random(13)
password = make_password(PASSWORD)
members = list(
    User.objects.filter(email__endswith="@" + s.EMAIL_DOMAIN, groups__name=roles.MEMBERS)
    .exclude(email__startswith="facilitadora")
    .order_by("pk").values_list("pk", "email")[:MEMBERS]
)
facilitators = []
for number in range(1, FACILITATORS + 1):
    user, _ = User.objects.get_or_create(
        email=f"facilitadora{number}.benchmark@{s.EMAIL_DOMAIN}",
        defaults={"full_name": f"Facilitadora {number} del benchmark", "position": "Dato sintético"},
    )
    user.groups.add(Group.objects.get(name=roles.FACILITATORS))
    facilitators.append((user.pk, user.email))
people = members + facilitators
User.objects.filter(pk__in=[pk for pk, _ in people]).update(password=password, is_active=True)
for pk, email in people:
    EmailAddress.objects.update_or_create(
        user_id=pk, email=email, defaults={"verified": True, "primary": True}
    )

public = themes_selectors.public_contributions().filter(slug__startswith=s.SLUG_PREFIX)
lessons = list(public.values_list("slug", flat=True))
commented = list(public.filter(comments__isnull=False).distinct().values_list("slug", flat=True)[:3000])
workshops = workshops_selectors.public_workshops().filter(slug__startswith=s.WORKSHOP_SLUG_PREFIX)
open_workshops = list(
    workshops.filter(status=WorkshopStatus.OPEN, starts_at__gt=timezone.now())
    .values_list("slug", flat=True)[:300]
)
registration_workshops = list(
    workshops.annotate(n=Count("registrations")).order_by("-n").values_list("pk", flat=True)[:30]
)

# Contributions waiting for review, for the facilitators to approve.
ct = ContentType.objects.get_for_model(Contribution)
in_workflow = WorkflowState.objects.filter(base_content_type=ct).values_list("object_id", flat=True)
waiting = []
for state in WorkflowState.objects.filter(
    base_content_type=ct, status=WorkflowState.STATUS_IN_PROGRESS
).select_related("current_task_state")[:MODERATION]:
    waiting.append((int(state.object_id), state.current_task_state_id))
drafts = (
    Contribution.objects.filter(slug__startswith=s.SLUG_PREFIX, live=False)
    .exclude(pk__in=[int(pk) for pk in in_workflow])
    .select_related("author")[: max(MODERATION - len(waiting), 0)]
)
for draft in drafts:
    try:
        state = themes_services.contribution_submit(user=draft.author, contribution=draft)
    except Exception:
        continue
    waiting.append((draft.pk, state.current_task_state_id))

# Words and phrases of the data (seed_bulk's texts and the place names).
STOP = set("para sobre entre desde donde cuando como pero porque esta este estos estas "
           "sus los las del con por una uno que the and with was were from what".split())
texts = []
for subjects in s.SUBJECTS.values():
    texts += subjects
for pool in s.SENTENCES.values():
    texts += pool
texts += list(s.TITLES.values()) + s.WORKSHOP_TITLES + s.WORKSHOP_AGENDA + s.COMMENTS
words, phrases = set(), set()
for text in texts:
    found = [w for w in re.findall(r"[^\\W\\d_]+", text.replace("{subject}", "").replace("{place}", "")) if len(w) >= 4]
    words.update(w.lower() for w in found if w.lower() not in STOP)
    for first, second in zip(found, found[1:]):
        if first.lower() not in STOP and second.lower() not in STOP:
            phrases.add(f"{first} {second}".lower())
words.update(name.lower() for name in District.objects.values_list("name", flat=True))
nothing = ["zxqwv", "helicóptero submarino", "criptomonedas", "pingüino antártico",
           "xilófono", "karaoke", "blockchain", "astronauta", "quidditch", "wxyz kpt"]
print(json.dumps({
    "password": PASSWORD,
    "members": [email for _, email in members],
    "member_fallback": members[0][1],
    "facilitators": [email for _, email in facilitators],
    "lessons": lessons,
    "commented": commented,
    "workshops": list(workshops.values_list("slug", flat=True)),
    "open_workshops": open_workshops,
    "registration_workshops": registration_workshops,
    "moderation": waiting,
    "themes": list(themes_selectors.themes_ordered().values_list("slug", flat=True)),
    "kinds": [k for k, _ in ContributionKind.choices],
    "sectors": [k for k, _ in Sector.choices],
    "provinces": list(Province.objects.values_list("slug", flat=True)),
    "institutions": list(Institution.objects.filter(name__startswith=s.INSTITUTION_PREFIX).values_list("pk", flat=True)[:200]),
    "tags": list(Tag.objects.annotate(n=Count("themes_taggedcontribution_items")).order_by("-n").values_list("slug", flat=True)[:60]),
    "years": sorted({d.year for d in public.dates("first_published_at", "year")}),
    "words": sorted(words) + sorted(phrases),
    "nothing": nothing,
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
        # Longer than the simulated people's 1-3 s between pages: gunicorn's default (2 s)
        # closed their idle connections just as they were reused (status 0 in Locust).
        "--keep-alive",
        "10",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited at start (exit {process.returncode}).")
        try:
            if request(f"http://{HOST}:{port}/healthz", timeout=5)[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    stop(process)
    raise BenchError(f"gunicorn did not answer /healthz within {START_TIMEOUT} s.")


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


# ---- wrk (the baseline and the uncached scenario)

ROTATE_LUA = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local i = 0
wrk.headers["X-Forwarded-Proto"] = "https"
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format(
    "JSON {\\"requests\\": %d, \\"seconds\\": %f, \\"errors\\": %d, \\"p50\\": %f, \\"p95\\": %f, \\"p99\\": %f}\\n",
    summary.requests, summary.duration / 1e6, errors, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Figures:
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    requests: int


def settle(base: str, timeout: float = 60.0) -> None:
    """Wait until the server has answered what the previous run left queued (wrk stops
    with requests still waiting for a worker), so that one measurement does not pay for
    the last: until the baseline view answers within 0.2 s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            request(base + "/bench/baseline", timeout=timeout)
        if time.monotonic() - started < 0.2:
            return


def wrk_paths(binary: str, base: str, paths: list[str], seconds: int, connections: int) -> Figures:
    """wrk over `paths` in turn (each request the next address), with p50/p95/p99."""
    settle(base)
    with tempfile.TemporaryDirectory(prefix="col-bench-wrk-") as folder:
        script = Path(folder, "rotate.lua")
        script.write_text(ROTATE_LUA)
        listing = Path(folder, "paths.txt")
        listing.write_text("\n".join(paths) + "\n")
        command = [
            binary,
            f"-t{min(WRK_THREADS, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base + paths[0],
        ]
        env = {**os.environ, "BENCH_PATHS": str(listing)}
        result = subprocess.run(command, text=True, capture_output=True, env=env)
    if result.returncode:
        raise BenchError(f"wrk failed: {result.stderr.strip()}")
    found = re.search(r"^JSON (.*)$", result.stdout, re.M)
    if not found:
        raise BenchError(f"Could not read wrk's output:\n{result.stdout}")
    data = json.loads(found.group(1))
    return Figures(
        rps=data["requests"] / data["seconds"] if data["seconds"] else 0.0,
        p50_ms=data["p50"],
        p95_ms=data["p95"],
        p99_ms=data["p99"],
        errors=data["errors"],
        requests=data["requests"],
    )


def baseline(binary: str, base: str, seconds: int = BASELINE_DURATION) -> Figures:
    return wrk_paths(binary, base, ["/bench/baseline"], seconds, CONNECTIONS)


# ---- the addresses of each kind of public page (the uncached scenario, the x10 comparison)


def filtered_list_paths(data: dict, count: int, rng: random.Random) -> list[str]:
    paths = []
    for _ in range(count):
        params = {
            "theme": rng.choice(data["themes"]),
            "kind": rng.choice(data["kinds"]),
            "sort": rng.choice(("newest", "oldest", "title")),
        }
        extra = rng.choice(("province", "sector", "tag", "year", ""))
        if extra:
            params[extra] = rng.choice(data[extra + "s"] if extra != "year" else data["years"])
        if rng.random() < 0.3:
            params["page"] = rng.randint(2, 4)
        paths.append("/lecciones/?" + urlencode(params))
    return paths


def kind_paths(data: dict, rng: random.Random) -> dict[str, list[str]]:
    """A few hundred different addresses per kind of public page, so that no two requests
    in a row ask the same (nothing is served twice from what the previous one computed)."""
    lessons = rng.sample(data["lessons"], min(400, len(data["lessons"])))
    words = data["words"]
    return {
        "home": ["/"],
        "lessons list": [f"/lecciones/?page={n}" for n in range(1, 30)],
        "lessons filtered": filtered_list_paths(data, 400, rng),
        "lesson detail": [f"/lecciones/{slug}/" for slug in lessons],
        "search": ["/buscar/?" + urlencode({"q": word}) for word in rng.sample(words, len(words))],
        "theme page": [f"/temas/{slug}/" for slug in data["themes"]],
        "workshop list": [f"/talleres/?page={n}" for n in range(1, 6)],
        "workshop detail": [
            f"/talleres/{slug}/"
            for slug in rng.sample(data["workshops"], min(300, len(data["workshops"])))
        ],
        "feed (RSS)": ["/lecciones/rss/"],
    }


# ---- Locust (the mix)


def run_mix(base: str, data: dict, folder: Path) -> tuple[list[dict], dict, float]:
    """The mix, headless: per kind of page its figures from Locust's CSV, and the share
    served from the page cache (counted in the locustfile's request hook)."""
    data_file = folder / "locust-data.json"
    data_file.write_text(json.dumps(data))
    cache_file = folder / "page-cache.json"
    prefix = folder / "mix"
    command = [
        str(Path(PYTHON).with_name("locust")),
        "-f",
        str(ROOT / "tests" / "perf" / "locustfile.py"),
        "--headless",
        "--host",
        base,
        "-u",
        str(MIX_USERS),
        "-r",
        str(MIX_SPAWN_RATE),
        "--run-time",
        f"{MIX_DURATION}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    env = {**os.environ, "COL_LOCUST_DATA": str(data_file), "COL_LOCUST_CACHE_OUT": str(cache_file)}
    result = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=True)
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise BenchError(f"Locust did not run (exit {result.returncode}):\n{result.stderr[-3000:]}")
    with stats_file.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    cache = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    total = next((row for row in rows if row["Name"] == "Aggregated"), None)
    rows = [row for row in rows if row["Name"] != "Aggregated"]
    return rows, cache, float(total["Requests/s"]) if total else 0.0


def mix_table(rows: list[dict], cache: dict, baseline_rps: float) -> tuple[list[str], list[str]]:
    header = (
        f"{'kind of page':<34} {'reqs':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'errors':>6} {'cached':>6} {'/base':>6}  target (p95<{MIX_P95_MS:.0f}, p99<{MIX_P99_MS:.0f}, 0 err)"
    )
    lines = [header, "-" * len(header)]
    missed = []
    for row in sorted(rows, key=lambda r: r["Name"]):
        name = row["Name"]
        count = int(row["Request Count"])
        failures = int(row["Failure Count"])
        p50, p95, p99 = (float(row[k] or 0) for k in ("50%", "95%", "99%"))
        answers, hits = cache.get(name, [0, 0])
        share = f"{hits / answers:.0%}" if answers else "-"
        rps = float(row["Requests/s"])
        problems = []
        if failures:
            problems.append("errors")
        if p95 >= MIX_P95_MS:
            problems.append("p95")
        if p99 >= MIX_P99_MS:
            problems.append("p99")
        if problems:
            missed.append(f"mix {name}: " + ", ".join(problems))
        verdict = "met" if not problems else "MISSED (" + ", ".join(problems) + ")"
        lines.append(
            f"{name[:34]:<34} {count:>6} {rps:>7.1f} {p50:>6.0f} {p95:>6.0f} {p99:>6.0f} "
            f"{failures:>6} {share:>6} {rps / baseline_rps if baseline_rps else 0:>6.1%}  {verdict}"
        )
    return lines, missed


# ---- report


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


def memory_lines(gunicorn: subprocess.Popen) -> list[str]:
    lines = []
    for pid in worker_pids(gunicorn.pid):
        peak = peak_rss_kib(pid)
        lines.append(f"  worker {pid}: {peak / 1024:.1f} MiB" if peak else f"  worker {pid}: ?")
    return lines


def warm_up(base: str, paths: dict[str, list[str]]) -> None:
    # Every worker imports the URL conf and loads the templates on its first requests.
    for kind_paths_ in paths.values():
        for path in kind_paths_[: 2 * WORKERS]:
            request(base + path)


def uncached_scenario(
    binary: str, base: str, paths: dict[str, list[str]]
) -> tuple[list[str], list[str]]:
    """Page cache off: each public kind of page at CONNECTIONS connections, compared with
    the baseline measured right after it."""
    header = (
        f"{'kind of page (uncached)':<24} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'errors':>6} {'base/s':>7} {'ratio':>6}  target (>= {UNCACHED_RATIO:.0%} of baseline)"
    )
    lines = [header, "-" * len(header)]
    missed = []
    for kind, kind_paths_ in paths.items():
        figures = wrk_paths(binary, base, kind_paths_, UNCACHED_DURATION, CONNECTIONS)
        base_rps = baseline(binary, base).rps
        ratio = figures.rps / base_rps if base_rps else 0.0
        problems = []
        if ratio < UNCACHED_RATIO:
            problems.append("throughput")
        if figures.errors:
            problems.append("errors")
        if problems:
            missed.append(f"uncached {kind}: " + ", ".join(problems))
        lines.append(
            f"{kind:<24} {figures.rps:>7.1f} {figures.p50_ms:>6.0f} {figures.p95_ms:>6.0f} "
            f"{figures.p99_ms:>6.0f} {figures.errors:>6} {base_rps:>7.0f} {ratio:>6.1%}  "
            + ("met" if not problems else "MISSED (" + ", ".join(problems) + ")")
        )
        say(lines[-1])
    return lines, missed


def single_client(binary: str, base: str, paths: dict[str, list[str]]) -> dict[str, Figures]:
    """One client at a time, uncached: the kinds of page compared across data sizes."""
    return {
        kind: wrk_paths(binary, base, paths[kind], SINGLE_DURATION, 1)
        for kind in ("search", "lessons filtered", "lesson detail")
    }


def scale_table(
    x1: dict[str, Figures], x10: dict[str, Figures] | None
) -> tuple[list[str], list[str]]:
    header = f"{'one client, uncached':<20} {'x1 p50':>7} {'x1 p95':>7}" + (
        f" {'x10 p50':>8} {'x10 p95':>8} {'p95 x10/x1':>10}" if x10 else ""
    )
    lines = [header, "-" * len(header)]
    missed = []
    for kind, figures in x1.items():
        line = f"{kind:<20} {figures.p50_ms:>7.1f} {figures.p95_ms:>7.1f}"
        if kind == "search" and figures.p95_ms >= SEARCH_P95_MS:
            missed.append(
                f"single-client search p95 {figures.p95_ms:.0f} ms >= {SEARCH_P95_MS:.0f}"
            )
        if x10:
            other = x10[kind]
            growth = other.p95_ms / figures.p95_ms if figures.p95_ms else 0.0
            line += f" {other.p50_ms:>8.1f} {other.p95_ms:>8.1f} {growth:>9.2f}x"
            if growth > SCALE_GROWTH:
                missed.append(f"x10 {kind}: p95 grew {growth:.2f}x (> {SCALE_GROWTH}x)")
        lines.append(line)
    return lines, missed


def prepare(env: dict) -> dict:
    code = (
        f"PASSWORD = {BENCH_PASSWORD!r}\nMEMBERS = {MIX_USERS}\nFACILITATORS = 5\n"
        f"MODERATION = {MODERATION}\n" + PREPARE_CODE
    )
    return shell(env, code)


def serve(env: dict, page_cache: bool) -> tuple[subprocess.Popen, str]:
    port = free_port()
    gunicorn = start_gunicorn(
        {**env, "PAGE_CACHE_ENABLED": "true" if page_cache else "false"}, port
    )
    return gunicorn, f"http://{HOST}:{port}"


def main() -> int:
    started = time.monotonic()
    gunicorn = None
    static_root = Path(tempfile.mkdtemp(prefix="col-bench-static-"))
    folder = Path(tempfile.mkdtemp(prefix="col-bench-run-"))
    report: list[str] = []
    missed: list[str] = []
    rng = random.Random(13)
    try:
        binary = ensure_wrk()
        env = portal_env(static_root, DATABASE_URL)
        ensure_database(DATABASE_URL)
        ensure_seeded(env, 1)
        manage(env, "collectstatic", "--noinput", "-v", "0")
        data = prepare(env)
        paths = kind_paths(data, rng)
        say(
            f"Data: {len(data['lessons']):,} public lessons, {len(data['words'])} words and "
            f"phrases to search, {len(data['moderation'])} contributions waiting for review."
        )

        # 1. The mix, with the page cache (production settings).
        gunicorn, base = serve(env, page_cache=True)
        warm_up(base, paths)
        before = baseline(binary, base)
        say(f"Baseline before the mix: {before.rps:.0f} req/s.")
        say(
            f"The mix: {MIX_USERS} simulated people, 1-3 s between pages, {MIX_DURATION}s "
            f"(gunicorn {WORKERS} workers x {THREADS} threads)."
        )
        rows, cache, mix_rps = run_mix(base, data, folder)
        after = baseline(binary, base)
        base_rps = (before.rps + after.rps) / 2
        lines, problems = mix_table(rows, cache, base_rps)
        missed += problems
        report += [
            f"The mix ({MIX_USERS} users, {MIX_DURATION}s): {mix_rps:.1f} req/s in all, "
            f"{mix_rps / base_rps if base_rps else 0:.1%} of the baseline "
            f"({before.rps:.0f} before, {after.rps:.0f} after; p50/p95/p99 in ms).",
            *lines,
            "",
            "Peak memory (VmHWM) of the gunicorn workers after the mix:",
            *memory_lines(gunicorn),
            "",
        ]
        stop(gunicorn)

        # 2. Without the page cache.
        gunicorn, base = serve(env, page_cache=False)
        warm_up(base, paths)
        lines, problems = uncached_scenario(binary, base, paths)
        missed += problems
        report += [
            f"Without the page cache, {CONNECTIONS} connections, {UNCACHED_DURATION}s each:",
            *lines,
            "",
        ]
        x1 = single_client(binary, base, paths)
        stop(gunicorn)

        # 3. Ten times the data.
        x10 = None
        if X10:
            env10 = portal_env(static_root, X10_DATABASE_URL)
            ensure_database(X10_DATABASE_URL)
            ensure_seeded(env10, 10)
            data10 = prepare(env10)
            paths10 = kind_paths(data10, random.Random(13))
            gunicorn, base = serve(env10, page_cache=False)
            warm_up(base, paths10)
            x10 = single_client(binary, base, paths10)
            stop(gunicorn)
        lines, problems = scale_table(x1, x10)
        missed += problems
        report += [
            f"One client, page cache off, {SINGLE_DURATION}s each"
            + (" (x1 and x10 data):" if x10 else " (x10: set BENCH_X10=1):"),
            *lines,
        ]
    except BenchError as error:
        say(f"make bench: {error}")
        return 2
    finally:
        if gunicorn is not None:
            stop(gunicorn)
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)

    say()
    say(f"Machine: {machine()}.")
    say()
    for line in report:
        say(line)
    say()
    say(f"Total time: {time.monotonic() - started:.0f}s.")
    if missed:
        say("Targets MISSED: " + "; ".join(missed) + ".")
        return 1
    say("All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
