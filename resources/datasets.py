"""The library as an open dataset (composed by col_portal.opendata): every public,
published resource (`public_resources`) with its metadata and, when the portal holds its
file, the file's address. A public resource's file is public by the library's own rule
(`library_lets_read`: a published resource anyone may read has it), so every file named
here downloads for anyone."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from members.links import absolute_url
from members.models import Institution
from members.table_schema import (
    Dataset,
    Field,
    chunked,
    id_field,
    kind_field,
    language_field,
    page_url_field,
    published_fields,
    tags_field,
    themes_field,
    title_field,
)
from themes.models import Theme

from .library import ResourceKind
from .selectors import public_resources

RESOURCES = "biblioteca"


def resource_rows():
    queryset = (
        public_resources()
        .select_related("document")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order")),
            Prefetch("institutions", queryset=Institution.objects.order_by("name")),
            "tags",
        )
        .order_by("pk")
    )
    for resource in chunked(queryset):
        document = resource.document
        yield {
            "id": resource.pk,
            "url": absolute_url(resource.get_absolute_url()),
            "title": resource.title,
            "kind": resource.kind,
            "summary": resource.summary,
            "themes": [theme.slug for theme in resource.themes.all()],
            "tags": sorted(tag.name for tag in resource.tags.all()),
            "institutions": [institution.name for institution in resource.institutions.all()],
            "other_authors": resource.other_authors,
            "year": resource.year,
            "language": resource.language,
            "file_url": absolute_url(document.url) if document else "",
            "file_format": document.file_extension.lower() if document else "",
            "file_size": document.file_size if document else None,
            "external_url": resource.external_url,
            "first_published_at": resource.first_published_at,
            "last_published_at": resource.last_published_at or resource.first_published_at,
        }


def resources_dataset() -> Dataset:
    return Dataset(
        name=RESOURCES,
        title=_("Library"),
        description=_(
            "The public studies, reports, guides and other resources of the Community's "
            "library, with the address of each file the portal holds or the link to where "
            "it is published."
        ),
        fields=(
            id_field(_("Number of the resource in the portal.")),
            page_url_field(),
            title_field(_("Title of the resource.")),
            kind_field(ResourceKind.choices),
            Field("summary", "string", _("Summary"), _("What it is about and why it is useful.")),
            themes_field(),
            tags_field(),
            Field(
                "institutions",
                "string",
                _("Author institutions"),
                _('Institutions of the Community that wrote or published it, separated by "; ".'),
                is_list=True,
            ),
            Field(
                "other_authors",
                "string",
                _("Other authors"),
                _("Authors outside the Community's directory."),
            ),
            Field("year", "integer", _("Year"), _("Year it was published or written.")),
            language_field(),
            Field(
                "file_url",
                "string",
                _("File"),
                _("Address to download its file, when the portal holds it."),
                format="uri",
            ),
            Field(
                "file_format", "string", _("File format"), _("Extension of the file (pdf, docx…).")
            ),
            Field("file_size", "integer", _("File size"), _("Size of the file in bytes.")),
            Field(
                "external_url",
                "string",
                _("External link"),
                _("Where it is published elsewhere, if it is."),
                format="uri",
            ),
            *published_fields(),
        ),
        rows=resource_rows,
    )
