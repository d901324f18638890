"""The provinces and districts of the Moquegua region, with their INEI ubigeo codes.

Twenty long-standing districts and San Antonio (Mariscal Nieto), created by Ley N.º 31216
(2021); INEI gave it the code 180107, the next free one in its province. The rows are
created or corrected by ubigeo, so the migration can run again safely.
"""

from django.db import migrations

PROVINCES = [
    ("1801", "Mariscal Nieto", "mariscal-nieto"),
    ("1802", "General Sánchez Cerro", "general-sanchez-cerro"),
    ("1803", "Ilo", "ilo"),
]

# (ubigeo, name, slug, law that created it when recent)
DISTRICTS = [
    ("180101", "Moquegua", "moquegua", ""),
    ("180102", "Carumas", "carumas", ""),
    ("180103", "Cuchumbaya", "cuchumbaya", ""),
    ("180104", "Samegua", "samegua", ""),
    ("180105", "San Cristóbal", "san-cristobal", ""),
    ("180106", "Torata", "torata", ""),
    ("180107", "San Antonio", "san-antonio", "Ley N.º 31216 (2021)"),
    ("180201", "Omate", "omate", ""),
    ("180202", "Chojata", "chojata", ""),
    ("180203", "Coalaque", "coalaque", ""),
    ("180204", "Ichuña", "ichuna", ""),
    ("180205", "La Capilla", "la-capilla", ""),
    ("180206", "Lloque", "lloque", ""),
    ("180207", "Matalaque", "matalaque", ""),
    ("180208", "Puquina", "puquina", ""),
    ("180209", "Quinistaquillas", "quinistaquillas", ""),
    ("180210", "Ubinas", "ubinas", ""),
    ("180211", "Yunga", "yunga", ""),
    ("180301", "Ilo", "ilo-distrito", ""),
    ("180302", "El Algarrobal", "el-algarrobal", ""),
    ("180303", "Pacocha", "pacocha", ""),
]


def load_places(apps, schema_editor):
    Province = apps.get_model("members", "Province")
    District = apps.get_model("members", "District")
    provinces = {}
    for ubigeo, name, slug in PROVINCES:
        provinces[ubigeo], _created = Province.objects.update_or_create(
            ubigeo=ubigeo, defaults={"name": name, "slug": slug}
        )
    for ubigeo, name, slug, created_by in DISTRICTS:
        District.objects.update_or_create(
            ubigeo=ubigeo,
            defaults={
                "name": name,
                "slug": slug,
                "province": provinces[ubigeo[:4]],
                "created_by": created_by,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0007_provinces_districts")]

    operations = [migrations.RunPython(load_places, migrations.RunPython.noop)]
