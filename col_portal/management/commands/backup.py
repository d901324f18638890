"""manage.py backup: the database and the uploaded files in one timestamped archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from col_portal.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one archive (col-backup-<date>-<time>.tar.gz) with the database dump, "
        "MEDIA_ROOT, PRIVATE_MEDIA_ROOT and a manifest, into --output-dir or BACKUP_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=None,
            help="Folder for the archive (default: the BACKUP_DIR setting).",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="The database only, without the uploaded files.",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Afterwards, delete all but the newest N archives of the folder (0: keep all).",
        )

    def handle(self, *args, output_dir=None, no_media=False, keep=0, **options):
        directory = Path(output_dir or settings.BACKUP_DIR)
        try:
            create_backup(directory=directory, media=not no_media, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if keep > 0:
            archives = sorted(directory.glob("col-backup-*.tar.gz"))
            for old in archives[:-keep]:
                old.unlink()
                self.stdout.write(f"Deleted the older backup {old.name}.")
