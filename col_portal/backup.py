"""Backups of the portal: the database and the uploaded files in one archive, and back.

An archive (``col-backup-<UTC date and time>.tar.gz``) holds:

- ``manifest.json``: the portal's version, the date, the database engine, the migrations
  applied and the number of rows of the key tables, all read in the same snapshot as the
  dump, so that a restore can be checked against them;
- the database: ``database.pgdump`` (``pg_dump --format=custom``) on PostgreSQL,
  ``database.sqlite3`` (SQLite's online backup API) on SQLite;
- ``media/`` (MEDIA_ROOT: images, logos) and ``private/`` (PRIVATE_MEDIA_ROOT: attachments
  and documents), when they are on the local disk. Files kept in object storage (S3) are
  left to the bucket's own versioning and replication.

The management commands ``backup`` and ``restore`` are thin wrappers around
`create_backup` and `restore_backup`.
"""

import glob
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"

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

Log = Callable[[str], None]


class BackupError(Exception):
    """Something the person running the command must know and fix; said in plain words."""


@dataclass
class MediaFolder:
    """A folder of uploaded files: its name in the archive and where it lives."""

    name: str
    label: str
    root: Path | None
    # Why it is not in the archive, when it is not.
    skipped: str = ""
    files: int = 0
    size: int = 0


@dataclass
class RestoreReport:
    counts: dict = field(default_factory=dict)
    expected_counts: dict = field(default_factory=dict)
    media_files: dict = field(default_factory=dict)
    pending_migrations: list = field(default_factory=list)
    unknown_migrations: list = field(default_factory=list)


# ---- Where things are


def engine() -> str:
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def portal_version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def _storage_root(storage) -> Path | None:
    """The folder of a storage on the local disk, or None (object storage)."""
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def media_folders() -> list[MediaFolder]:
    """MEDIA_ROOT and PRIVATE_MEDIA_ROOT, as the storages in use see them."""
    private = apps.get_model("themes", "ContributionAttachment")._meta.get_field("file").storage
    folders = []
    for name, label, storage in (
        ("media", "MEDIA_ROOT", default_storage),
        ("private", "PRIVATE_MEDIA_ROOT", private),
    ):
        root = _storage_root(storage)
        skipped = (
            ""
            if root is not None
            else (
                f"{label}: the files are in {type(storage).__module__}.{type(storage).__name__}"
                ", not on this disk; they are backed up by the bucket's versioning and "
                "replication, not in this archive."
            )
        )
        folders.append(MediaFolder(name=name, label=label, root=root, skipped=skipped))
    return folders


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: on PATH, else the newest under /usr/lib/postgresql/*/bin
    (a client at least as new as the server is needed)."""
    # The newest versioned binary first: Debian's wrapper on PATH may pick an older one.
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(re.search(r"/postgresql/(\d+)", path).group(1)),
    )
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found (PATH, /usr/lib/postgresql/*/bin). Install the PostgreSQL "
            "client of the server's version (Debian: postgresql-client)."
        )
    return found


def _pg_environment() -> dict:
    database = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", database.get("HOST")),
        ("PGPORT", database.get("PORT")),
        ("PGUSER", database.get("USER")),
        ("PGPASSWORD", database.get("PASSWORD")),
        ("PGDATABASE", database.get("NAME")),
        ("PGSSLMODE", (database.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            env[key] = str(value)
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 (fixed programs, arguments from settings)
        command, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} failed (exit {result.returncode}): "
            f"{result.stderr.strip() or result.stdout.strip()}"
        )


# ---- What is in a database


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_counts(cursor) -> dict[str, int]:
    """Rows of the key tables, with a DB-API cursor (Django's, or sqlite3's on a copy)."""
    counts = {}
    for name, label in KEY_TABLES.items():
        table = apps.get_model(label)._meta.db_table
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (model tables)
        counts[name] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _code_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _walk(folder: MediaFolder) -> None:
    folder.files = folder.size = 0
    if folder.root is None or not folder.root.exists():
        return
    for path in folder.root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            folder.files += 1
            folder.size += path.stat().st_size


# ---- Backup


