"""Nothing leaks: every public-side view, feed, search and sitemap, for every role, against
a public, a members-only, a draft and an archived contribution (and unpublished changes of
a published one)."""

import pytest
from django.test import Client

from tests.factories import (
    ContributionFactory,
    FacilitatorFactory,
    MemberFactory,
    ThemeFactory,
    UserFactory,
)
from tests.themes.lessons_helpers import attach, publish, soup
from themes import services
from themes.models import Comment, Contribution, Visibility

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "roleless", "member", "facilitator"]
READERS = {"member", "facilitator"}  # who may read members-only contributions


@pytest.fixture
def theme():
    return ThemeFactory(order=2, slug="diversificacion", name_es="Diversificación productiva")


@pytest.fixture
def contributions(theme):
    """Each with the shared word "quinua" and its own marker in the title."""
    public = publish(
        title="Quinua orgánica PUBLICA", slug="publica", primary_theme=theme, tags=["quinua"]
    )
    members = publish(
        title="Quinua orgánica RESERVADA",
        slug="reservada",
        primary_theme=theme,
        visibility=Visibility.MEMBERS,
        tags=["quinua", "etiqueta-reservada"],
    )
    draft = ContributionFactory(
        title="Quinua orgánica BORRADOR", slug="borrador", primary_theme=theme, published=False
    )
    draft.tags.add("quinua", "etiqueta-borrador")
    draft.save()
    archived = publish(title="Quinua orgánica ARCHIVADA", slug="archivada", primary_theme=theme)
    services.contribution_archive(user=FacilitatorFactory(), contribution=archived, archived=True)
    # A published contribution whose author is editing it: the edit is not public yet.
    edited = publish(
        title="Quinua orgánica EDITADA", slug="editada", primary_theme=theme, tags=["quinua"]
    )
    services.contribution_save_draft(
        user=edited.author,
        contribution=edited,
        fields={"title": "Quinua orgánica CAMBIO-SIN-APROBAR", "summary": "CAMBIO-SIN-APROBAR"},
    )
    items = {
        "public": public,
        "members": members,
        "draft": draft,
        "archived": Contribution.objects.get(pk=archived.pk),
        "edited": edited,
    }
    for contribution in items.values():
        attach(contribution)
    return items


def client_for(role) -> Client:
    client = Client()
    if role == "roleless":
        client.force_login(UserFactory())
    elif role == "member":
        client.force_login(MemberFactory())
    elif role == "facilitator":
        client.force_login(FacilitatorFactory())
    return client


def readable(role) -> set[str]:
    return {"PUBLICA", "EDITADA"} | ({"RESERVADA"} if role in READERS else set())


MARKERS = {"PUBLICA", "RESERVADA", "BORRADOR", "ARCHIVADA", "EDITADA", "CAMBIO-SIN-APROBAR"}


def markers_in(text: str) -> set[str]:
    return {marker for marker in MARKERS if marker in text}


@pytest.mark.parametrize("role", ROLES)
def test_lists_search_and_counts(role, contributions, theme):
    client = client_for(role)
    expected = readable(role)

    for params in ({}, {"q": "quinua"}, {"tag": "quinua"}, {"theme": theme.slug}):
        response = client.get("/en/lecciones/", params)
        assert response.status_code == 200
        page = soup(response)
        assert markers_in(page.select_one(".lesson-results").text) == expected, params
        count = page.select_one("#results-title").text.strip()
        assert count == f"{len(expected)} contributions", params
        option = page.select_one(f'select[name=theme] option[value="{theme.slug}"]')
        assert option.text.strip().endswith(f"({len(expected)})"), params
        tag_values = {o["value"] for o in page.select("select[name=tag] option")}
        assert ("etiqueta-reservada" in tag_values) == (role in READERS), params
        assert "etiqueta-borrador" not in tag_values, params
        assert markers_in(response.content.decode()) == expected, params

    theme_page = client.get(f"/en/temas/{theme.slug}/").content.decode()
    assert markers_in(theme_page) == expected


@pytest.mark.parametrize("role", ROLES)
def test_direct_addresses(role, contributions):
    client = client_for(role)
    may_read = {"public", "edited"} | ({"members"} if role in READERS else set())

    for name, contribution in contributions.items():
        detail = client.get(f"/lecciones/{contribution.slug}/")
        attachment = contribution.attachments.first() or contribution.attachments.model(pk=0)
        download = client.get(f"/lecciones/{contribution.slug}/adjuntos/{attachment.pk}/")
        expected = 200 if name in may_read else 404
        # Facilitators review drafts with their files: they may download any attachment.
        files = 200 if role == "facilitator" and contribution.attachments.exists() else expected
        assert detail.status_code == expected, name
        assert download.status_code == files, name
        if expected == 200:
            assert "CAMBIO-SIN-APROBAR" not in detail.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_commenting(role, contributions):
    client = client_for(role)

    for name, contribution in contributions.items():
        response = client.post(f"/lecciones/{contribution.slug}/comentar/", {"body": "Hola"})
        readable_here = name in {"public", "edited"} or (name == "members" and role in READERS)
        if role == "anonymous":
            assert response.status_code == 302 and "/cuentas/login/" in response["Location"]
        elif not readable_here:
            assert response.status_code == 404, name
        elif role == "roleless":
            assert response.status_code == 403, name
        else:
            assert response.status_code == 302, name
    commented = set(Comment.objects.values_list("contribution__slug", flat=True))
    if role in READERS:
        assert commented == {"publica", "reservada", "editada"}
    else:
        assert commented == set()


def test_facilitators_cannot_reach_comments_of_unreadable_contributions(contributions):
    member = MemberFactory()
    comment = services.comment_create(
        user=member, contribution=contributions["public"], body="Sobre la quinua"
    )
    Contribution.objects.filter(pk=contributions["public"].pk).update(is_archived=True)
    client = client_for("facilitator")

    response = client.post(f"/comentarios/{comment.pk}/ocultar/", {"reason": "Prueba"})

    assert response.status_code == 404
    comment.refresh_from_db()
    assert not comment.is_hidden


@pytest.mark.parametrize("role", ROLES)
def test_feeds_and_sitemap_are_public_only_for_everyone(role, contributions, theme):
    client = client_for(role)

    for url in (
        "/lecciones/rss/",
        "/lecciones/atom/",
        f"/temas/{theme.slug}/rss/",
        f"/temas/{theme.slug}/atom/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert markers_in(response.content.decode()) == {"PUBLICA", "EDITADA"}, url

    sitemap = client.get("/sitemap.xml").content.decode()
    slugs = {name for name, c in contributions.items() if f"/lecciones/{c.slug}/" in sitemap}
    assert slugs == {"public", "edited"}
