"""Benchmark of the workshop pages on 2,000 workshops and 50,000 registrations, on PostgreSQL.

Seeds the synthetic workshops (tests/perf/seed_bulk.py, seconds; its synthetic members and
institutions are reused when the lessons benchmark made them), then times the public list
(upcoming, past, a later page), the list as a member (with their own registrations), a
workshop's page (visitor and member) and, in the Wagtail admin as a facilitator, the
dashboard (upcoming workshops with seats and waitlist, overdue commitments, participation
by sector over 12 months) and the workshops listing: BENCH_ITERATIONS requests each (50)
after BENCH_WARMUP (5), through Django's test client in-process. Prints median, p95, max,
the portal process's CPU time, the number of queries and the slowest query of each page.
The figures are printed, never asserted: only the status codes are.

Run: see tests/perf/conftest.py. Settings through the environment: BENCH_WORKSHOPS
(2000), BENCH_REGISTRATIONS (50000), BENCH_ITERATIONS, BENCH_WARMUP; BENCH_SHOW_SQL=1
also prints each page's slowest queries.
"""

import os
import platform
import statistics
from dataclasses import dataclass
from itertools import cycle, islice
from time import perf_counter, process_time

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members import roles
from members.models import Institution, User
from tests.perf import seed_bulk
from workshops import selectors
from workshops.models import Registration, Workshop

from .conftest import TARGET_P95_MS

WORKSHOPS = int(os.environ.get("BENCH_WORKSHOPS", "2000"))
REGISTRATIONS = int(os.environ.get("BENCH_REGISTRATIONS", "50000"))
ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", "50"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))
SHOW_SQL = os.environ.get("BENCH_SHOW_SQL", "") not in ("", "0")
FACILITATOR_EMAIL = f"facilitadora.benchmark@{seed_bulk.EMAIL_DOMAIN}"

pytestmark = [pytest.mark.perf, pytest.mark.django_db]


@dataclass
class Scenario:
    name: str
    urls: list[str]
    user: str = "anonymous"  # or "member", "facilitator"


def synthetic_workshops():
    return Workshop.objects.filter(slug__startswith=seed_bulk.WORKSHOP_SLUG_PREFIX)


@pytest.fixture(scope="module")
def scenarios(request, django_db_setup, django_db_blocker) -> list[Scenario]:
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with django_db_blocker.unblock():
        existing = synthetic_workshops().count()
        with capture.global_and_fixture_disabled():
            print()
            if existing >= WORKSHOPS:
                print(f"Benchmark: reusing {existing:,} synthetic workshops.")
            else:
                missing = WORKSHOPS - existing
                call_command("seed_core_group", verbosity=0)
                print(f"Benchmark: seeding {missing:,} workshops.")
                call_command(
                    seed_bulk.Command(),
                    contributions=0,
                    workshops=missing,
                    registrations=REGISTRATIONS * missing // WORKSHOPS,
                    force=True,
                )
        _facilitator()
        yield _scenarios()


def _facilitator() -> User:
    """A facilitator of the synthetic domain (seed_bulk --purge removes it)."""
    user, _created = User.objects.get_or_create(
        email=FACILITATOR_EMAIL,
        defaults={
            "full_name": "Facilitadora sintética del benchmark",
            "institution": Institution.objects.filter(
                name__startswith=seed_bulk.INSTITUTION_PREFIX
            ).first(),
        },
    )
    roles.set_role(user, "facilitator")
    return user


def _busiest_member() -> User:
    """The synthetic member with the most registrations: the heaviest "my registration"."""
    registrations = Registration.objects.filter(
        user__email__endswith=f"@{seed_bulk.EMAIL_DOMAIN}"
    ).exclude(user__email=FACILITATOR_EMAIL)
    top = registrations.values("user").annotate(n=Count("pk")).order_by("-n").first()
    return User.objects.get(pk=top["user"])


def _scenarios() -> list[Scenario]:
    now = timezone.now()
    public = selectors.public_workshops().filter(slug__startswith=seed_bulk.WORKSHOP_SLUG_PREFIX)
    upcoming = list(public.filter(ends_at__gte=now).order_by("pk").values_list("slug", flat=True))
    past = list(public.filter(ends_at__lt=now).order_by("pk").values_list("slug", flat=True))
    # 25 upcoming and 25 past ones, spread over the whole range.
    sample = upcoming[:: max(len(upcoming) // 25, 1)][:25] + past[:: max(len(past) // 25, 1)][:25]
    details = [reverse("workshops:detail", kwargs={"slug": slug}) for slug in sample]
    workshop_list = reverse("workshops:list")
    past_pages = -(-len(past) // 12)
    return [
        Scenario("list", [workshop_list]),
        Scenario("list, past", [f"{workshop_list}?periodo=pasados"]),
        Scenario(
            "list, past p.20", [f"{workshop_list}?periodo=pasados&page={min(20, past_pages)}"]
        ),
        Scenario("list (member)", [workshop_list], user="member"),
        Scenario("detail", details),
        Scenario("detail (member)", details, user="member"),
        Scenario("admin dashboard", [reverse("wagtailadmin_home")], user="facilitator"),
        Scenario("admin listing", [reverse("workshop_admin:index")], user="facilitator"),
    ]


def _client(user: str) -> Client:
    client = Client()
    if user == "member":
        client.force_login(_busiest_member())
    elif user == "facilitator":
        client.force_login(User.objects.get(email=FACILITATOR_EMAIL))
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


def test_workshop_pages(scenarios, report):
    workshops = synthetic_workshops()
    registrations = Registration.objects.filter(workshop__in=workshops).count()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    report.append(
        f"Workshop pages: {workshops.count():,} workshops ({Workshop.objects.count():,} in "
        f"all), {registrations:,} registrations, PostgreSQL {server}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {ITERATIONS} requests each after {WARMUP} "
        "warm-up, test client in-process."
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
        client = _client(scenario.user)
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
