import datetime

import factory

from members.models import District
from themes.models import Contribution, ContributionKind, LessonApplication, Theme, Visibility

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


class LessonApplicationFactory(factory.django.DjangoModelFactory):
    """An application of a lesson. `published=True` (default) approves it through Wagtail
    (which tells the lesson's authors); `districts` are slugs (Ilo by default)."""

    class Meta:
        model = LessonApplication
        skip_postgeneration_save = True

    lesson = factory.SubFactory(ContributionFactory)
    author = factory.SubFactory(MemberFactory)
    institution = factory.SelfAttribute("author.institution")
    started_on = datetime.date(2025, 3, 1)
    adapted = "Adaptamos el calendario de visitas de obra a la campaña agrícola."
    results = "Dos juntas vecinales revisan ahora los avances de obra cada mes."
    shortcomings = "Las actas tardaron en publicarse por falta de personal."
    live = False

    @factory.post_generation
    def published(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()
        slugs = getattr(obj, "_district_slugs", None) or ["ilo-distrito"]
        obj.districts = list(District.objects.filter(slug__in=slugs))
        obj.save()
        revision = obj.save_revision(user=obj.author, clean=False)
        if extracted is not False:
            revision.publish()
            obj.refresh_from_db()

    @classmethod
    def _create(cls, model_class, *args, districts=None, **kwargs):
        obj = model_class(*args, **kwargs)
        obj._district_slugs = districts
        obj.save()
        return obj
