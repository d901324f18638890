"""PostgreSQL restarted under load: the portal comes back by itself (connection health
checks, CONN_MAX_AGE > 0), and meanwhile answers a friendly 503, never a 500.

A PRIVATE cluster (initdb on a free loopback port) gets a copy of the migrated test
database and a little content; gunicorn serves the portal from it with production settings
while a few threads browse; the cluster is stopped (fast shutdown) and started again
during the load.
"""

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import pytest
from django.db import connection

from tests.faults.conftest import REPO, database_url, requires_postgresql, wait_until

LOAD_THREADS = 3
MAX_REQUESTS_PER_THREAD = 300


@dataclass
class Seen:
    phase: str
    path: str
    status: int
    retry_after: str
    friendly: bool
    traceback: bool


def copy_database(cluster, name: str) -> None:
    """The migrated test database, dumped into the private cluster (a migrate takes a
    minute); `manage.py migrate` when pg_dump cannot read the server (version mismatch)."""
    cluster.psql(f"CREATE DATABASE {name}")
    pg_dump = cluster.bindir / "pg_dump"
    source = database_url(connection.settings_dict).replace("postgres://", "postgresql://", 1)
    dump = (
        subprocess.run(
            [str(pg_dump), "--no-owner", "--no-privileges", "--dbname", source],
            capture_output=True,
            timeout=120,
        )
        if pg_dump.exists()
        else None
    )
    if dump is not None and dump.returncode == 0:
        subprocess.run(
            [
                str(cluster.bindir / "psql"),
                "--quiet",
                "-v",
                "ON_ERROR_STOP=1",
                "--dbname",
                cluster.url(name).replace("postgres://", "postgresql://", 1),
            ],
            input=dump.stdout,
            capture_output=True,
            timeout=120,
            check=True,
        )
        return
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=REPO,
        env={
            **{key: value for key, value in os.environ.items() if key != "REDIS_URL"},
            "DATABASE_URL": cluster.url(name),
            "ENV_FILE": "/nonexistent",
        },
        timeout=240,
        check=True,
    )


def seed(env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.faults.seed_private"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def observe(answer, phase: str, path: str) -> Seen:
    return Seen(
        phase=phase,
        path=path,
        status=answer.status,
        retry_after=answer.headers.get("retry-after", ""),
        friendly='class="page-error"' in answer.body and "503" in answer.body,
        traceback="Traceback" in answer.body or 'File "/' in answer.body,
    )


@requires_postgresql
@pytest.mark.django_db  # for the test database's name; its committed content is copied
def test_postgresql_restart_under_load(private_postgres, start_portal):
    began = time.monotonic()
    copy_database(private_postgres, "portal")
    copied = time.monotonic()
    database = private_postgres.url("portal")
    portal = start_portal(workers=2, threads=2, DATABASE_URL=database, CONN_MAX_AGE="300")
    started = time.monotonic()
    content = seed({**portal.env, "DATABASE_URL": database})
    print(
        f"\nDatabase copied in {copied - began:.1f}s, portal started in "
        f"{started - copied:.1f}s, seeded in {time.monotonic() - started:.1f}s"
    )
    session = content["session"]
    pages = [
        ("/", ""),
        ("/en/", ""),
        ("/talleres/", ""),
        (f"/talleres/{content['workshop']}/", ""),
        ("/lecciones/", ""),
        (f"/lecciones/{content['lesson']}/", ""),
        ("/mis-talleres/", session),  # a member's page: the session is read from the DB
    ]
    for path, cookie in pages:
        answer = portal.get(path, session=cookie)
        assert answer.status == 200, f"{path}: {answer.status}\n{portal.log_tail()}"

    phase = ["before"]
    seen: list[Seen] = []
    stop = threading.Event()

    def browse(offset: int):
        for number in range(MAX_REQUESTS_PER_THREAD):
            if stop.is_set():
                return
            path, cookie = pages[(offset + number) % len(pages)]
            began = phase[0]
            try:
                answer = portal.get(path, session=cookie, timeout=30)
            except OSError as error:  # pragma: no cover - reported by the assertion below
                seen.append(Seen(began, path, 0, "", False, False))
                print(f"{path}: {error}")
                continue
            # A request in flight when the phase changed belongs to neither phase.
            seen.append(observe(answer, began if phase[0] == began else "between", path))

    threads = [threading.Thread(target=browse, args=(n,)) for n in range(LOAD_THREADS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        phase[0] = "down"
        private_postgres.stop("fast")
        # While it is down: the friendly page, with Retry-After, and /healthz says so.
        down = portal.get("/en/talleres/")
        assert down.status == 503
        assert down.headers["retry-after"].isdigit()
        assert "The portal is temporarily unavailable" in down.body
        assert "Traceback" not in down.body
        health = portal.get("/healthz")
        assert health.status == 503
        assert json.loads(health.body)["checks"]["database"] == "error"
        time.sleep(1.5)
        phase[0] = "restarting"
        restarted = time.monotonic()
        private_postgres.start()
        wait_until(
            lambda: portal.get("/").status == 200, timeout=30, what="the portal to answer again"
        )
        phase[0] = "after"
        print(f"\nPortal answering again {time.monotonic() - restarted:.2f}s after the restart")
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)

    # Back for good, in every worker thread, without restarting gunicorn or its workers.
    batch: list[Seen] = []

    def check(path, cookie):
        batch.append(observe(portal.get(path, session=cookie), "final", path))

    checkers = [threading.Thread(target=check, args=page) for page in pages * 3]
    for thread in checkers:
        thread.start()
    for thread in checkers:
        thread.join(timeout=60)
    assert [(s.path, s.status) for s in batch if s.status != 200] == []
    assert portal.alive()
    assert portal.log_path.read_text().count("Booting worker") == portal.workers

    counts = {}
    for item in seen:
        counts.setdefault(item.phase, {}).setdefault(item.status, 0)
        counts[item.phase][item.status] += 1
    print(f"Answers by phase and status during the load: {counts}")
    assert seen, "the load threads sent nothing"
    assert [s for s in seen if s.traceback] == []
    assert {s.status for s in seen} <= {200, 503}, portal.log_tail()
    unfriendly = [s for s in seen if s.status == 503 and not (s.friendly and s.retry_after)]
    assert unfriendly == []
    assert [s for s in seen if s.phase in ("before", "after") and s.status != 200] == []
