from django.db import migrations

from members.roles import sync_roles

# The workflow created by migration 0003 for the contributions.
WORKFLOW_NAME = "Moderación de contribuciones"


def assign_workflow(apps, schema_editor):
    """Reports of applications go through the contributions' moderation workflow;
    facilitators get the permissions to review them (members.roles)."""
    sync_roles(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    application_type, _ = ContentType.objects.get_or_create(
        app_label="themes", model="lessonapplication"
    )
    WorkflowContentType.objects.get_or_create(
        content_type=application_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0009_lesson_applications_and_builds_on"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(assign_workflow, migrations.RunPython.noop)]
