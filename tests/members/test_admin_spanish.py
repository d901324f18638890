"""The facilitators' back office reads in Spanish: every admin page they use, walked as a
facilitator, shows no English from Wagtail (filters, sorting, empty listings, counts,
keyboard shortcuts, errors), none of Wagtail's Spanish slips, and no raw True/False."""

import glob
import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings
from django.utils import translation

from members.models import Institution
from tests.members.admin_walk import build_world, facilitator_pages, readable_text, unwanted_in

pytestmark = pytest.mark.django_db

SPANISH_PO = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def wagtail_strings_without_spanish() -> list[str]:
    """Wagtail's own English texts that neither its Spanish catalogue nor ours translates
    (long enough to be told apart from Spanish words)."""
    ours = {entry.msgid for entry in polib.pofile(str(SPANISH_PO)) if entry.translated()}
    root = Path(wagtail.__file__).parent
    untranslated = []
    for english in glob.glob(str(root / "**/locale/en/LC_MESSAGES/django.po"), recursive=True):
        spanish = Path(english.replace("/en/", "/es/"))
        theirs = (
            {entry.msgid for entry in polib.pofile(str(spanish)) if entry.translated()}
            if spanish.is_file()
            else set()
        )
        for entry in polib.pofile(english):
            if entry.msgid in theirs or entry.msgid in ours or "<" in entry.msgid:
                continue
            literal = max(re.split(r"%\(\w+\)[sd]|\{\w+\}", entry.msgid), key=len).strip()
            if len(literal) >= 12:
                untranslated.append(literal)
    return untranslated


@pytest.fixture
def pages(facilitator_client, facilitator):
    world = build_world(facilitator)
    rendered = {}
    for url in [
        *facilitator_pages(world),
        "/admin/invitations/?q=nadie-se-llama-asi",
        "/admin/workshops/?q=nadie-se-llama-asi",
    ]:
        response = facilitator_client.get(url)
        assert response.status_code == 200, url
        rendered[url] = readable_text(response.content.decode())
    # A form sent with mistakes: its error messages too.
    response = facilitator_client.post("/admin/invitations/new/", {"email": "no es un correo"})
    assert response.status_code == 200
    rendered["/admin/invitations/new/ (errors)"] = readable_text(response.content.decode())
    return rendered


def test_no_english_on_the_facilitators_admin_pages(pages):
    found = {url: unwanted_in(text) for url, text in pages.items()}
    assert not {url: words for url, words in found.items() if words}


def test_no_wagtail_string_left_in_english(pages):
    untranslated = wagtail_strings_without_spanish()
    found = {
        url: [english for english in untranslated if english in text] for url, text in pages.items()
    }
    assert not {url: words for url, words in found.items() if words}


def test_our_catalogue_comes_before_wagtails():
    # Wagtail's Spanish says "Negrilla" and "%(time_period)s antes"; ours wins.
    assert settings.LOCALE_PATHS
    with translation.override("es"):
        assert translation.gettext("Bold") == "Negrita"
        assert translation.gettext("%(time_period)s ago") == "hace %(time_period)s"
        assert translation.gettext("Filter by") == "Filtrar por"


def test_the_waitlist_column_is_a_place_not_a_job_title(facilitator_client, facilitator):
    world = build_world(facilitator)
    url = f"/admin/workshops/registrations/{world['workshop'].pk}/"
    text = readable_text(facilitator_client.get(url).content.decode())
    assert "Posición en la lista de espera" in text
    assert "Cargo" not in text


def test_saving_in_the_admin_says_so_without_a_wrong_gender(facilitator_client):
    """Wagtail's Spanish puts every model in the masculine ("Institución 'X' creado"): the
    messages after saving name the object and its kind without an adjective to agree."""
    data = {
        "name": "Junta de Usuarios de Riego de Moquegua",
        "short_name": "",
        "sector": "civil_society",
        "description": "",
        "website": "",
        "date_joined": "2025-03-14",
    }
    response = facilitator_client.post("/admin/institutions/new/", data, follow=True)
    text = readable_text(response.content.decode())
    assert "«Junta de Usuarios de Riego de Moquegua» (institución) se creó." in text
    assert "creado" not in text

    institution = Institution.objects.get(name=data["name"])
    response = facilitator_client.post(
        f"/admin/institutions/edit/{institution.pk}/", {**data, "sector": "academia"}, follow=True
    )
    text = readable_text(response.content.decode())
    assert "«Junta de Usuarios de Riego de Moquegua» (institución) se actualizó." in text
    assert "actualizado" not in text
