import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's "Welcome" page with the portal's home page, in the default locale."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("col_portal", "HomePage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)
    locale, _ = Locale.objects.get_or_create(language_code="es")
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="col_portal")
    siblings = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True)
    last = siblings.first()
    step = int(last[-4:], 36) + 1 if last else 1
    path = root.path + _base36(step).rjust(4, "0")
    title = "Comunidad de Aprendizaje Moquegua"
    home = HomePage.objects.create(
        title=title,
        draft_title=title,
        slug="inicio",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/inicio/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name=title,
        root_page_id=home.pk,
        is_default_site=True,
    )


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
        if not number:
            return out


class Migration(migrations.Migration):
    dependencies = [
        ("col_portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