def _dump_postgresql(target: Path) -> tuple[dict, dict]:
    """pg_dump of the database; the counts and migrations read in the dump's snapshot."""
    command = [pg_tool("pg_dump"), "--format=custom", "--file", str(target)]
    if connection.in_atomic_block:
        # Inside a caller's transaction (a test): no snapshot of our own to share.
        with connection.cursor() as cursor:
            counts, migrations = table_counts(cursor), applied_migrations(cursor)
        _run(command)
        return counts, migrations
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts, migrations = table_counts(cursor), applied_migrations(cursor)
        # pg_dump sees exactly what was counted, while the portal goes on writing.
        _run([*command, f"--snapshot={snapshot}"])
    return counts, migrations


def _dump_sqlite(target: Path) -> tuple[dict, dict]:
    """SQLite's online backup API (safe while the portal writes); counts from the copy."""
    if connection.in_atomic_block:
        # The copy would wait forever for the lock this very transaction holds.
        raise BackupError("A SQLite backup cannot be taken inside a transaction.")
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        return table_counts(cursor), applied_migrations(cursor)
    finally:
        copy.close()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _regular_only(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    """Files and folders only: a symbolic link in a media folder is not followed or kept."""
    return info if info.isfile() or info.isdir() else None


def create_backup(*, directory: Path, media: bool = True, log: Log = print) -> Path:
    """Write one archive into `directory` and return its path."""
    vendor = engine()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC)
    archive = directory / f"col-backup-{created:%Y%m%d-%H%M%S}.tar.gz"
    if archive.exists():
        raise BackupError(f"{archive} already exists: wait a second and run it again.")

    folders = media_folders() if media else []
    for folder in folders:
        if folder.skipped:
            log(f"Skipped {folder.skipped}")
        else:
            _walk(folder)

    with tempfile.TemporaryDirectory(prefix="col-backup-") as work:
        dump_name = PG_DUMP if vendor == "postgresql" else SQLITE_DUMP
        dump = Path(work) / dump_name
        if vendor == "postgresql":
            counts, migrations = _dump_postgresql(dump)
        else:
            counts, migrations = _dump_sqlite(dump)
        manifest = {
            "format": FORMAT,
            "portal_version": portal_version(),
            "created_at": created.isoformat(),
            "database": {"engine": vendor, "name": str(settings.DATABASES["default"]["NAME"])},
            "dump": dump_name,
            "migrations": migrations,
            "counts": counts,
            "media": {
                folder.name: {
                    "setting": folder.label,
                    "included": not folder.skipped,
                    "files": folder.files,
                    "bytes": folder.size,
                    "note": folder.skipped,
                }
                for folder in folders
            },
        }
        # Written under a temporary name: an archive with its final name is complete.
        partial = directory / f".{archive.name}.partial"
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
                tar.add(dump, arcname=dump_name)
                for folder in folders:
                    if not folder.skipped and folder.root.exists():
                        tar.add(folder.root, arcname=folder.name, filter=_regular_only)
            os.replace(partial, archive)
        finally:
            partial.unlink(missing_ok=True)
    log(
        f"Backup written to {archive} ({archive.stat().st_size} bytes): database "
        f"({vendor}), "
        + ", ".join(
            f"{folder.label} ({folder.files} files)" for folder in folders if not folder.skipped
        )
        + "."
    )
    return archive


# ---- Restore


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.load(member)
    except FileNotFoundError as error:
        raise BackupError(f"{archive} does not exist.") from error
    except (KeyError, tarfile.TarError, OSError, ValueError) as error:
        raise BackupError(f"{archive} is not a backup of the portal: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} has an unknown backup format: {manifest.get('format')}.")
    return manifest


def _existing_content() -> list[str]:
    """What would be overwritten: tables of the database, files of the media folders."""
    found = []
    tables = connection.introspection.table_names()
    if tables:
        found.append(
            f"the database {settings.DATABASES['default']['NAME']} has {len(tables)} tables"
        )
    for folder in media_folders():
        if folder.root is not None and folder.root.exists() and any(folder.root.iterdir()):
            found.append(f"{folder.label} ({folder.root}) is not empty")
    return found


def _drop_all_tables() -> None:
    if connection.vendor == "postgresql":
        _drop_text_search_configurations()
    tables = connection.introspection.table_names()
    if not tables:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "DROP TABLE IF EXISTS " + ", ".join(_quote(t) for t in tables) + " CASCADE"
            )
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {_quote(table)}")


