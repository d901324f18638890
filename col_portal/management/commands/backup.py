"""manage.py backup: django-dbbackup's dbbackup and mediabackup, as one set of files."""

from dbbackup import utils
from dbbackup.db.base import get_connector
from dbbackup.storage import get_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from col_portal.backup import MEDIA_FOLDERS, files_in, local_folder, read_manifest


class Command(BaseCommand):
    help = (
        "Back up the database (its manifest of row counts in the .metadata file), MEDIA_ROOT "
        "and PRIVATE_MEDIA_ROOT into BACKUP_DIR, as files sharing one date and time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="The database only, without the uploaded files.",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Afterwards, delete all but the newest N backups (0: keep all).",
        )

    def handle(self, *args, no_media=False, keep=0, verbosity=1, **options):
        storage = get_storage()
        dump = f"{get_connector('default').generate_filename()}.gz"
        call_command(
            "dbbackup", database="default", compress=True, output_filename=dump, verbosity=verbosity
        )
        try:
            counts = read_manifest(storage, dump)["counts"]
        except ValueError as error:
            raise CommandError(str(error)) from error
        written = [f"{dump} (database: {sum(counts.values())} rows in the key tables)"]

        stamp = utils.filename_to_datestring(dump)
        for name, (setting, media_storage, command, _restore) in MEDIA_FOLDERS.items():
            if no_media:
                break
            folder = local_folder(media_storage())
            if folder is None:
                self.stdout.write(
                    f"Skipped {setting}: the files are in object storage, not on this disk; "
                    "they are backed up by the bucket's versioning and replication."
                )
            elif not files_in(folder):
                self.stdout.write(f"Skipped {setting}: no files yet.")
            else:
                archive = f"{name}-{stamp}.tar.gz"
                call_command(command(), compress=True, output_filename=archive, verbosity=verbosity)
                written.append(f"{archive} ({setting}: {files_in(folder)} files)")
            if keep > 0:
                storage.clean_old_backups(content_type="media", servername=name, keep_number=keep)
        if keep > 0:
            storage.clean_old_backups(content_type="db", database="default", keep_number=keep)
        self.stdout.write(f"Backup written to {storage.storage.location}: " + ", ".join(written))
