"""manage.py restore: a backup set of `manage.py backup` back, checked against its manifest."""

from dbbackup import utils
from dbbackup.storage import StorageError, get_storage
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from col_portal.backup import (
    MEDIA_FOLDERS,
    archived_files,
    differences,
    drop_all_tables,
    existing_content,
    read_manifest,
    take_manifest,
)


class Command(BaseCommand):
    help = (
        "Restore a backup of `manage.py backup` (the newest, or the database backup named) into "
        "the database of DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT, then check it against "
        "its manifest. Refuses to overwrite a database or media folder that is not empty, "
        "unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "backup",
            nargs="?",
            help="The database backup's name in BACKUP_DIR (see `manage.py listbackups`); "
            "default: the newest. The uploaded files of the same date and time come with it.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database and media folders that are not empty.",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Restore the database only, not the uploaded files.",
        )

    def handle(self, *args, backup=None, force=False, no_media=False, verbosity=1, **options):
        storage = get_storage()
        try:
            dump = backup or storage.get_latest_backup(content_type="db")
            manifest = read_manifest(storage, dump)
        except (StorageError, OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        existing = existing_content(media=not no_media)
        if existing and not force:
            raise CommandError(
                "Refusing to restore over existing content: "
                + "; ".join(existing)
                + ". Restoring would replace it. Restore into a new, empty database (and empty "
                "media folders), or run again with --force to overwrite."
            )
        if existing:
            self.stdout.write("Overwriting the existing content (--force).")
            drop_all_tables()
        call_command(
            "dbrestore",
            database="default",
            input_filename=dump,
            uncompress=dump.endswith(".gz"),
            interactive=False,
            verbosity=verbosity,
        )
        connection.close()
        with connection.cursor() as cursor:
            restored = take_manifest(cursor)
        problems = differences(manifest, restored)
        if not no_media:
            problems += self.restore_media(storage, utils.filename_to_datestring(dump), force)
        if problems:
            raise CommandError(
                "The restore finished but does not match the backup's manifest: "
                + "; ".join(problems)
                + "."
            )
        for name, count in restored["counts"].items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            self.style.SUCCESS("Restored; the database matches the backup's manifest.")
        )
        self.warn_about_migrations(restored["migrations"])

    def restore_media(self, storage, stamp: str, force: bool) -> list[str]:
        """mediarestore of each folder backed up with the database; the files of each archive
        must then all be there."""
        problems = []
        for name, (setting, media_storage, _backup, command) in MEDIA_FOLDERS.items():
            archive = f"{name}-{stamp}.tar.gz"
            if not storage.storage.exists(archive):
                self.stdout.write(
                    f"{setting}: not in this backup (it had no files, or they are in object "
                    "storage: restore those from the bucket's versions)."
                )
                continue
            call_command(
                command(), input_filename=archive, uncompress=True, replace=force, interactive=False
            )
            files = archived_files(storage, archive)
            missing = [path for path in files if not media_storage().exists(path)]
            if missing:
                problems.append(f"{setting}: {len(missing)} of {len(files)} files missing")
            self.stdout.write(f"{setting}: {len(files) - len(missing)} files restored.")
        return problems

    def warn_about_migrations(self, restored: dict) -> None:
        applied = {(app, name) for app, names in restored.items() for name in names}
        code = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        installed = {config.label for config in apps.get_app_configs()}
        pending = code - applied
        unknown = sorted((app, name) for app, name in applied - code if app in installed)
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup is older than this code: {len(pending)} migrations are not "
                    "applied. Run `python manage.py migrate` now."
                )
            )
        if unknown:
            self.stdout.write(
                self.style.WARNING(
                    "The backup was made by a newer version of the portal (migrations this "
                    "code does not have: "
                    + ", ".join(f"{app}.{name}" for app, name in unknown[:5])
                    + "). Deploy that version before using the portal."
                )
            )
