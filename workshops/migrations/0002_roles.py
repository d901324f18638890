from django.db import migrations

from members.roles import sync_roles


class Migration(migrations.Migration):
    """Facilitators get the permissions on workshops, registrations and commitments."""

    dependencies = [
        ("workshops", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
