"""Facilitators add commitments (of agreement spaces, own pledges) and manage agreement
spaces: the role groups get the new permissions."""

from django.db import migrations

from members.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [("workshops", "0006_commitments_done_to_fulfilled")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
