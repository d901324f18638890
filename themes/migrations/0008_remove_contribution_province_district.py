from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("themes", "0007_districts_from_province")]

    operations = [
        migrations.RemoveIndex(model_name="contribution", name="themes_contrib_readable_idx"),
        migrations.RemoveField(model_name="contribution", name="district"),
        migrations.RemoveField(model_name="contribution", name="province"),
        migrations.AddIndex(
            model_name="contribution",
            index=models.Index(
                condition=models.Q(("is_archived", False), ("live", True)),
                fields=["visibility"],
                include=(
                    "id",
                    "primary_theme",
                    "kind",
                    "author_institution",
                    "first_published_at",
                    "anti_corruption_focus",
                ),
                name="themes_contrib_readable_idx",
            ),
        ),
    ]
