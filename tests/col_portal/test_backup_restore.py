"""manage.py backup and restore (django-dbbackup with the portal's manifest): content seeded,
backed up, restored into an EMPTY new database and fresh media folders, and found there; a
database that is not empty is not overwritten without --force; media in object storage are
left to the bucket.

SQLite always runs, in subprocesses on temporary files; PostgreSQL runs when the suite is on
PostgreSQL, restoring into a throwaway database (<test database>_restore) dropped at the end.
"""

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from resources.library_seed import tiny_pdf
from tests.factories import ContributionFactory, MemberFactory, ThemeFactory, WorkshopFactory
from themes import services

ROOT = Path(settings.BASE_DIR)
LESSON = "Mesa técnica del agua en el valle de Ilo"
WORKSHOP = "Taller de vigilancia del canon en Torata"
ATTACHMENT_BYTES = tiny_pdf(["Acta de la mesa técnica del agua"])
ON_POSTGRESQL = connection.vendor == "postgresql"

# Run in the subprocess that makes the SQLite database to back up (the same content as the
# PostgreSQL test seeds in-process).
SEED = f"""
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from tests.factories import ContributionFactory, MemberFactory, ThemeFactory, WorkshopFactory
from themes import services

call_command("migrate", verbosity=0)
member = MemberFactory()
institution = member.institution
institution.logo.save("logo.png", ContentFile(b"not checked here"), save=True)
theme = ThemeFactory()
ContributionFactory(title={LESSON!r}, author=member, primary_theme=theme)
services.contribution_save_draft(
    user=member,
    fields={{"title": "Borrador con acta", "summary": "Resumen.", "primary_theme": theme}},
    new_attachments=[("Acta", SimpleUploadedFile("acta.pdf", {ATTACHMENT_BYTES!r}))],
)
WorkshopFactory(title={WORKSHOP!r})
call_command("backup")
"""


def manage(*args, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=check,
    )


