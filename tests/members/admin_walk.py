"""The facilitators' back office, page by page: a small world with one of everything a
facilitator handles (a contribution waiting for review, a full workshop with a waitlist,
a commitment, an application, an invitation, an institution, a library resource, a
document) and the admin addresses they open to handle it."""

import re
from datetime import timedelta

from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from members.models import Sector
from tests.factories import (
    ContributionFactory,
    InstitutionFactory,
    InvitationFactory,
    MemberFactory,
    MembershipApplicationFactory,
    WorkshopFactory,
)
from tests.resources.library_helpers import make_resource
from tests.workshops.admin_helpers import register
from themes import services as theme_services
from workshops.models import Commitment, RegistrationStatus

# Seen by facilitators before this catalogue had them.
KNOWN_ENGLISH = [
    "Filter by",
    "Show filters",
    "Sort by",
    "There are no",
    "to display",
    "match your query",
    "Go to the first error",
    "Pages created in",
    "Keyboard shortcuts",
    "Toggle minimap",
    "Save changes",
    "Paste without formatting",
    "Search…",
    "Search all pages",
    "More options for",
    "Date updated",
    "Edited by",
    "Page type",
    "Usage count",
    "Grid layout",
    "Last login",
    "Access level",
    "Autosave",
    "View latest version",
    "Locked by",
    "Privacy and access",
    "Show keyboard shortcuts",
    "Actions",
]
# Wagtail's own Spanish that a facilitator stumbles on: typos, "tú" instead of "usted",
# "Propiedades" for the settings, "hace" put after the time.
KNOWN_WRONG_SPANISH = [
    "etiquedas",
    "Negrilla",
    "Italica",
    "Esperando tu revisión",
    "Tus ediciones",
    "Propiedades",
    "horas antes",
    "minutos antes",
    "días antes",
    "ir en vivo",
    "Ver en vivo",
    "primera vez a las",
    "Selecionar fila",
    "Editar este item",
]
UNWANTED = KNOWN_ENGLISH + KNOWN_WRONG_SPANISH
RAW_BOOLEAN = re.compile(r"\b(True|False|None)\b")


def unwanted_in(text: str) -> list[str]:
    """The English, the slips of Wagtail's Spanish and the raw True/False/None in `text`."""
    return [unwanted for unwanted in UNWANTED if unwanted in text] + RAW_BOOLEAN.findall(text)


