"""Helpers of the tests of members writing contributions (the site's form) and of
facilitators editing them in the admin: what the forms post, and what the pages say."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import District
from tests.themes.lessons_helpers import soup
from themes.models import SECTION_NAMES, Visibility

CREATE = reverse("themes:contribution_create")


def edit_url(contribution):
    return reverse("themes:contribution_edit", kwargs={"pk": contribution.pk})


def error_summary(response) -> str:
    box = soup(response).select_one("#error-summary")
    return box.get_text(" ", strip=True) if box else ""


def stored_files(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def form_data(theme, action="save", **overrides) -> dict:
    """What the browser sends for a complete contribution."""
    data = {
        "kind": "lesson",
        "title": "Mesa técnica del agua en el valle de Ilo",
        "summary": "Regantes, empresa minera y municipio acordaron turnos de riego verificables.",
        "primary_theme": theme.pk,
        "context": "Valle de Ilo, 2022, con la junta de usuarios y la municipalidad provincial.",
        "challenge": "Los turnos de riego no se cumplían y crecía la desconfianza.",
        "actions": "Una mesa técnica mensual con actas públicas y aforos compartidos.",
        "results": "Turnos acordados y cumplidos durante toda la campaña agrícola.",
        "lesson": "Las actas públicas y los datos compartidos sostienen los acuerdos.",
        "recommendations": "Invitar desde el inicio a todos los usuarios del agua.",
        "districts": [District.objects.get(slug="el-algarrobal").pk],
        "period_start": "2022",
        "period_end": "2023",
        "language": "es",
        "tags": "riego, agua",
        "visibility": Visibility.PUBLIC,
        "action": action,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def edit_form_data(contribution, **overrides):
    """What the admin's edit form posts back for the contribution's latest version."""
    draft = contribution.get_latest_revision_as_object()
    data = {
        "kind": draft.kind,
        "title": draft.title,
        "slug": draft.slug,
        "summary": draft.summary,
        "primary_theme": draft.primary_theme_id,
        "secondary_themes": [theme.pk for theme in draft.secondary_themes.all()],
        **{name: getattr(draft, name) for name in SECTION_NAMES},
        "districts": [district.pk for district in draft.districts.all()],
        "period_start": draft.period_start or "",
        "period_end": draft.period_end or "",
        "language": draft.language,
        "visibility": draft.visibility,
        "tags": ", ".join(tag.name for tag in draft.tags.all()),
        "coauthors": [person.pk for person in draft.coauthors.all()],
    }
    if draft.anti_corruption_focus:
        data["anti_corruption_focus"] = "on"
    data.update(overrides)
    return data


def pdf(name="informe-de-la-mesa.pdf") -> SimpleUploadedFile:
    content = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    return SimpleUploadedFile(name, content, content_type="application/pdf")