def _drop_text_search_configurations() -> None:
    """The search configurations the migrations made (themes: spanish_unaccent...) are in
    the dump too: pg_restore would stop on them as duplicates."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.cfgname FROM pg_ts_config c "
            "JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE n.nspname = current_schema()"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {_quote(name)} CASCADE")


def _restore_postgresql(dump: Path) -> None:
    _run(
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            str(settings.DATABASES["default"]["NAME"]),
            str(dump),
        ]
    )


def _restore_sqlite(dump: Path) -> None:
    target = settings.DATABASES["default"]["NAME"]
    connection.close()
    source = sqlite3.connect(dump)
    destination = sqlite3.connect(target)
    try:
        # Replaces every page of the target: the database becomes the copy.
        source.backup(destination)
    finally:
        source.close()
        destination.close()


def _extract_media(tar: tarfile.TarFile, folder: MediaFolder) -> int:
    prefix = f"{folder.name}/"
    members = []
    for member in tar.getmembers():
        if member.name.startswith(prefix) and (member.isfile() or member.isdir()):
            member.name = member.name[len(prefix) :]
            members.append(member)
    folder.root.mkdir(parents=True, exist_ok=True)
    # The "data" filter refuses absolute paths, "..", links and special files.
    tar.extractall(folder.root, members=members, filter="data")
    return sum(1 for member in members if member.isfile())


def restore_backup(
    *, archive: Path, force: bool = False, media: bool = True, log: Log = print
) -> RestoreReport:
    """Restore the database and the media folders of `archive`, then check them against
    its manifest. Refuses to overwrite a database (or media folder) that is not empty,
    unless `force`."""
    archive = Path(archive)
    manifest = read_manifest(archive)
    vendor = engine()
    if manifest["database"]["engine"] != vendor:
        raise BackupError(
            f"This backup is of a {manifest['database']['engine']} database; the portal is "
            f"configured for {vendor} (DATABASE_URL). Restore it into a database of the same "
            "kind."
        )
    existing = _existing_content()
    if existing and not force:
        raise BackupError(
            "Refusing to restore over existing content: "
            + "; ".join(existing)
            + ". Restoring would replace it. Restore into a new, empty database (and empty "
            "media folders), or run again with --force to overwrite."
        )

    report = RestoreReport(expected_counts=manifest["counts"])
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as work:
        dump = Path(work) / manifest["dump"]
        tar.extractall(work, members=[tar.getmember(manifest["dump"])], filter="data")
        if existing:
            log("Removing the existing tables (--force).")
            _drop_all_tables()
        log(f"Restoring the database from {archive.name}...")
        if vendor == "postgresql":
            _restore_postgresql(dump)
        else:
            _restore_sqlite(dump)
        connection.close()

        if media:
            for folder in media_folders():
                saved = manifest.get("media", {}).get(folder.name, {})
                if not saved.get("included"):
                    log(
                        f"{folder.label}: not in this archive"
                        + (f" ({saved['note']})" if saved.get("note") else "")
                        + "; restore those files from where they are kept."
                    )
                elif folder.skipped:
                    log(f"{folder.label}: not restored. {folder.skipped}")
                else:
                    report.media_files[folder.label] = _extract_media(tar, folder)
                    log(f"{folder.label}: {report.media_files[folder.label]} files restored.")

    with connection.cursor() as cursor:
        report.counts = table_counts(cursor)
        restored_migrations = applied_migrations(cursor)
    _check(manifest, report, restored_migrations)
    return report


def _check(manifest: dict, report: RestoreReport, restored_migrations: dict) -> None:
    """The restored database must hold what the manifest says, row counts and migrations."""
    problems = [
        f"{name}: {report.counts.get(name)} rows, {expected} in the backup"
        for name, expected in manifest["counts"].items()
        if report.counts.get(name) != expected
    ]
    if restored_migrations != manifest["migrations"]:
        problems.append("the migrations applied differ from the backup's")
    for label, restored in report.media_files.items():
        expected = next(
            (m["files"] for m in manifest.get("media", {}).values() if m["setting"] == label), None
        )
        if expected is not None and restored != expected:
            problems.append(f"{label}: {restored} files restored, {expected} in the backup")
    if problems:
        raise BackupError(
            "The restore finished but does not match the backup's manifest: "
            + "; ".join(problems)
            + "."
        )
    applied = {(app, name) for app, names in restored_migrations.items() for name in names}
    code = _code_migrations()
    report.pending_migrations = sorted(code - applied)
    installed = {config.label for config in apps.get_app_configs()}
    report.unknown_migrations = sorted(
        (app, name) for app, name in applied - code if app in installed
    )
