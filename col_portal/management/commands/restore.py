"""manage.py restore: a backup archive back into the database and the media folders."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from col_portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into the database of DATABASE_URL "
        "and into MEDIA_ROOT and PRIVATE_MEDIA_ROOT, then check it against its manifest. "
        "Refuses to overwrite a database or media folder that is not empty, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz file written by `manage.py backup`.")
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

    def handle(self, *args, archive, force=False, no_media=False, **options):
        try:
            report = restore_backup(
                archive=Path(archive), force=force, media=not no_media, log=self.stdout.write
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name, count in report.counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            self.style.SUCCESS("Restored; the database matches the backup's manifest.")
        )
        if report.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup is older than this code: {len(report.pending_migrations)} "
                    "migrations are not applied. Run `python manage.py migrate` now."
                )
            )
        if report.unknown_migrations:
            self.stdout.write(
                self.style.WARNING(
                    "The backup was made by a newer version of the portal (migrations this "
                    "code does not have: "
                    + ", ".join(f"{app}.{name}" for app, name in report.unknown_migrations[:5])
                    + "). Deploy that version before using the portal."
                )
            )
