"""The portal's content files: the seeded pages and the demo texts, kept as YAML beside the
app that writes them (`<app>/content/*.yaml`) so that a facilitator can correct a text
without reading Python.

Each file says at its top what its fields mean. `build` turns one entry into its
dataclass and checks it on the way: a missing or unknown field, a value of the wrong type
or one that is not among the allowed ones raises ContentFileError, which names the file,
the entry and the field.
"""

import dataclasses
import types
import typing
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import CommandError
from django.db.models import TextChoices

# Every demo text ends with one of these, so a reader always sees it is demo content.
DEMO_MARK = "(Contenido de demostración.)"
DEMO_MARK_EN = "(Demo content. Contenido de demostración.)"


def with_demo_mark(text: str, language: str, *, separator: str = " ") -> str:
    return f"{text}{separator}{DEMO_MARK_EN if language == 'en' else DEMO_MARK}"


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentFileError(CommandError):
    """What is wrong in a content file, and where. A CommandError, so that the seed
    commands print it as a plain message rather than a traceback."""


# The fields that name an entry in error messages, and that two entries may not share.
KEY_FIELDS = ("slug", "key", "email", "name")


def one_of(choices: type[TextChoices] | str) -> dict:
    """Field metadata: the value (or each value of a list) must be one of `choices`, a
    TextChoices class or the name of a set of references given to `build` (theme slugs,
    demo people's e-mails...)."""
    return {"one_of": choices}


@dataclasses.dataclass(frozen=True)
class Where:
    """A place in a content file, for error messages: the file, then entry, then field."""

    path: Path
    trail: tuple[str, ...] = ()

    def at(self, *parts: str) -> "Where":
        return Where(self.path, self.trail + parts)

    def error(self, message: str) -> ContentFileError:
        try:
            name = self.path.relative_to(settings.BASE_DIR)
        except ValueError:
            name = self.path
        return ContentFileError(" > ".join([str(name), *self.trail]) + f": {message}")


def _parse(path: Path):
    try:
        with path.open(encoding="utf-8") as file:
            # The safe loader, in C when libyaml is there (ten times quicker).
            return yaml.load(file, Loader=SAFE_LOADER)  # noqa: S506
    except yaml.YAMLError as error:
        raise Where(path).error(f"not valid YAML: {error}") from error


def load(path: Path, cls, refs: dict | None = None):
    """The whole file as an instance of the dataclass `cls` (its fields are the file's
    top-level sections), checked."""
    return build(cls, _parse(path), Where(path), refs)


def raw(path: Path) -> dict:
    """The file as YAML gives it, unchecked (to read the references a file makes to
    itself, such as a tag vocabulary, before building it)."""
    data = _parse(path)
    return data if isinstance(data, dict) else {}


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(tp) -> str:
    return {str: "text", int: "a whole number", float: "a number", bool: "true or false"}.get(
        tp, getattr(tp, "__name__", str(tp))
    )


def _label(number: int, item) -> str:
    """An entry's place in a list, with its key when it has one."""
    key = next(
        (item[name] for name in KEY_FIELDS if isinstance(item, dict) and item.get(name)), None
    )
    return f"entry {number}" + (f" ({key})" if key else "")


def _check_choice(value, choices, refs: dict, where: Where) -> None:
    allowed = refs[choices] if isinstance(choices, str) else set(choices.values)
    if value not in allowed:
        listed = ", ".join(sorted(str(item) for item in allowed))
        raise where.error(f"{_shown(value)} is not one of: {listed}")


def _convert(tp, value, where: Where, choices, refs: dict):
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if value is None and type(None) in typing.get_args(tp):
            return None
        return _convert(options[0], value, where, choices, refs)
    if origin is tuple:
        if not isinstance(value, list):
            raise where.error(f"expected a list, got {_shown(value)}")
        (item_type, _) = typing.get_args(tp)
        return tuple(
            _convert(item_type, item, where.at(_label(number, item)), choices, refs)
            for number, item in enumerate(value, start=1)
        )
    if dataclasses.is_dataclass(tp):
        return build(tp, value, where, refs)
    if tp in (str, int, float, bool):
        ok = isinstance(value, tp) and not (tp is int and isinstance(value, bool))
        if tp is float and isinstance(value, int) and not isinstance(value, bool):
            ok, value = True, float(value)
        if not ok:
            hint = " (put it in quotes)" if tp is str and value is not None else ""
            raise where.error(f"expected {_type_name(tp)}, got {_shown(value)}{hint}")
        if choices is not None:
            _check_choice(value, choices, refs, where)
        return value
    return value  # free-form (a list of page blocks, checked by its own reader)


def build(cls, data, where: Where, refs: dict | None = None):
    """One entry of a content file as an instance of the dataclass `cls`."""
    refs = refs or {}
    if not isinstance(data, dict):
        raise where.error(f"expected a group of fields, got {_shown(data)}")
    fields = {item.name: item for item in dataclasses.fields(cls) if item.init}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise where.error(f"unknown field '{unknown[0]}' (the fields are: {', '.join(fields)})")
    hints = typing.get_type_hints(cls)
    values = {}
    for name, item in fields.items():
        if name not in data:
            no_default = (
                item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
            )
            if no_default:
                raise where.error(f"missing field '{name}'")
            continue
        choices = item.metadata.get("one_of")
        values[name] = _convert(hints[name], data[name], where.at(name), choices, refs)
    return cls(**values)


def unique(items, key: str, where: Where) -> None:
    """Two entries of a list may not share their key."""
    seen = set()
    for number, item in enumerate(items, start=1):
        value = getattr(item, key)
        if value in seen:
            raise where.at(f"entry {number} ({value})", key).error("appears twice")
        seen.add(value)
