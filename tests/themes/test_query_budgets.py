"""The public pages of the lessons run a fixed number of queries, whatever the number of
contributions, tags, co-authors, attachments or comments."""

import datetime

import pytest
from django.utils import timezone

from members.models import Sector
from tests.factories import InstitutionFactory, MemberFactory, ThemeFactory, districts_of
from themes.models import (
    Comment,
    Contribution,
    ContributionAttachment,
    ContributionKind,
    Visibility,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 30
# The lesson's applications and their districts (2), what it builds on and what builds on
# it (2): four more than before applications, whatever their number.
DETAIL_BUDGET = 19


@pytest.fixture
def theme():
    return ThemeFactory(order=1, slug="brechas", name_es="Cierre de brechas")


@pytest.fixture
def other_theme():
    return ThemeFactory(order=2, slug="diversificacion", name_es="Diversificación")


def make(theme, other_theme, number, *, size, prefix):
    """`number` published contributions, each with `size` tags, co-authors, attachments and
    comments. Written directly (no Wagtail publishing) to keep the test quick."""
    institution = InstitutionFactory(name=f"Institución {prefix}", sector=Sector.ACADEMIA)
    author = MemberFactory(institution=institution)
    people = [MemberFactory() for _ in range(size)]
    created = []
    now = timezone.now()
    for index in range(number):
        visibility = Visibility.MEMBERS if index % 3 == 0 else Visibility.PUBLIC
        contribution = Contribution(
            title=f"Obras con canon minero {prefix} {index}",
            slug=f"obras-canon-{prefix}-{index}",
            summary="Vigilancia ciudadana de las obras financiadas con canon minero.",
            primary_theme=theme,
            kind=ContributionKind.GOOD_PRACTICE,
            anti_corruption_focus=True,
            lesson="La información abierta reduce la desconfianza.",
            visibility=visibility,
            author=author,
            author_institution=institution,
            live=True,
            first_published_at=now - datetime.timedelta(hours=index),
            last_published_at=now - datetime.timedelta(hours=index),
        )
        contribution.tags.add(*[f"etiqueta-{n}" for n in range(size)], "canon")
        contribution.secondary_themes = [other_theme]
        contribution.districts = districts_of("mariscal-nieto")[: size + 1]
        contribution.coauthors = people
        contribution.attachments = [
            ContributionAttachment(
                title=f"Anexo {n}",
                file=f"contributions/anexo-{n}.pdf",
                content_type="application/pdf",
                size=1000,
            )
            for n in range(min(size, 10))
        ]
        contribution.save()
        created.append(contribution)
    Comment.objects.bulk_create(
        Comment(
            contribution=contribution,
            author=person,
            body="Muy útil.",
            is_hidden=n % 4 == 0,
            hidden_reason="Fuera de tema" if n % 4 == 0 else "",
        )
        for contribution in created
        for n, person in enumerate(people)
    )
    return created


def count_queries(client, url, params, budget, assert_max_num_queries) -> int:
    client.get(url, params)  # warm caches (sessions, content types, roles) first
    with assert_max_num_queries(budget) as context:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(context.captured_queries)


FILTERS = {
    "theme": "diversificacion",
    "kind": "good_practice",
    "sector": Sector.ACADEMIA,
    "province": "mariscal-nieto",
    "district": "moquegua",
    "tag": "canon",
    "year": str(timezone.localdate().year),
    "anticorruption": "1",
    "sort": "title",
}


@pytest.mark.parametrize("role", ["anonymous", "member", "facilitator"])
def test_public_pages_run_a_fixed_number_of_queries(
    role,
    theme,
    other_theme,
    anon_client,
    member_client,
    facilitator_client,
    django_assert_max_num_queries,
):
    client = {"anonymous": anon_client, "member": member_client, "facilitator": facilitator_client}[
        role
    ]
    pages = {
        "list": ("/lecciones/", None, 20),
        "filtered list": ("/lecciones/", FILTERS, 20),
        "search": ("/lecciones/", {"q": "canon", "institution": ""}, 21),
        "theme page": ("/temas/brechas/", None, 12),
        "rss": ("/lecciones/rss/", None, 3),
        "theme atom": ("/temas/brechas/atom/", None, 4),
        # The territory adds its provinces and their districts: two queries, whatever the size.
        "sitemap": ("/sitemap.xml", None, 10),
    }

    def measure(url, params, budget):
        return count_queries(client, url, params, budget, django_assert_max_num_queries)

    small = make(theme, other_theme, SMALL, size=SMALL, prefix="a")
    counts = {name: measure(*page) for name, page in pages.items()}
    detail_count = measure(f"/lecciones/{small[1].slug}/", None, DETAIL_BUDGET)

    large = make(theme, other_theme, LARGE, size=LARGE, prefix="b")
    for name, page in pages.items():
        assert measure(*page) == counts[name], name
    assert measure(f"/lecciones/{large[1].slug}/", None, DETAIL_BUDGET) == detail_count
