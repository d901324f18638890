import modelcluster.fields
from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0010_institution_district'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('themes', '0005_search_configurations_unaccent'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="districts",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text=(
                    "Where it happened; a lesson about a whole province has all its districts."
                ),
                related_name="contributions",
                to="members.district",
                verbose_name="districts",
            ),
        ),
    ]
