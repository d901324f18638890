from django.db import migrations

from members.roles import sync_roles


class Migration(migrations.Migration):
    """Facilitators and administrators may set where the contact form's messages go
    (Settings → Contact in the admin)."""

    dependencies = [("resources", "0008_contact_page_and_settings")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
