"""Benchmark of the public lessons pages on 20,000 contributions, on PostgreSQL.

Seeds the synthetic data (tests/perf/seed_bulk.py), then times the list, a filtered list
(theme + province + tag), a search and a detail page: BENCH_ITERATIONS requests each
(50) after BENCH_WARMUP (5), through Django's test client in-process (view, ORM,
templates; no network, no web server). Prints median, p95, max, the number of queries and
the slowest query of each page, and the median CPU time of the portal's own process
(views, ORM, templates; the database works in its own process), which other load on the
machine disturbs less than the wall time. The target is a p95 under 100 ms on the 2-core
development machine. The figures are printed, never asserted: only the status codes are.

Run: see tests/perf/conftest.py. BENCH_SHOW_SQL=1 also prints each page's slowest
queries, to find a missing index.
"""

import os
import platform
import statistics
from dataclasses import dataclass
from itertools import cycle, islice
from time import perf_counter, process_time
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Province, User
from tests.perf import seed_bulk
from themes import selectors
from themes.models import TaggedContribution, Theme

from .conftest import TARGET_P95_MS

CONTRIBUTIONS = int(os.environ.get("BENCH_CONTRIBUTIONS", "20000"))
ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", "50"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))
SHOW_SQL = os.environ.get("BENCH_SHOW_SQL", "") not in ("", "0")

SEARCHES = [
    "agua",
    "canon minero",
    "calidad del aire",
    "proveedores locales",
    "riego tecnificado",
    "alpacas",
    "transparencia contrataciones",
    "relaves",
]

pytestmark = [pytest.mark.perf, pytest.mark.django_db]


@dataclass
class Scenario:
    name: str
    urls: list[str]
    member: bool = False


@pytest.fixture(scope="module")
def scenarios(request, django_db_setup, django_db_blocker) -> list[Scenario]:
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with django_db_blocker.unblock():
        existing = seed_bulk.synthetic_contributions().count()
        with capture.global_and_fixture_disabled():
            print()
            if existing >= CONTRIBUTIONS:
                print(f"Benchmark: reusing {existing:,} synthetic contributions.")
            else:
                call_command("seed_core_group", verbosity=0)
                print(f"Benchmark: seeding {CONTRIBUTIONS - existing:,} contributions.")
                call_command(
                    seed_bulk.Command(),
                    contributions=CONTRIBUTIONS - existing,
                    workshops=0,
                    force=True,
                )
        yield _scenarios()


def _scenarios() -> list[Scenario]:
    public = selectors.public_contributions()
    themes = list(Theme.objects.order_by("order").values_list("slug", flat=True))
    popular_tags = list(
        TaggedContribution.objects.filter(content_object__in=public.values("pk"))
        .values("tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("tag__slug", flat=True)[:5]
    )
    lesson_list = reverse("themes:lesson_list")
    filtered = [
        f"{lesson_list}?{urlencode({'theme': theme, 'province': province, 'tag': tag})}"
        for theme, province, tag in islice(
            zip(
                cycle(themes),
                cycle(Province.objects.values_list("slug", flat=True)),
                cycle(popular_tags),
                strict=False,
            ),
            12,
        )
    ]
    with_comments = list(
        public.filter(slug__startswith=seed_bulk.SLUG_PREFIX, comments__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("slug", flat=True)
    )
    step = max(len(with_comments) // 50, 1)
    details = [
        reverse("themes:lesson_detail", kwargs={"slug": slug}) for slug in with_comments[::step]
    ][:50]
    return [
        Scenario("list", [lesson_list]),
        Scenario("list, page 20", [f"{lesson_list}?page=20"]),
        Scenario("filtered list", filtered),
        Scenario("search", [f"{lesson_list}?{urlencode({'q': q})}" for q in SEARCHES]),
        Scenario("detail", details),
        Scenario("list (member)", [lesson_list], member=True),
        Scenario("search (member)", [f"{lesson_list}?q=agua"], member=True),
    ]


def _client(member: bool) -> Client:
    client = Client()
    if member:
        client.force_login(
            User.objects.filter(email__endswith=f"@{seed_bulk.EMAIL_DOMAIN}").order_by("pk")[0]
        )
    return client


def _time(client: Client, url: str) -> tuple[float, float]:
    """Wall time and this process's CPU time (the portal's Python side), in ms."""
    started, cpu_started = perf_counter(), process_time()
    response = client.get(url)
    elapsed, cpu = (perf_counter() - started) * 1000, (process_time() - cpu_started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, cpu


def _queries(client: Client, url: str):
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return sorted(captured.captured_queries, key=lambda q: -float(q["time"]))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def test_lessons_pages(scenarios, report):
    visible = selectors.public_contributions().count()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    report.append(
        f"Lessons pages: {visible:,} public contributions, PostgreSQL {server}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"{ITERATIONS} requests each after {WARMUP} warm-up, test client in-process."
    )
    report.append(
        "Load average at the start: {:.1f} {:.1f} {:.1f} (other work on the machine slows "
        "every figure).".format(*os.getloadavg())
    )
    header = (
        f"{'page':<18}{'median':>9}{'p95':>9}{'max':>9}{'py cpu':>9}{'queries':>9}{'slowest q':>11}"
        f"   p95 < {TARGET_P95_MS:.0f} ms"
    )
    report += [header, "-" * len(header)]
    sql = []
    for scenario in scenarios:
        assert scenario.urls, scenario.name
        client = _client(scenario.member)
        urls = list(islice(cycle(scenario.urls), WARMUP + ITERATIONS))
        for url in urls[:WARMUP]:
            _time(client, url)
        measured = [_time(client, url) for url in urls[WARMUP:]]
        times = [wall for wall, _cpu in measured]
        cpu = statistics.median(cpu for _wall, cpu in measured)
        queries = _queries(client, scenario.urls[0])
        slowest = float(queries[0]["time"]) * 1000 if queries else 0.0
        meets = p95(times) < TARGET_P95_MS
        report.append(
            f"{scenario.name:<18}{statistics.median(times):>7.1f}ms{p95(times):>7.1f}ms"
            f"{max(times):>7.1f}ms{cpu:>7.1f}ms{len(queries):>9}{slowest:>9.1f}ms   "
            + ("yes" if meets else "NO")
        )
        if SHOW_SQL:
            sql.append(f"{scenario.name}: {scenario.urls[0]}")
            sql += [f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][:400]}" for q in queries[:3]]
    report += sql
