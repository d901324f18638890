"""PostgreSQL text search configurations that fold accents before stemming, so that
"mineria" finds "minería" (themes.search_backend). Nothing to do on other databases.

Existing index entries keep their old analysis until `manage.py update_index` is run.
"""

from django.db import migrations

CONFIGURATIONS = {"spanish_unaccent": "spanish", "english_unaccent": "english"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, language in CONFIGURATIONS.items():
        schema_editor.execute(
            f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
                CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{language});
                ALTER TEXT SEARCH CONFIGURATION {name}
                  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem;
              END IF;
            END $$;
            """  # noqa: S608 (constant names above, no input)
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("themes", "0004_reading_indexes")]

    operations = [migrations.RunPython(create, drop)]
