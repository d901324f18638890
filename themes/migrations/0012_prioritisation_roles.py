"""Facilitators frame prioritisation rounds and moderate their solutions: the role groups
get the new permissions."""

from django.db import migrations

from members.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [("themes", "0011_prioritisation_rounds")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
