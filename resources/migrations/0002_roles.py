from django.db import migrations

from members.roles import sync_roles


class Migration(migrations.Migration):
    """Facilitators and administrators get the permissions on the private documents."""

    dependencies = [
        ("resources", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
