"""Commitments marked "done" are "fulfilled" (100 %); each commitment's agreement date is
its workshop's day (Lima), as it was implied before."""

from zoneinfo import ZoneInfo

from django.db import migrations

LIMA = ZoneInfo("America/Lima")


def forwards(apps, schema_editor):
    Commitment = apps.get_model("workshops", "Commitment")
    Commitment.objects.filter(status="done").update(status="fulfilled", progress=100)
    for commitment in Commitment.objects.filter(agreed_on__isnull=True).select_related(
        "workshop"
    ):
        if commitment.workshop_id:
            commitment.agreed_on = commitment.workshop.starts_at.astimezone(LIMA).date()
            commitment.save(update_fields=["agreed_on"])


def backwards(apps, schema_editor):
    Commitment = apps.get_model("workshops", "Commitment")
    Commitment.objects.filter(status="fulfilled").update(status="done")
    Commitment.objects.filter(status="not_fulfilled").update(status="dropped")


class Migration(migrations.Migration):
    dependencies = [("workshops", "0005_agreement_spaces_and_commitment_register")]

    operations = [migrations.RunPython(forwards, backwards)]
