"""Indexes for reading at scale (measured with tests/perf on 20,000 contributions).

- themes_contrib_readable_idx: the readable rows (live, not archived) with the columns the
  list's filters and counts read, so that PostgreSQL counts from the index alone.
- themes_search_title_body_gin (PostgreSQL only): Wagtail's database search backend
  matches `title || body` of its index entries; the GIN indexes Wagtail creates cover
  `title` and `body` apart, which that expression cannot use, so every search read the
  whole index table. This one matches the expression the backend writes.
"""

from django.db import migrations, models

SEARCH_INDEX_NAME = "themes_search_title_body_gin"


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {quote(SEARCH_INDEX_NAME)} "
        f"ON {quote(table)} USING gin (({quote('title')} || {quote('body')}))"
    )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(SEARCH_INDEX_NAME)}")


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0003_moderation_workflow"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="contribution",
            index=models.Index(
                condition=models.Q(("is_archived", False), ("live", True)),
                fields=["visibility"],
                include=(
                    "id",
                    "primary_theme",
                    "kind",
                    "province",
                    "author_institution",
                    "first_published_at",
                    "anti_corruption_focus",
                ),
                name="themes_contrib_readable_idx",
            ),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
