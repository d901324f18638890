import factory

from themes.models import Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    order = factory.Sequence(lambda n: n + 10)
    slug = factory.Sequence(lambda n: f"tema-{n}")
    name_es = factory.Sequence(lambda n: f"Tema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    short_description_es = "Descripción breve del tema."
    short_description_en = "Short description of the theme."
