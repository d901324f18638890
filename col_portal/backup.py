"""Backups with django-dbbackup, plus what it lacks: a manifest of the key tables' row counts
(and the migrations applied) in every database backup, and the check of a restored database
against it.

A backup is a set of files in STORAGES["dbbackup"] (BACKUP_DIR) sharing one date and time:

- ``default-<host>-<date>.psql.bin.gz`` (pg_dump --format=custom) or ``….sqlite3.gz``
  (SQLite's online backup API): dbbackup's dump, with ``<dump>.metadata`` beside it, which
  holds the manifest;
- ``media-<date>.tar.gz`` and ``private-<date>.tar.gz``: mediabackup of MEDIA_ROOT and of
  PRIVATE_MEDIA_ROOT (members-only attachments and documents), when they are on this disk.

The manifest is read in the dump's own snapshot (PostgreSQL: pg_dump --snapshot; SQLite: from
the copy), so a restore can be checked against it while the portal goes on writing.
`manage.py backup` and `manage.py restore` put the pieces together.
"""

import json
import shutil
import sqlite3
import tarfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from tempfile import NamedTemporaryFile

from dbbackup.db.postgresql import PgDumpBinaryConnector
from dbbackup.db.sqlite import SqliteBackupConnector
from dbbackup.management.commands import mediabackup, mediarestore
from dbbackup.storage import Storage
from django.apps import apps
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction

from members.storage import PrivateStorage, private_storage

MANIFEST_FORMAT = 1

# What the manifest counts, to check a restore: name -> model.
KEY_TABLES = {
    "institutions": "members.Institution",
    "users": "members.User",
    "contributions": "themes.Contribution",
    "attachments": "themes.ContributionAttachment",
    "comments": "themes.Comment",
    "workshops": "workshops.Workshop",
    "registrations": "workshops.Registration",
    "resources": "resources.Resource",
    "documents": "resources.PrivateDocument",
    "images": "wagtailimages.Image",
    "pages": "wagtailcore.Page",
    "notifications": "members.Notification",
}


class BackupStorage(PrivateStorage):
    """STORAGES["dbbackup"]: BACKUP_DIR (read at each use), files for their owner only."""

    root_setting = "BACKUP_DIR"

    def __init__(self, **options):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700, **options)


# ---- The manifest


def take_manifest(cursor) -> dict:
    """Rows of the key tables and the migrations applied, with a DB-API cursor (Django's, or
    sqlite3's on a copy)."""
    counts = {}
    for name, label in KEY_TABLES.items():
        table = connection.ops.quote_name(apps.get_model(label)._meta.db_table)
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (model tables)
        counts[name] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    return {"format": MANIFEST_FORMAT, "counts": counts, "migrations": migrations}


# Handed from the connector to backup_metadata(): dbbackup writes the .metadata file right
# after the dump, in the same command, but gives the setter only the engine's name.
_taken: list[dict] = []


def backup_metadata(metadata: dict) -> dict:
    """DBBACKUP_BACKUP_METADATA_SETTER: the manifest of the dump just taken."""
    return {"manifest": _taken.pop()} if _taken else {}


def read_manifest(storage: Storage, name: str) -> dict:
    """The manifest of a database backup, or ValueError saying why there is none."""
    try:
        with storage.read_file(f"{name}.metadata") as metadata:
            manifest = json.load(metadata)["manifest"]
    except (OSError, KeyError, ValueError) as error:
        raise ValueError(f"{name} is not a backup of the portal (no manifest): {error}") from error
    if manifest.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"{name} has an unknown manifest format: {manifest.get('format')}.")
    return manifest


def differences(manifest: dict, restored: dict) -> list[str]:
    """What the restored database holds that the manifest does not say, in words."""
    problems = [
        f"{name}: {restored['counts'].get(name)} rows, {expected} in the backup"
        for name, expected in manifest["counts"].items()
        if restored["counts"].get(name) != expected
    ]
    if restored["migrations"] != manifest["migrations"]:
        problems.append("the migrations applied differ from the backup's")
    return problems


