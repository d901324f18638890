import factory

from themes.models import Contribution, ContributionKind, Theme, Visibility

from .members import MemberFactory


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


class ContributionFactory(factory.django.DjangoModelFactory):
    """A complete contribution. `published=True` (default) publishes it through Wagtail."""

    class Meta:
        model = Contribution
        skip_postgeneration_save = True

    kind = ContributionKind.LESSON
    title = factory.Sequence(lambda n: f"Vigilancia ciudadana del canon minero {n}")
    slug = factory.Sequence(lambda n: f"vigilancia-ciudadana-del-canon-{n}")
    summary = "Un comité de vigilancia revisó la ejecución de obras financiadas con canon."
    primary_theme = factory.SubFactory(ThemeFactory)
    context = "Distrito de Torata, 2023, con la municipalidad y juntas vecinales."
    challenge = "Las obras se retrasaban y nadie sabía por qué."
    actions = "Se publicaron los expedientes técnicos y se hicieron visitas de obra."
    results = "Se destrabaron dos obras y la municipalidad publica avances cada mes."
    lesson = "La información abierta reduce la desconfianza y los sobrecostos."
    recommendations = "Empezar por una obra visible y acordar un calendario de reportes."
    visibility = Visibility.PUBLIC
    author = factory.SubFactory(MemberFactory)
    author_institution = factory.SelfAttribute("author.institution")
    live = False

    @factory.post_generation
    def published(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()
        revision = obj.save_revision(user=obj.author, clean=False)
        if extracted is not False:
            revision.publish()
            obj.refresh_from_db()