def portal_env(tmp_path: Path, name: str, database_url: str) -> dict:
    """The environment of a portal process of its own: database, media folders, backups."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}
    }
    env.update(
        {
            "ENV_FILE": "/nonexistent",
            "DEBUG": "True",
            "CELERY_TASK_ALWAYS_EAGER": "true",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(tmp_path / f"{name}-media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / f"{name}-private"),
            "BACKUP_DIR": str(tmp_path / "backups"),
        }
    )
    return env


def files_under(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def only_dump(folder: Path) -> Path:
    """The database backup of the only backup in the folder."""
    [dump] = folder.glob("default-portal-*.gz")
    return dump


def manifest_of(dump: Path) -> dict:
    return json.loads(Path(f"{dump}.metadata").read_text())["manifest"]


def test_sqlite_backup_restores_into_an_empty_database(tmp_path):
    source = portal_env(tmp_path, "source", f"sqlite:///{tmp_path / 'source.sqlite3'}")
    manage("shell", "-c", SEED, env=source)
    dump = only_dump(tmp_path / "backups")
    assert dump.name.endswith(".sqlite3.gz")
    manifest = manifest_of(dump)
    assert manifest["counts"]["contributions"] == 2
    assert manifest["counts"]["workshops"] == 1
    # Personal data: the files are for their owner only.
    assert {path.stat().st_mode & 0o777 for path in dump.parent.iterdir()} == {0o600}

    restored_db = tmp_path / "restored.sqlite3"
    target = portal_env(tmp_path, "restored", f"sqlite:///{restored_db}")
    result = manage("restore", env=target)  # the newest backup

    assert "matches the backup's manifest" in result.stdout
    with sqlite3.connect(restored_db) as db:
        titles = {row[0] for row in db.execute("SELECT title FROM themes_contribution")}
        workshops = [row[0] for row in db.execute("SELECT title FROM workshops_workshop")]
        [attachment] = db.execute("SELECT file FROM themes_contributionattachment").fetchall()
    assert LESSON in titles
    assert workshops == [WORKSHOP]
    # The files are back, byte for byte, in the fresh folders.
    private = files_under(Path(target["PRIVATE_MEDIA_ROOT"]))
    assert private == files_under(Path(source["PRIVATE_MEDIA_ROOT"]))
    assert private[attachment[0]] == ATTACHMENT_BYTES
    assert files_under(Path(target["MEDIA_ROOT"])) == files_under(Path(source["MEDIA_ROOT"]))

    # Once restored, the database is no longer empty: a second restore is refused.
    again = manage("restore", dump.name, env=target, check=False)
    assert again.returncode != 0
    assert "Refusing to restore over existing content" in again.stderr
    assert "--force" in again.stderr

    # A restore that does not give back what the manifest counted fails, and says what differs.
    metadata = json.loads(Path(f"{dump}.metadata").read_text())
    metadata["manifest"]["counts"]["contributions"] = 3
    Path(f"{dump}.metadata").write_text(json.dumps(metadata))
    short = manage("restore", dump.name, "--force", env=target, check=False)
    assert short.returncode != 0
    assert "does not match the backup's manifest: contributions: 2 rows, 3 in the backup" in (
        short.stderr
    )


def seed_in_process():
    member = MemberFactory()
    theme = ThemeFactory()
    ContributionFactory(title=LESSON, author=member, primary_theme=theme)
    services.contribution_save_draft(
        user=member,
        fields={"title": "Borrador con acta", "summary": "Resumen.", "primary_theme": theme},
        new_attachments=[("Acta", SimpleUploadedFile("acta.pdf", ATTACHMENT_BYTES))],
    )
    WorkshopFactory(title=WORKSHOP)


@pytest.fixture
def restore_database():
    """A new, empty PostgreSQL database next to the test database, dropped at the end.
    Yields its URL and a function running a query there (a second connection)."""
    import psycopg2

    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    server = {
        key: value
        for key, value in {
            "host": params["HOST"],
            "port": params["PORT"],
            "user": params["USER"],
            "password": params["PASSWORD"],
        }.items()
        if value
    }

    def run(sql, dbname="postgres"):
        db = psycopg2.connect(dbname=dbname, **server)
        try:
            db.autocommit = True
            with db.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall() if cursor.description else None
        finally:
            db.close()

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    url = (
        f"postgres://{params['USER']}{password}@{params['HOST'] or '127.0.0.1'}:"
        f"{params['PORT'] or 5432}/{name}"
    )
    try:
        yield url, lambda sql: run(sql, dbname=name)
    finally:
        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL only (pg_dump, pg_restore)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_backup_restores_into_an_empty_database(tmp_path, restore_database, settings):
    settings.BACKUP_DIR = tmp_path / "backups"
    seed_in_process()
    out = io.StringIO()
    call_command("backup", stdout=out)
    dump = only_dump(tmp_path / "backups")
    assert dump.name.endswith(".psql.bin.gz")
    assert manifest_of(dump)["counts"]["attachments"] == 1
    assert "PRIVATE_MEDIA_ROOT: 1 files" in out.getvalue()

    url, query = restore_database
    target = portal_env(tmp_path, "restored", url)
    result = manage("restore", dump.name, env=target)

    assert "matches the backup's manifest" in result.stdout
    titles = {row[0] for row in query("SELECT title FROM themes_contribution")}
    workshops = [row[0] for row in query("SELECT title FROM workshops_workshop")]
    [attachment] = query("SELECT file FROM themes_contributionattachment")
    assert LESSON in titles
    assert workshops == [WORKSHOP]
    private = files_under(Path(target["PRIVATE_MEDIA_ROOT"]))
    assert private == files_under(Path(settings.PRIVATE_MEDIA_ROOT))
    assert private[attachment[0]] == ATTACHMENT_BYTES

    # The test database is not empty: restoring over it is refused, and nothing changes.
    with pytest.raises(CommandError, match="Refusing to restore over existing content"):
        call_command("restore", dump.name, stdout=io.StringIO())

    # With --force, the restored database is overwritten again (the same content).
    forced = manage("restore", dump.name, "--force", env=target)
    assert "matches the backup's manifest" in forced.stdout


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_media_in_object_storage_are_left_to_the_bucket(tmp_path, settings):
    """With uploads on S3 (or any storage that is not the local disk), the backup holds the
    database (and the folders still on this disk), and says so."""
    settings.BACKUP_DIR = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    out = io.StringIO()

    call_command("backup", stdout=out)

    assert "Skipped MEDIA_ROOT: the files are in object storage" in out.getvalue()
    assert "bucket's versioning and replication" in out.getvalue()
    assert manifest_of(only_dump(tmp_path))["counts"]["users"] == 0
    assert not list(tmp_path.glob("media-*"))


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_backup(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path
    bogus = tmp_path / "default-portal-2026-03-01-023000.sqlite3.gz"
    bogus.write_bytes(b"hola")

    with pytest.raises(CommandError, match="is not a backup of the portal"):
        call_command("restore", bogus.name, stdout=io.StringIO())
