"""The home page is a WebSite whose search engines can send searches to, the Core Group's
page an Organization with its member institutions (read with extruct); and no JSON-LD
block anywhere holds members-only, draft or comment text, nor an online meeting link."""

import json

import pytest
from django.utils.http import urlencode

from resources.library import Resource
from tests.factories import ContributionFactory, InstitutionFactory, MemberFactory
from tests.factories.workshops import WorkshopFactory
from tests.json_ld import crumbs, json_ld, node_of_type
from tests.resources.library_helpers import make_resource
from tests.workshops.views_helpers import MEETING_URL, hybrid_workshop, register
from themes.models import Comment, Contribution, Visibility

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.mark.parametrize(("prefix", "language"), [("", "es"), ("/en", "en")])
def test_the_home_page_is_a_website_with_its_search(anon_client, prefix, language):
    site = node_of_type(anon_client.get(f"{prefix}/"), "WebSite")

    assert site["name"] == "Comunidad de Aprendizaje Moquegua"
    assert site["url"] == f"{SITE}{prefix}/"
    assert site["inLanguage"] == language
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    template = action["target"]["urlTemplate"]
    assert template == f"{SITE}{prefix}/buscar/?q={{search_term_string}}"

    # The template leads to the site search with the words filled in.
    ContributionFactory(title="Vigilancia del canon en Ilo")
    url = template.replace("{search_term_string}", "canon")
    response = anon_client.get(url.removeprefix(SITE))
    assert "Vigilancia del canon en Ilo" in response.content.decode()


def test_the_core_group_page_lists_its_institutions_as_organizations(anon_client):
    InstitutionFactory(
        name="Municipalidad Provincial de Ilo",
        short_name="MPI",
        website="https://www.mpi.gob.pe/",
        is_core_group=True,
    )
    InstitutionFactory(name="Colegio de Ingenieros", short_name="", is_core_group=True)
    InstitutionFactory(name="Una institución miembro", is_core_group=False)

    community = node_of_type(anon_client.get("/grupo-nucleo/"), "Organization")

    assert community["name"] == "Comunidad de Aprendizaje Moquegua"
    assert community["member"] == [
        {"@type": "Organization", "name": "Colegio de Ingenieros"},
        {
            "@type": "Organization",
            "name": "Municipalidad Provincial de Ilo",
            "alternateName": "MPI",
            "url": "https://www.mpi.gob.pe/",
        },
    ]


SECRET_WORDS = {
    "members_lesson": "Zorzalreservado",
    "draft_edit": "Quinuaborrador",
    "never_published": "Vicuñainédita",
    "comment": "Cóndorcomentario",
    "members_workshop": "Llamareservada",
    "members_resource": "Alpacareservada",
    "draft_resource": "Tarukaborrador",
}


def test_no_json_ld_block_holds_members_only_draft_or_comment_text(member, member_client):
    words = SECRET_WORDS
    public = ContributionFactory(title="Mesa del agua abierta", slug="mesa-abierta")
    members_only = ContributionFactory(
        title=f"Acta {words['members_lesson']}",
        summary=f"Resumen {words['members_lesson']}.",
        visibility=Visibility.MEMBERS,
    )
    # An edit of the public lesson waiting for review: the row keeps the published text.
    editing = Contribution.objects.get(pk=public.pk)
    editing.summary = f"Cambio pendiente {words['draft_edit']}."
    editing.save_revision(user=public.author, clean=False)
    ContributionFactory(title=f"Borrador {words['never_published']}", published=False)
    Comment.objects.create(
        contribution=public, author=MemberFactory(), body=f"Muy útil {words['comment']}"
    )
    workshop = hybrid_workshop(title="Taller híbrido abierto")
    register(workshop, member)
    members_workshop = WorkshopFactory(
        title=f"Reunión {words['members_workshop']}", visibility=Visibility.MEMBERS
    )
    resource = make_resource("Estudio abierto", slug="estudio-abierto")
    members_resource = make_resource(
        f"Estudio {words['members_resource']}",
        slug="estudio-reservado",
        visibility=Visibility.MEMBERS,
    )
    pending = Resource.objects.get(pk=resource.pk)
    pending.summary = f"Cambio pendiente {words['draft_resource']}."
    pending.save_revision(clean=False)

    pages = [
        "/",
        "/en/",
        "/grupo-nucleo/",
        public.get_absolute_url(),
        f"/en{public.get_absolute_url()}",
        members_only.get_absolute_url(),
        public.primary_theme.get_absolute_url(),
        workshop.get_absolute_url(),
        f"/en{workshop.get_absolute_url()}",
        members_workshop.get_absolute_url(),
        resource.get_absolute_url(),
        members_resource.get_absolute_url(),
        f"/buscar/?{urlencode({'q': words['members_lesson']})}",
    ]
    blocks = {}
    for path in pages:
        response = member_client.get(path)
        assert response.status_code == 200, path
        blocks[path] = json.dumps(json_ld(response), ensure_ascii=False)

    # The member reads all of it on the pages themselves...
    assert words["members_lesson"] in member_client.get(members_only.get_absolute_url()).text
    assert MEETING_URL in member_client.get(workshop.get_absolute_url()).text
    # ...the public lesson, workshop and resource are described...
    assert crumbs(member_client.get(public.get_absolute_url()))[-1] == (
        "Mesa del agua abierta",
        None,
    )
    assert "Taller híbrido abierto" in blocks[workshop.get_absolute_url()]
    assert "Estudio abierto" in blocks[resource.get_absolute_url()]
    # ...and not one block holds what is not public.
    for path, block in blocks.items():
        for word in [*words.values(), MEETING_URL]:
            assert word.lower() not in block.lower(), f"{word} in the JSON-LD of {path}"