# ---- Connectors (DBBACKUP_CONNECTOR_MAPPING)


class PgDumpWithManifest(PgDumpBinaryConnector):
    """pg_dump in the snapshot in which the manifest is read."""

    def _create_dump(self):
        with transaction.atomic(using=self.database_name), self.connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            self.dump_suffix = f"--snapshot={cursor.fetchone()[0]}"
            _taken.append(take_manifest(cursor))
            return super()._create_dump()


@contextmanager
def _on_disk(dump) -> Iterator[str]:
    """A dump (a file object) as a file of its own, for sqlite3 to open."""
    with NamedTemporaryFile(suffix=".sqlite3") as copy:
        dump.seek(0)
        shutil.copyfileobj(dump, copy)
        copy.flush()
        dump.seek(0)
        yield copy.name


class SqliteWithManifest(SqliteBackupConnector):
    """SQLite's online backup API, with the manifest read from the copy. Restored through the
    same API, which replaces every page safely with the WAL journal (writing over the file
    would leave the old journal to be replayed onto it)."""

    def create_dump(self):
        dump = super().create_dump()
        with _on_disk(dump) as path, closing(sqlite3.connect(path)) as copy:
            _taken.append(take_manifest(copy.cursor()))
        return dump

    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with _on_disk(dump) as path, closing(sqlite3.connect(path)) as source:
            source.backup(self.connection.connection)


# ---- Uploaded files


class PrivateMediaBackup(mediabackup.Command):
    """dbbackup's mediabackup, of the members-only files instead of MEDIA_ROOT."""

    def backup_mediafiles(self):
        self.media_storage = private_storage()
        super().backup_mediafiles()


class PrivateMediaRestore(mediarestore.Command):
    """dbbackup's mediarestore, into the members-only files' storage."""

    def _restore_backup(self):
        self.media_storage = private_storage()
        super()._restore_backup()


# name in the backup's file names: (setting, storage, backup command, restore command)
MEDIA_FOLDERS = {
    "media": ("MEDIA_ROOT", lambda: default_storage, mediabackup.Command, mediarestore.Command),
    "private": ("PRIVATE_MEDIA_ROOT", private_storage, PrivateMediaBackup, PrivateMediaRestore),
}


def local_folder(storage) -> Path | None:
    """The folder of a storage on this disk, or None (object storage, left to the bucket's
    own versioning and replication)."""
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def files_in(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.exists() else 0


def archived_files(storage: Storage, name: str) -> list[str]:
    with storage.read_file(name) as raw, tarfile.open(fileobj=raw, mode="r:gz") as tar:
        return [member.name for member in tar if member.isfile()]


# ---- Restoring over a database


def existing_content(*, media: bool) -> list[str]:
    """What a restore would overwrite: tables of the database, files of the media folders."""
    found = []
    tables = connection.introspection.table_names()
    if tables:
        found.append(f"the database {connection.settings_dict['NAME']} has {len(tables)} tables")
    for setting, storage, _backup, _restore in MEDIA_FOLDERS.values() if media else ():
        folder = local_folder(storage())
        if folder is not None and files_in(folder):
            found.append(f"{setting} ({folder}) is not empty")
    return found


def drop_all_tables() -> None:
    """On PostgreSQL, before restoring with --force: tables the backup does not know (made by
    newer migrations) would otherwise stop pg_restore --clean from dropping the others. SQLite
    needs nothing: the restore replaces the whole file."""
    tables = connection.introspection.table_names()
    if connection.vendor == "postgresql" and tables:
        with connection.cursor() as cursor:
            names = ", ".join(connection.ops.quote_name(table) for table in tables)
            cursor.execute(f"DROP TABLE IF EXISTS {names} CASCADE")
