"""Attachments through the contribution form: accepted by content, refused with a clear
message and nothing stored otherwise; removing and the ten-file limit."""

import io
import zipfile

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import ContributionFactory, ThemeFactory
from tests.themes.authoring_helpers import (
    CREATE,
    edit_url,
    error_summary,
    form_data,
    pdf,
    stored_files,
)
from tests.themes.lessons_helpers import soup
from themes import services
from themes.models import Contribution, ContributionAttachment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Attachments go to a temporary private folder, so tests can see what was stored."""
    folder = tmp_path / "private"
    field = ContributionAttachment._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=folder))
    return folder


@pytest.fixture
def theme():
    return ThemeFactory(name_es="Gestión integrada de recursos hídricos")


def png(name="mapa-del-valle.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (23, 69, 107)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def docx(name="acta.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Acta de la mesa técnica</w:t></w:r></w:p></w:body>"
            "</w:document>",
        )
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


REFUSED = {
    "html": (
        "pagina.html",
        b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        "text/html",
    ),
    "svg": (
        "dibujo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
    ),
    "exe renamed pdf": (
        "informe.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
        "application/pdf",
    ),
    "text renamed docx": (
        "acta.docx",
        b"Esto es solo texto con otro nombre.\n",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "html renamed png": ("foto.png", b"<html><script>alert(1)</script></html>", "image/png"),
}
# Refused as "not an accepted file type"; the others have their own message (programs, SVG,
# dangerous names: see tests/security/test_uploads.py, which sends every upload attack).
NOT_ACCEPTED = {"text renamed docx", "html renamed png"}


def test_pdf_png_and_docx_are_accepted(member, member_client, theme, private_files):
    response = member_client.post(
        CREATE, {**form_data(theme), "new_attachments": [pdf(), png(), docx()]}
    )

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    attachments = {a.title: a for a in contribution.attachments.all()}
    assert set(attachments) == {"informe-de-la-mesa", "mapa-del-valle", "acta"}
    assert attachments["informe-de-la-mesa"].content_type == "application/pdf"
    assert attachments["mapa-del-valle"].content_type == "image/png"
    assert attachments["acta"].content_type.endswith("wordprocessingml.document")
    assert len(stored_files(private_files)) == 3
    # Stored outside the public media folder.
    assert all(str(path).startswith(str(private_files)) for path in stored_files(private_files))


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_forbidden_types_are_refused_and_nothing_is_stored(
    member_client, theme, private_files, case
):
    name, content, content_type = REFUSED[case]
    upload = SimpleUploadedFile(name, content, content_type=content_type)

    response = member_client.post(CREATE, {**form_data(theme), "new_attachments": [pdf(), upload]})

    assert response.status_code == 200
    [error] = response.context["form"].errors["new_attachments"]
    assert name in error
    if case in NOT_ACCEPTED:
        assert "no es un tipo de archivo aceptado" in error
    summary = error_summary(response)
    assert name in summary
    assert "Los archivos que eligió no se guardaron" in summary
    assert not Contribution.objects.exists()
    assert not ContributionAttachment.objects.exists()
    assert stored_files(private_files) == []


def test_a_file_over_20_mb_is_refused(member_client, theme, private_files):
    big = SimpleUploadedFile(
        "estudio-completo.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "application/pdf"
    )

    response = member_client.post(CREATE, {**form_data(theme), "new_attachments": [big]})

    [error] = response.context["form"].errors["new_attachments"]
    assert "estudio-completo.pdf" in error
    assert "20" in error
    assert not Contribution.objects.exists()
    assert stored_files(private_files) == []


def test_a_refused_file_on_an_existing_draft_changes_nothing(
    member, member_client, theme, private_files
):
    contribution = ContributionFactory(author=member, published=False, primary_theme=theme)
    revisions = contribution.revisions.count()
    name, content, content_type = REFUSED["svg"]

    response = member_client.post(
        edit_url(contribution),
        {
            **form_data(theme, title="No debería guardarse"),
            "new_attachments": [SimpleUploadedFile(name, content, content_type)],
        },
    )

    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.title != "No debería guardarse"
    assert contribution.revisions.count() == revisions
    assert stored_files(private_files) == []


def test_at_most_ten_attachments(member, member_client, theme, private_files):
    contribution = services.contribution_save_draft(
        user=member,
        fields={"title": "Con anexos", "summary": "Resumen.", "primary_theme": theme},
        new_attachments=[(f"anexo {n}", pdf(f"anexo-{n}.pdf")) for n in range(9)],
    )
    files_before = len(stored_files(private_files))

    response = member_client.post(
        edit_url(contribution),
        {**form_data(theme), "new_attachments": [pdf("a.pdf"), pdf("b.pdf")]},
    )

    assert "new_attachments" in response.context["form"].errors
    assert contribution.attachments.count() == 9
    assert len(stored_files(private_files)) == files_before


def test_existing_attachments_are_listed_and_can_be_removed(member, member_client, theme):
    contribution = services.contribution_save_draft(
        user=member,
        fields={"title": "Con anexos", "summary": "Resumen.", "primary_theme": theme},
        new_attachments=[("Informe final", pdf()), ("Mapa", png())],
    )
    report, _image = sorted(contribution.attachments.all(), key=lambda a: a.title)

    page = soup(member_client.get(edit_url(contribution)))
    names = [
        item.select_one(".attachment-name").get_text()
        for item in page.select(".attachment-list li")
    ]
    assert names == ["Informe final", "Mapa"]
    box = page.select_one(f'input[name="remove_attachments"][value="{report.pk}"]')
    assert page.select_one(f'label[for="{box["id"]}"]')

    member_client.post(
        edit_url(contribution), {**form_data(theme), "remove_attachments": [str(report.pk)]}
    )
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert [a.title for a in contribution.attachments.all()] == ["Mapa"]


def test_attachments_added_to_a_published_contribution_wait_for_approval(
    member, member_client, theme
):
    contribution = ContributionFactory(author=member, primary_theme=theme)

    member_client.post(edit_url(contribution), {**form_data(theme), "new_attachments": [pdf()]})

    contribution = Contribution.objects.get(pk=contribution.pk)
    assert not contribution.attachments.exists()  # the published version has none yet
    [pending] = contribution.get_latest_revision_as_object().attachments.all()
    assert pending.pk is None

    # It can be removed again before anyone approved it.
    member_client.post(
        edit_url(contribution),
        {**form_data(theme), "remove_attachments": [services.attachment_key(pending)]},
    )
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert list(contribution.get_latest_revision_as_object().attachments.all()) == []
