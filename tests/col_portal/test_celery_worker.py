"""The periodic work on the embedded default: `make run` starts a real Celery worker with
beat on the filesystem broker (no server), which delivers what the portal enqueues and runs
the outbox sweep on its schedule, printing the e-mails to the console.

Here that worker runs as a subprocess on the test database (a copy of it on SQLite), with
its broker folder in a temporary directory and the sweep every second (OUTBOX_SWEEP_SECONDS).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from members.models import Notification
from tests.factories import MemberFactory
from tests.processes import bytecode_environment

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 90


def _database_url(tmp_path: Path) -> str:
    """The test database as the worker reaches it: on SQLite (in memory here) a file copy."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return f"sqlite:///{copy}"
    from tests.faults.conftest import test_database_url

    return test_database_url()


def _sent_at(database_url: str, pk: int):
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute(
                "SELECT sent_at FROM members_notification WHERE id = ?", [pk]
            ).fetchone()[0]
    return Notification.objects.get(pk=pk).sent_at


def _notification(member, subject: str, *, minutes_ago: int) -> Notification:
    notification = Notification.objects.create(
        recipient=member,
        email=member.email,
        kind="workshop_reminder",
        subject=subject,
        body_text="Un recordatorio: el taller empieza mañana.",
    )
    # created_at is auto_now_add: age it with an update.
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return notification


def _wait_for(log: Path, text: str, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        output = log.read_text(errors="replace")
        if text in output:
            return output
        if process.poll() is not None:
            break
        time.sleep(0.5)
    pytest.fail(f"{text!r} not printed within {WAIT_SECONDS}s:\n{log.read_text()[-4000:]}")


@pytest.mark.django_db(transaction=True)
def test_worker_with_beat_on_the_filesystem_broker_delivers_to_the_console(tmp_path):
    member = MemberFactory(email="rosa.quispe@example.org")
    swept = _notification(member, "Recordatorio por el barrido", minutes_ago=5)
    queued = _notification(member, "Recordatorio encolado", minutes_ago=0)
    database_url = _database_url(tmp_path)
    broker = tmp_path / "broker"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        **bytecode_environment(),
        "DJANGO_SETTINGS_MODULE": "col_portal.settings",
        "ENV_FILE": str(tmp_path / "no.env"),
        "DEBUG": "true",  # as make run sets it
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_BROKER_FOLDER": str(broker),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "OUTBOX_SWEEP_SECONDS": "1",
        "EMAIL_URL": "consolemail://",
    }
    log = tmp_path / "worker.log"
    command = [
        *(sys.executable, "-m", "celery", "-A", "col_portal", "worker", "--beat"),
        *("--pool", "solo", "--loglevel", "INFO"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with log.open("wb") as output:
        worker = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        # Beat's sweep finds the pending notification (older than a minute) and the
        # console backend prints the e-mail.
        printed = _wait_for(log, "Subject: Recordatorio por el barrido", worker)
        assert "To: rosa.quispe@example.org" in printed
        assert "Un recordatorio: el taller empieza mañana." in printed

        # What the portal enqueues (a file in the broker folder) the worker delivers: the
        # sweep would leave this one, younger than a minute, to its own task.
        producer = Celery("portal", broker="filesystem://", set_as_current=False)
        producer.conf.broker_transport_options = {
            "data_folder_in": str(broker / "queue"),
            "data_folder_out": str(broker / "queue"),
            "control_folder": str(broker / "control"),
        }
        producer.send_task("members.tasks.deliver_notification", args=[queued.pk])
        _wait_for(log, "Subject: Recordatorio encolado", worker)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
    assert _sent_at(database_url, swept.pk) is not None
    assert _sent_at(database_url, queued.pk) is not None
