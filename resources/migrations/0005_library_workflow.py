from django.db import migrations

from members.roles import sync_roles

# The workflow created by themes' migration 0003 for the contributions.
WORKFLOW_NAME = "Moderación de contribuciones"


def assign_workflow(apps, schema_editor):
    """Resources proposed by members go through the contributions' moderation workflow;
    facilitators get the permissions on the library (members.roles)."""
    sync_roles(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    resource_type, _ = ContentType.objects.get_or_create(app_label="resources", model="resource")
    WorkflowContentType.objects.get_or_create(
        content_type=resource_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0004_library"),
        ("themes", "0003_moderation_workflow"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(assign_workflow, migrations.RunPython.noop)]
