"""Benchmarks: they seed tens of thousands of rows and print timings, so they run only when
asked for, never in the normal test run.

Run them with RUN_BENCHMARKS=1 (or `-m perf`) against PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/col_bench RUN_BENCHMARKS=1 \\
        .venv/bin/pytest tests/perf -q -p no:cacheprovider

pytest-django creates a test_ database and seeds it (`seed_bulk`, a few minutes); add
--reuse-db to keep it and skip the seeding next time. Settings through the environment:
BENCH_CONTRIBUTIONS (20000), BENCH_ITERATIONS (50), BENCH_WARMUP (5).

The tests of the seeding script itself (test_seed_bulk*.py) are ordinary quick tests and
run with the rest of the suite.

Collection stays cheap either way: the seeding lives in a fixture, which a skipped test
never sets up. The figures are printed in the terminal summary; nothing asserts a time.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ThemeFactory

PERF_DIR = Path(__file__).resolve().parent
TARGET_P95_MS = 100.0
RESULTS_KEY = pytest.StashKey[list[str]]()


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def benchmarks_requested(config) -> bool:
    if _truthy(os.environ.get("RUN_BENCHMARKS")):
        return True
    markexpr = (config.getoption("markexpr", default="") or "").replace(" ", "")
    return "perf" in markexpr and "notperf" not in markexpr


def _why_not(config) -> str | None:
    if not benchmarks_requested(config):
        return "benchmarks run only with RUN_BENCHMARKS=1 or -m perf"
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "benchmarks need PostgreSQL: set DATABASE_URL=postgres://..."
    return None


def pytest_collection_modifyitems(config, items):
    reason = None
    for item in items:
        path = Path(str(item.fspath)).resolve()
        if PERF_DIR not in path.parents or not path.name.startswith("test_bench_"):
            continue
        item.add_marker(pytest.mark.perf)
        reason = reason or _why_not(config) or ""
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(RESULTS_KEY, [])
    if lines:
        terminalreporter.section("benchmark figures")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def report(request):
    """Lines to print in the terminal summary (pytest captures a test's own output)."""
    return request.config.stash.setdefault(RESULTS_KEY, [])


@pytest.fixture
def debug_on(settings):
    """The seeding script refuses to run with DEBUG off (unless forced)."""
    settings.DEBUG = True


@pytest.fixture
def themes(db):
    """Two of the four themes, for the seeding script to spread its rows over."""
    return [
        ThemeFactory(slug="recursos-hidricos", order=3),
        ThemeFactory(slug="brechas-y-renta-minera", order=1),
    ]
