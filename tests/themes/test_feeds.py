"""RSS and Atom feeds of published public contributions, and the sitemap."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import ContributionFactory, InstitutionFactory, MemberFactory, ThemeFactory
from tests.themes.lessons_helpers import publish
from themes.models import Contribution, Visibility

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _site_url(served_at):
    served_at("https://comunidad.example.pe")


@pytest.fixture
def water():
    return ThemeFactory(order=3, slug="recursos-hidricos", name_es="Recursos hídricos")


@pytest.fixture
def environment():
    return ThemeFactory(order=4, slug="gestion-ambiental", name_es="Gestión ambiental")


def rss_items(response) -> list[ET.Element]:
    return ET.fromstring(response.content).findall("./channel/item")


def rss_titles(response) -> list[str]:
    return [item.findtext("title") for item in rss_items(response)]


def atom_titles(response) -> list[str]:
    root = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


@pytest.fixture
def mixed(water, environment):
    """One of each: public, members-only, draft, archived, unpublished."""
    author = MemberFactory(institution=InstitutionFactory(name="Municipalidad de Ilo"))
    public = publish(
        title="Vigilancia del canon en Ilo",
        slug="vigilancia-del-canon",
        summary="Un comité revisó las obras financiadas con canon.",
        primary_theme=water,
        author=author,
        tags=["canon", "transparencia"],
    )
    publish(title="Acta reservada", primary_theme=water, visibility=Visibility.MEMBERS)
    ContributionFactory(title="Borrador", primary_theme=water, published=False)
    archived = publish(title="Archivada", primary_theme=water)
    Contribution.objects.filter(pk=archived.pk).update(is_archived=True)
    publish(title="Retirada", primary_theme=water).unpublish()
    publish(title="Ambiente con agua", primary_theme=environment, secondary_themes=[water])
    publish(title="Solo ambiente", primary_theme=environment)
    return public


def test_rss_lists_public_contributions_only(anon_client, mixed):
    response = anon_client.get("/lecciones/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert sorted(rss_titles(response)) == [
        "Ambiente con agua",
        "Solo ambiente",
        "Vigilancia del canon en Ilo",
    ]
    item = next(i for i in rss_items(response) if i.findtext("title").startswith("Vigilancia"))
    assert item.findtext("link") == "https://comunidad.example.pe/lecciones/vigilancia-del-canon/"
    assert item.findtext("description") == "Un comité revisó las obras financiadas con canon."
    assert sorted(c.text for c in item.findall("category")) == ["canon", "transparencia"]
    assert "Municipalidad de Ilo" in ET.tostring(item, encoding="unicode")
    assert item.findtext("pubDate")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "es"
    assert channel.findtext("link") == "https://comunidad.example.pe/lecciones/"


def test_atom_lists_public_contributions_only(anon_client, mixed):
    response = anon_client.get("/en/lecciones/atom/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert sorted(atom_titles(response)) == [
        "Ambiente con agua",
        "Solo ambiente",
        "Vigilancia del canon en Ilo",
    ]
    root = ET.fromstring(response.content)
    entry = next(
        e for e in root.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title").startswith("Vig")
    )
    assert entry.find(f"{ATOM}link").get("href") == (
        "https://comunidad.example.pe/en/lecciones/vigilancia-del-canon/"
    )
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Municipalidad de Ilo"
    assert sorted(c.get("term") for c in entry.findall(f"{ATOM}category")) == [
        "canon",
        "transparencia",
    ]


def test_members_never_get_members_only_items_in_a_feed(member_client, facilitator_client, mixed):
    for client in (member_client, facilitator_client):
        for url in ("/lecciones/rss/", "/temas/recursos-hidricos/rss/"):
            assert "Acta reservada" not in rss_titles(client.get(url))
        assert "Acta reservada" not in atom_titles(client.get("/lecciones/atom/"))


def test_theme_feeds_include_primary_and_secondary(anon_client, mixed):
    rss = anon_client.get("/temas/recursos-hidricos/rss/")
    atom = anon_client.get("/temas/recursos-hidricos/atom/")

    expected = ["Ambiente con agua", "Vigilancia del canon en Ilo"]
    assert sorted(rss_titles(rss)) == expected
    assert sorted(atom_titles(atom)) == expected
    assert sorted(rss_titles(anon_client.get("/temas/gestion-ambiental/rss/"))) == [
        "Ambiente con agua",
        "Solo ambiente",
    ]
    channel = ET.fromstring(rss.content).find("channel")
    assert "Recursos hídricos" in channel.findtext("title")
    assert channel.findtext("link") == "https://comunidad.example.pe/temas/recursos-hidricos/"


def test_unknown_theme_feed_is_404(anon_client):
    assert anon_client.get("/temas/no-existe/rss/").status_code == 404
    assert anon_client.get("/temas/no-existe/atom/").status_code == 404


def test_feeds_hold_the_30_latest(anon_client, water):
    author = MemberFactory()
    contributions = [
        ContributionFactory(primary_theme=water, author=author, published=False) for _ in range(32)
    ]
    for contribution in contributions:
        contribution.save_revision(user=author, clean=False).publish()

    titles = rss_titles(anon_client.get("/lecciones/rss/"))

    assert len(titles) == 30
    assert contributions[0].title not in titles and contributions[-1].title in titles


def test_feed_text_is_escaped(anon_client, water):
    publish(title="<script>alert(1)</script>", summary="a & b <i>", primary_theme=water)

    response = anon_client.get("/lecciones/rss/")

    assert b"<script>" not in response.content
    assert rss_titles(response) == ["<script>alert(1)</script>"]


# ---- Sitemap


def test_sitemap_lists_public_contributions_and_themes_in_both_languages(anon_client, mixed):
    response = anon_client.get("/sitemap.xml")

    assert response.status_code == 200
    text = response.content.decode()
    assert "https://comunidad.example.pe/lecciones/vigilancia-del-canon/" in text
    assert "https://comunidad.example.pe/en/lecciones/vigilancia-del-canon/" in text
    assert "https://comunidad.example.pe/temas/recursos-hidricos/" in text
    assert "https://comunidad.example.pe/lecciones/" in text
    for title in ("Acta reservada", "Borrador", "Archivada", "Retirada"):
        slug = Contribution.objects.get(title=title).slug
        assert f"/lecciones/{slug}/" not in text