def build_world(facilitator) -> dict:
    institution = InstitutionFactory(
        name="Junta de Usuarios de Riego de Moquegua", sector=Sector.CIVIL_SOCIETY
    )
    author = MemberFactory(full_name="Rosa Quispe", institution=institution)
    contribution = ContributionFactory(author=author, published=False)
    theme_services.contribution_submit(user=author, contribution=contribution)
    published = ContributionFactory(author=author)
    comment = theme_services.comment_create(
        user=author, contribution=published, body="Muy útil para nuestra junta."
    )
    workshop = WorkshopFactory(
        title="Mesa de diálogo de Cuajone", capacity=1, created_by=facilitator
    )
    register(workshop, user=author)
    register(workshop, RegistrationStatus.WAITLISTED, user=MemberFactory(full_name="Julián Ñahui"))
    commitment = Commitment.objects.create(
        workshop=workshop,
        description="Publicar el avance de las obras cada mes.",
        responsible_institution=institution,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    application = MembershipApplicationFactory()
    invitation = InvitationFactory(invited_by=facilitator)
    resource = make_resource("Estudio de la renta minera en Moquegua")
    document = get_document_model().objects.create(
        title="Acta del taller", file=ContentFile(b"%PDF-1.4 acta", name="acta.pdf")
    )
    from tests.themes.prioritisation_helpers import approved, make_round

    prioritisation_round = make_round()
    solution = approved(prioritisation_round, "Mesa técnica de cuenca")
    return {
        "prioritisation_round": prioritisation_round,
        "solution": solution,
        "contribution": contribution,
        "published": published,
        "comment": comment,
        "workshop": workshop,
        "commitment": commitment,
        "application": application,
        "invitation": invitation,
        "institution": institution,
        "resource": resource,
        "document": document,
        "home": Page.objects.get(depth=2),
    }


def facilitator_pages(world: dict) -> list[str]:
    """Every admin page a facilitator uses, by address."""
    w = world
    return [
        "/admin/",
        "/admin/moderation-queue/",
        "/admin/snippets/themes/contribution/",
        f"/admin/snippets/themes/contribution/edit/{w['contribution'].pk}/",
        f"/admin/snippets/themes/contribution/inspect/{w['contribution'].pk}/",
        f"/admin/snippets/themes/contribution/feature/{w['published'].pk}/",
        f"/admin/snippets/themes/contribution/archive/{w['published'].pk}/",
        f"/admin/snippets/themes/contribution/unpublish/{w['published'].pk}/",
        "/admin/contribution-comments/",
        f"/admin/contribution-comments/inspect/{w['comment'].pk}/",
        f"/admin/contribution-comments/hide/{w['comment'].pk}/",
        "/admin/document-comments/",
        "/admin/workshops/",
        "/admin/workshops/new/",
        f"/admin/workshops/edit/{w['workshop'].pk}/",
        f"/admin/workshops/registrations/{w['workshop'].pk}/",
        f"/admin/workshops/message/{w['workshop'].pk}/",
        f"/admin/workshops/cancel/{w['workshop'].pk}/",
        "/admin/workshop-commitments/",
        f"/admin/workshop-commitments/edit/{w['commitment'].pk}/",
        "/admin/applications/",
        f"/admin/applications/inspect/{w['application'].pk}/",
        "/admin/invitations/",
        "/admin/invitations/new/",
        f"/admin/invitations/edit/{w['invitation'].pk}/",
        "/admin/institutions/",
        "/admin/institutions/new/",
        f"/admin/institutions/edit/{w['institution'].pk}/",
        f"/admin/institutions/inspect/{w['institution'].pk}/",
        "/admin/snippets/resources/resource/",
        "/admin/snippets/resources/resource/add/",
        f"/admin/snippets/resources/resource/edit/{w['resource'].pk}/",
        "/admin/pages/",
        f"/admin/pages/{w['home'].pk}/",
        f"/admin/pages/{w['home'].pk}/edit/",
        "/admin/documents/",
        f"/admin/documents/edit/{w['document'].pk}/",
        "/admin/documents/multiple/add/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/users/",
        "/admin/account/",
        "/admin/prioritisation/rounds/",
        "/admin/prioritisation/rounds/new/",
        f"/admin/prioritisation/rounds/edit/{w['prioritisation_round'].pk}/",
        f"/admin/prioritisation/rounds/close/{w['prioritisation_round'].pk}/",
        "/admin/prioritisation/solutions/",
        f"/admin/prioritisation/solutions/edit/{w['solution'].pk}/",
    ]


def readable_text(html: str) -> str:
    """What a person reads on the page: the text, and the labels of buttons and fields
    (title, aria-label, placeholder, alt), but not the scripts' code nor hidden parts."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(attrs={"hidden": True}):
        node.decompose()
    for node in soup(["script", "style", "template"]):
        # Wagtail keeps the texts of its scripts (keyboard shortcuts, messages) in
        # <template> and JSON: their words are read too, the code is not.
        if node.name == "template":
            node.replace_with(BeautifulSoup(node.decode_contents(), "html.parser"))
        else:
            node.decompose()
    parts = [soup.get_text(" ")]
    for attribute in ("title", "aria-label", "placeholder", "alt"):
        parts += [str(node[attribute]) for node in soup.find_all(attrs={attribute: True})]
    return re.sub(r"\s+", " ", " ".join(parts))
