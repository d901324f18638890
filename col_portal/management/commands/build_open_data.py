"""`manage.py build_open_data`: write the open-data files now (col_portal.opendata), as
the nightly task does; files whose content did not change are left as they are."""

from django.core.management.base import BaseCommand

from col_portal import opendata


class Command(BaseCommand):
    help = "Write the open-data files (CSV, JSON, datapackage.json) into the media storage."

    def handle(self, *args, **options):
        changed = opendata.build()
        self.stdout.write("Open data written." if changed else "Open data unchanged.")
