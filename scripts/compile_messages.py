"""Compile the gettext catalogues (locale/*/LC_MESSAGES/*.po -> .mo) without GNU gettext.

Django's ``compilemessages`` needs ``msgfmt``; this uses polib so that a machine with only
Python can rebuild the .mo files. The compiled files are committed, and CI checks that
they match their .po files:

    python scripts/compile_messages.py           # (re)compile every catalogue
    python scripts/compile_messages.py --check   # exit 1 when a .mo is missing or stale

As with msgfmt, fuzzy, obsolete and untranslated entries are left out of the .mo file.
"""

import argparse
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"


def po_files(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def _key(entry) -> tuple[str | None, str, str | None]:
    return (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)


def _value(entry) -> str | tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return entry.msgstr


def catalogue(entries) -> dict:
    """What a catalogue translates: {(context, msgid, plural msgid): translation}."""
    return {_key(entry): _value(entry) for entry in entries if entry.msgid}


def po_catalogue(po_path: Path) -> tuple[dict, str]:
    po = polib.pofile(str(po_path))
    return catalogue(po.translated_entries()), po.metadata.get("Plural-Forms", "")


def mo_catalogue(mo_path: Path) -> tuple[dict, str]:
    mo = polib.mofile(str(mo_path))
    return catalogue(mo), mo.metadata.get("Plural-Forms", "")


def problems(po_path: Path) -> list[str]:
    """Why the .mo beside ``po_path`` does not match it (empty when it does)."""
    mo_path = po_path.with_suffix(".mo")
    rel = po_path.relative_to(ROOT) if po_path.is_relative_to(ROOT) else po_path
    if not mo_path.is_file():
        return [f"{rel}: no compiled {mo_path.name} beside it"]
    po_entries, po_plural = po_catalogue(po_path)
    mo_entries, mo_plural = mo_catalogue(mo_path)
    found = []
    missing = po_entries.keys() - mo_entries.keys()
    extra = mo_entries.keys() - po_entries.keys()
    changed = [k for k in po_entries.keys() & mo_entries.keys() if po_entries[k] != mo_entries[k]]
    if missing:
        found.append(f"{rel}: {len(missing)} translation(s) missing from the .mo")
    if extra:
        found.append(f"{rel}: {len(extra)} entr(y/ies) in the .mo no longer translated in the .po")
    if changed:
        found.append(f"{rel}: {len(changed)} translation(s) differ between .po and .mo")
    if po_plural.replace(" ", "") != mo_plural.replace(" ", ""):
        found.append(f"{rel}: Plural-Forms differ ({po_plural!r} vs {mo_plural!r})")
    return found


def compile_all(paths: list[Path]) -> None:
    for po_path in paths:
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT)} ({len(po.translated_entries())} entries)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only check that every .mo matches its .po"
    )
    args = parser.parse_args(argv)
    paths = po_files()
    if not paths:
        print("No .po files under locale/.", file=sys.stderr)
        return 1 if args.check else 0
    if not args.check:
        compile_all(paths)
        return 0
    found = [problem for path in paths for problem in problems(path)]
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print("Run `make messages` and commit the .mo files.", file=sys.stderr)
        return 1
    print(f"{len(paths)} catalogue(s): every .mo matches its .po.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
