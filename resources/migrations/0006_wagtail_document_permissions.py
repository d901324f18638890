from django.db import migrations

from members.roles import sync_roles


class Migration(migrations.Migration):
    """Facilitators and administrators get Wagtail's own document permissions, which
    Wagtail checks for every document model: they can upload library files and workshop
    materials in the admin."""

    dependencies = [
        ("resources", "0005_library_workflow"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
