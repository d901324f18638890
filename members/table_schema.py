"""Open-data datasets described once: the Table Schema each app declares for its dataset
(`<app>/datasets.py`), from which col_portal.opendata writes the CSV, the JSON and the
Frictionless Data Package (v1), and the "Datos abiertos" page explains the columns.

Frictionless Table Schema: https://specs.frictionlessdata.io/table-schema/ — each field has
a name, a type, a title and a description; the schema names its primary key and foreign
keys. Titles and descriptions are translatable (English msgids, Spanish in the .po): the
package is written in Spanish, with the English text beside it (`title_en`,
`description_en`, custom properties the specification allows).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Lists (themes, tags, institutions) in one CSV cell.
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Field:
    """A column. `type` is a Table Schema type (string, integer, number, boolean, date,
    datetime); `is_list` joins a list of strings with LIST_SEPARATOR in CSV (a string
    column there, a JSON array in the JSON file); `choices` are the allowed codes with
    their meaning (a TextChoices' choices), listed in the description and as the enum."""

    name: str
    type: str
    title: str | Promise
    description: str | Promise
    required: bool = False
    is_list: bool = False
    choices: tuple[tuple[str, str | Promise], ...] = ()
    format: str = ""

    @property
    def codes(self) -> list[str]:
        return [code for code, _label in self.choices]

    def full_description(self) -> str:
        """The description, with the meaning of each code (in the active language)."""
        if not self.choices:
            return str(self.description)
        meanings = "; ".join(f"{code} = {label}" for code, label in self.choices)
        return f"{self.description} ({meanings})"

    def descriptor(self) -> dict:
        data = {"name": self.name, "type": self.type, "format": self.format or "default"}
        data.update(_bilingual("title", self.title))
        data.update(_bilingual("description", self.full_description))
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.choices and not self.is_list:
            constraints["enum"] = self.codes
        if constraints:
            data["constraints"] = constraints
        return data

    def csv_value(self, value) -> str:
        if value is None:
            return ""
        if self.is_list:
            return LIST_SEPARATOR.join(str(item) for item in value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, datetime):
            return _iso_datetime(value)
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def json_value(self, value):
        if value is None:
            return None
        if self.is_list:
            return [str(item) for item in value]
        if isinstance(value, datetime):
            return _iso_datetime(value)
        if isinstance(value, date):
            return value.isoformat()
        return value


@dataclass(frozen=True)
class ForeignKey:
    fields: str
    resource: str
    reference_fields: str = "id"

    def descriptor(self) -> dict:
        return {
            "fields": [self.fields],
            "reference": {"resource": self.resource, "fields": [self.reference_fields]},
        }


@dataclass(frozen=True)
class Dataset:
    """One table: `name` is the resource name and the files' stem (datos-abiertos/<name>.csv);
    `rows()` yields one dict per row, keyed by field name, streaming over its selector in
    chunks (a fixed number of queries per chunk)."""

    name: str
    title: str | Promise
    description: str | Promise
    fields: tuple[Field, ...]
    rows: Callable[[], Iterable[dict]]
    primary_key: str = "id"
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def field_names(self) -> list[str]:
        return [item.name for item in self.fields]

    def schema(self) -> dict:
        schema = {
            "fields": [item.descriptor() for item in self.fields],
            "primaryKey": [self.primary_key],
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [key.descriptor() for key in self.foreign_keys]
        return schema

    def csv_row(self, row: dict) -> list[str]:
        return [item.csv_value(row.get(item.name)) for item in self.fields]

    def json_row(self, row: dict) -> dict:
        return {item.name: item.json_value(row.get(item.name)) for item in self.fields}


def _bilingual(key: str, text) -> dict:
    """The text in Spanish under `key`, in English under `<key>_en` (`text` may be a
    function giving it in the active language)."""
    texts = {}
    for language in ("es", "en"):
        with translation.override(language):
            texts[language] = str(text() if callable(text) else text)
    return {key: texts["es"], f"{key}_en": texts["en"]}


def _iso_datetime(value: datetime) -> str:
    """ISO 8601 in UTC (2026-03-12T14:00:00Z): Table Schema's default datetime format."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def chunked(queryset, size: int = 500):
    """Rows of a queryset read `size` at a time (prefetches run once per chunk)."""
    return queryset.iterator(chunk_size=size)


# ---- Columns every dataset shapes alike (their titles and descriptions, once)


def id_field(description: str | Promise) -> Field:
    """The row's identifier: its number in the portal (`description` names what of)."""
    return Field("id", "integer", _("Identifier"), description, required=True)


def page_url_field() -> Field:
    return Field(
        "url", "string", _("Address"), _("Its page on the portal."), required=True, format="uri"
    )


def title_field(description: str | Promise) -> Field:
    return Field("title", "string", _("Title"), description, required=True)


def themes_field(description: str | Promise | None = None) -> Field:
    description = description or _('Codes (slugs) of its priority themes, separated by "; ".')
    return Field("themes", "string", _("Themes"), description, is_list=True)


def tags_field() -> Field:
    return Field("tags", "string", _("Tags"), _('Its tags, separated by "; ".'), is_list=True)


def kind_field(choices) -> Field:
    return Field(
        "kind",
        "string",
        _("Kind"),
        _("What it is, as a code."),
        required=True,
        choices=tuple(choices),
    )


def status_field(choices) -> Field:
    return Field(
        "status",
        "string",
        _("Status"),
        _("Where it stands, as a code."),
        required=True,
        choices=tuple(choices),
    )


def language_field() -> Field:
    return Field(
        "language",
        "string",
        _("Language"),
        _("Language it is written in, as a code."),
        required=True,
        choices=tuple(settings.LANGUAGES),
    )


def published_fields() -> tuple[Field, Field]:
    return (
        Field(
            "first_published_at",
            "datetime",
            _("Published"),
            _("When it was first published (UTC)."),
            required=True,
        ),
        Field(
            "last_published_at",
            "datetime",
            _("Last updated"),
            _("When its latest version was published (UTC)."),
        ),
    )
