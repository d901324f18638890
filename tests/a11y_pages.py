"""Every public page type of the portal, and how a test makes the data each one shows.

Shared by the checks that run over all of them: accessibility (axe-core, in Chromium:
tests/e2e/test_accessibility.py), HTML validity (the Nu Html Checker:
tests/test_html_validity.py) and page weight (tests/e2e/test_page_weight.py).

`create_portal_data()` writes what the pages show, the way the portal writes it: the
Core Group seed (institutions, the four themes, the home page's texts, the Foundational
Document, the news index and the standard pages in Spanish and English), then a
published lesson, an upcoming workshop, a news article and a library resource through
the factories and services. Each page type is a function of that data giving the path to
fetch, registered with `@page_type`.

To add a page type: write such a function below, decorated with
`@page_type("name", expected_status)`. Every check picks it up.
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation


@dataclass(frozen=True)
class PageType:
    name: str
    path_for: Callable[[SimpleNamespace], str]
    status: int = 200

    def __str__(self) -> str:
        return self.name

    def path(self, data: SimpleNamespace) -> str:
        """The path in the default language (Spanish), whatever language is active."""
        with translation.override(settings.LANGUAGE_CODE):
            return self.path_for(data)


PAGE_TYPES: list[PageType] = []


def page_type(name: str, status: int = 200):
    def register(path_for: Callable[[SimpleNamespace], str]):
        PAGE_TYPES.append(PageType(name=name, path_for=path_for, status=status))
        return path_for

    return register


def create_portal_data() -> SimpleNamespace:
    """The data every public page type needs, in the current test database."""
    from resources import page_content, services
    from resources.pages import ArticlePage, FoundationalDocumentPage, NewsIndexPage
    from tests.factories import ContributionFactory, MemberFactory, WorkshopFactory
    from themes.models import Theme

    call_command("seed_core_group", verbosity=0)
    themes = list(Theme.objects.order_by("order"))
    author = MemberFactory(full_name="Rosa Quispe Mamani")

    lesson = ContributionFactory(
        author=author,
        primary_theme=themes[0],
        title="Vigilancia ciudadana de obras con canon en Torata",
        slug="vigilancia-ciudadana-obras-canon-torata",
    )
    lesson.tags.set(["vigilancia ciudadana", "canon minero"])

    workshop = WorkshopFactory(
        title="Taller regional: seguimiento a la inversión del canon",
        slug="taller-regional-seguimiento-canon",
    )
    workshop.themes.set(themes[:2])

    news_index = NewsIndexPage.objects.get(locale__language_code="es")
    seed = page_content.demo_articles()[0]
    article = ArticlePage(
        title=seed.es.title,
        slug=seed.slug,
        kind=seed.kind,
        summary=seed.es.summary,
        body=seed.es.body,
    )
    news_index.add_child(instance=article)
    article.save_revision().publish()

    resource = services.resource_add(
        fields={
            "title": "Sistematización de las iniciativas multiactor de Moquegua",
            "kind": "study",
            "summary": (
                "Estudio que reúne las experiencias de diálogo entre empresas, Estado y "
                "sociedad civil en la región, y lo que enseñan sobre el uso del canon."
            ),
            "year": 2021,
            "language": "es",
            "visibility": "public",
        },
        themes=themes[:2],
        tags=["multiactor", "diálogo"],
    )
    # A commitment of the register, so that the summary draws its charts.
    from tests.factories import CommitmentFactory, district

    commitment = CommitmentFactory(
        description="Publicar el avance de la obra de agua potable de Torata."
    )
    commitment.themes.set(themes[:1])
    commitment.districts.set([district("torata")])

    # A prioritisation round with published results: three sectors, one divided solution.
    from members.models import Sector
    from tests.themes.prioritisation_helpers import approved, cast, make_round, voter
    from themes.prioritisation.models import RoundStatus

    prioritisation_round = make_round(status=RoundStatus.PUBLISHED)
    basin = approved(prioritisation_round, "Mesa técnica de cuenca con presupuesto propio")
    reuse = approved(prioritisation_round, "Reúso de aguas residuales tratadas en la mina")
    for index, (sector, reuse_score) in enumerate(
        [(Sector.CIVIL_SOCIETY, 1), (Sector.PRIVATE_MINING, 5), (Sector.ACADEMIA, 3)]
    ):
        cast(
            prioritisation_round,
            voter(sector, f"Institución votante {index}"),
            {basin: 4, reuse: reuse_score},
        )

    # The open data's files, as the nightly task writes them.
    from col_portal import opendata

    opendata.build()

    return SimpleNamespace(
        themes=themes,
        theme=themes[0],
        lesson=lesson,
        workshop=workshop,
        document=FoundationalDocumentPage.objects.get(locale__language_code="es"),
        news_index=news_index,
        article=article,
        resource=resource,
        prioritisation_round=prioritisation_round,
    )


# ---- The page types


@page_type("home")
def _home(data):
    return "/"


@page_type("home (English)")
def _home_en(data):
    return "/en/"


@page_type("theme index")
def _theme_index(data):
    return reverse("themes:index")


@page_type("theme detail")
def _theme_detail(data):
    return reverse("themes:detail", kwargs={"slug": data.theme.slug})


@page_type("lessons list")
def _lesson_list(data):
    return reverse("themes:lesson_list")


@page_type("lesson detail")
def _lesson_detail(data):
    return reverse("themes:lesson_detail", kwargs={"slug": data.lesson.slug})


@page_type("workshop list")
def _workshop_list(data):
    return reverse("workshops:list")


@page_type("workshop detail")
def _workshop_detail(data):
    return reverse("workshops:detail", kwargs={"slug": data.workshop.slug})


@page_type("Core Group")
def _core_group(data):
    return reverse("members:core_group")


@page_type("join form")
def _join(data):
    return reverse("members:apply")


@page_type("login")
def _login(data):
    return reverse("account_login")


@page_type("password reset")
def _password_reset(data):
    return reverse("account_reset_password")


@page_type("not found (404)", status=404)
def _not_found(data):
    return "/esta-pagina-no-existe/"


@page_type("Foundational Document")
def _foundational_document(data):
    return data.document.url


@page_type("news index")
def _news_index(data):
    return data.news_index.url


@page_type("news article")
def _article(data):
    return data.article.url


@page_type("standard page (about)")
def _about(data):
    from resources.pages import StandardPage

    return StandardPage.objects.get(locale__language_code="es", slug="acerca-de").url


@page_type("contact page (with its form)")
def _contact(data):
    from resources.contact import ContactPage

    return ContactPage.objects.get(locale__language_code="es").url


@page_type("contact form thanks")
def _contact_thanks(data):
    return _contact(data) + "gracias/"


@page_type("resources library")
def _library(data):
    return reverse("resources:library")


@page_type("resource detail")
def _resource_detail(data):
    return reverse("resources:detail", kwargs={"slug": data.resource.slug})


@page_type("search (empty)")
def _search_form(data):
    return reverse("search")


@page_type("search results")
def _search_results(data):
    return f"{reverse('search')}?q=canon"


@page_type("open data")
def _open_data(data):
    return reverse("open_data")


@page_type("commitments summary")
def _commitments_summary(data):
    return reverse("workshops:commitment_summary")


@page_type("district page")
def _district_page(data):
    return "/territorio/mariscal-nieto/torata/"


@page_type("prioritisation rounds")
def _round_list(data):
    return reverse("themes:round_list")


@page_type("prioritisation round with results")
def _round_detail(data):
    return data.prioritisation_round.get_absolute_url()
