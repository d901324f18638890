"""Content files (YAML read into dataclasses): a mistake is named by file, entry and field."""

from dataclasses import dataclass, field

import pytest

from members.content_files import ContentFileError, Where, load, one_of, unique
from themes.models import Visibility


@dataclass(frozen=True)
class Item:
    slug: str
    start: str
    visibility: str = field(default=Visibility.PUBLIC, metadata=one_of(Visibility))
    people: tuple[str, ...] = field(default=(), metadata=one_of("person"))
    hours: float = 1


@dataclass(frozen=True)
class ItemsFile:
    items: tuple[Item, ...]


REFS = {"person": {"ana@example.org"}}


def read(tmp_path, text: str) -> ItemsFile:
    path = tmp_path / "items.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path, ItemsFile, REFS)


def error_of(tmp_path, text: str) -> str:
    with pytest.raises(ContentFileError) as raised:
        read(tmp_path, text)
    return str(raised.value)


def test_a_well_formed_file_gives_its_entries_with_defaults(tmp_path):
    content = read(
        tmp_path,
        'items:\n  - slug: uno\n    start: "19:00"\n    people: [ana@example.org]\n    hours: 2\n'
        '  - slug: dos\n    start: "09:30"\n    visibility: members\n',
    )

    assert content.items == (
        Item(slug="uno", start="19:00", people=("ana@example.org",), hours=2.0),
        Item(slug="dos", start="09:30", visibility="members"),
    )


def test_an_unquoted_time_is_named_with_its_entry_and_field(tmp_path):
    message = error_of(tmp_path, "items:\n  - slug: uno\n    start: 19:00\n")

    assert message.endswith(
        "items.yaml > items > entry 1 (uno) > start: expected text, got 1140 (put it in quotes)"
    )


def test_a_value_outside_the_allowed_ones_lists_them(tmp_path):
    message = error_of(
        tmp_path, 'items:\n  - slug: uno\n    start: "10:00"\n    visibility: privada\n'
    )

    assert "entry 1 (uno) > visibility: 'privada' is not one of: members, public" in message


def test_an_unknown_person_in_a_list_is_named_with_its_position(tmp_path):
    message = error_of(
        tmp_path,
        'items:\n  - slug: uno\n    start: "10:00"\n'
        "    people: [ana@example.org, luis@example.org]\n",
    )

    assert "entry 1 (uno) > people > entry 2: 'luis@example.org' is not one of" in message


def test_a_misspelt_or_missing_field_is_named(tmp_path):
    misspelt = error_of(tmp_path, 'items:\n  - slug: uno\n    start: "10:00"\n    hora: 2\n')
    missing = error_of(tmp_path, "items:\n  - slug: uno\n")

    assert "entry 1 (uno): unknown field 'hora' (the fields are: slug, start," in misspelt
    assert missing.endswith("entry 1 (uno): missing field 'start'")


def test_broken_yaml_says_where(tmp_path):
    message = error_of(tmp_path, 'items:\n  - slug: "uno\n')

    assert "items.yaml: not valid YAML" in message
    assert "line" in message


def test_two_entries_with_the_same_key_are_refused(tmp_path):
    content = read(
        tmp_path, 'items:\n  - {slug: uno, start: "10:00"}\n  - {slug: uno, start: "11:00"}\n'
    )

    with pytest.raises(ContentFileError, match=r"entry 2 \(uno\) > slug: appears twice"):
        unique(content.items, "slug", Where(tmp_path / "items.yaml", ("items",)))
