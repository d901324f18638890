"""Lessons and experiences as an open dataset (composed by col_portal.opendata): every
public, published contribution (`public_contributions`), with its structured sections."""

from django.db.models import Prefetch
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.datasets import INSTITUTIONS, PLACE_FIELDS, places_of
from members.links import absolute_url
from members.models import District, Sector, User
from members.table_schema import (
    Dataset,
    Field,
    ForeignKey,
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

from .models import SECTIONS, ContributionKind, Theme
from .selectors import public_contributions

LESSONS = "lecciones-y-experiencias"


def lesson_rows():
    queryset = (
        public_contributions()
        .select_related("primary_theme", "author_institution")
        .prefetch_related(
            Prefetch("secondary_themes", queryset=Theme.objects.order_by("order")),
            "tags",
            Prefetch("coauthors", queryset=User.objects.select_related("institution")),
            Prefetch("districts", queryset=District.objects.select_related("province")),
        )
        .order_by("pk")
    )
    for contribution in chunked(queryset):
        # Institutions of the authors: the author's (when written), then the co-authors'.
        institutions = [contribution.author_institution]
        for person in contribution.coauthors.all():
            if person.institution and person.institution not in institutions:
                institutions.append(person.institution)
        themes = [contribution.primary_theme, *contribution.secondary_themes.all()]
        yield {
            "id": contribution.pk,
            "url": absolute_url(contribution.get_absolute_url()),
            "title": contribution.title,
            "kind": contribution.kind,
            "summary": contribution.summary,
            **{name: getattr(contribution, name) for name, _label, _help in SECTIONS},
            "primary_theme": contribution.primary_theme.slug,
            "themes": [theme.slug for theme in themes],
            "tags": sorted(tag.name for tag in contribution.tags.all()),
            "institution_id": contribution.author_institution_id,
            "institutions": [institution.name for institution in institutions],
            "sectors": list(dict.fromkeys(institution.sector for institution in institutions)),
            **places_of(contribution.districts.all()),
            "period_start": contribution.period_start,
            "period_end": contribution.period_end,
            "language": contribution.language,
            "anti_corruption_focus": contribution.anti_corruption_focus,
            "first_published_at": contribution.first_published_at,
            "last_published_at": contribution.last_published_at or contribution.first_published_at,
        }


def lessons_dataset() -> Dataset:
    sections = tuple(
        Field(
            name,
            "string",
            label,
            format_lazy(_("Section of the lesson that answers: {question}"), question=question),
        )
        for name, label, question in SECTIONS
    )
    return Dataset(
        name=LESSONS,
        title=_("Lessons and experiences"),
        description=_(
            "Every public lesson learned, experience and good practice published by members "
            "of the Community, with its structured sections, themes, tags, place and period."
        ),
        fields=(
            id_field(_("Number of the lesson in the portal.")),
            page_url_field(),
            title_field(_("Title of the lesson or experience.")),
            kind_field(ContributionKind.choices),
            Field(
                "summary",
                "string",
                _("Summary"),
                _("What happened and what was learned, in a few sentences."),
            ),
            *sections,
            Field(
                "primary_theme",
                "string",
                _("Primary theme"),
                _("Code (slug) of its priority theme."),
                required=True,
            ),
            themes_field(
                _(
                    'Codes (slugs) of all its priority themes, the primary one first, separated by "; ".'
                )
            ),
            tags_field(),
            Field(
                "institution_id",
                "integer",
                _("Institution"),
                _("Identifier of the author's institution (see the institutions dataset)."),
                required=True,
            ),
            Field(
                "institutions",
                "string",
                _("Institutions of the authors"),
                _('Names of the institutions of the author and co-authors, separated by "; ".'),
                is_list=True,
            ),
            Field(
                "sectors",
                "string",
                _("Sectors of the authors"),
                _('Stakeholder sectors of those institutions, as codes separated by "; ".'),
                is_list=True,
                choices=tuple(Sector.choices),
            ),
            *PLACE_FIELDS,
            Field("period_start", "integer", _("From (year)"), _("Year it began, if given.")),
            Field("period_end", "integer", _("To (year)"), _("Year it ended, if given.")),
            language_field(),
            Field(
                "anti_corruption_focus",
                "boolean",
                _("Transparency and anti-corruption focus"),
                _(
                    "Whether it deals with the Community's cross-cutting focus on curbing corruption."
                ),
            ),
            *published_fields(),
        ),
        rows=lesson_rows,
        foreign_keys=(ForeignKey("institution_id", INSTITUTIONS),),
    )
