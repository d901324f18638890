from django.db import migrations

from members.roles import sync_roles

WORKFLOW_NAME = "Moderación de contribuciones"
TASK_NAME = "Revisión de facilitadores"


def create_workflow(apps, schema_editor):
    """Contributions go through one review by the facilitators before they are published."""
    sync_roles(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, created = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_content_type, "active": True}
    )
    task.groups.add(*Group.objects.filter(name__in=["Facilitadores", "Administradores"]))
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )
    contribution_type, _ = ContentType.objects.get_or_create(
        app_label="themes", model="contribution"
    )
    WorkflowContentType.objects.get_or_create(
        content_type=contribution_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0002_contributions"),
        ("members", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
