"""The committed gettext catalogues: complete in Spanish, and compiled.

`make run` and `make test` must work without GNU gettext, so the .mo files are committed;
these tests make sure each one says exactly what its .po file says (run `make messages`
after editing a .po file).
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
SPANISH_PO = LOCALE_DIR / "es" / "LC_MESSAGES" / "django.po"
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def _catalogue(entries) -> dict:
    catalogue = {}
    for entry in entries:
        if not entry.msgid:  # the header
            continue
        key = (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)
        if entry.msgid_plural:
            catalogue[key] = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            catalogue[key] = entry.msgstr
    return catalogue


def _describe(keys) -> str:
    return "; ".join(repr(msgid) for _, msgid, _ in sorted(keys, key=str)[:10])


def test_the_spanish_catalogue_exists():
    assert SPANISH_PO.is_file(), f"{SPANISH_PO.relative_to(settings.BASE_DIR)} is missing"


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(LOCALE_DIR)))
def test_compiled_catalogue_matches_its_po_file(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path.name} is missing beside {po_path}: run `make messages`"

    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(mo_path))
    expected = _catalogue(po.translated_entries())
    compiled = _catalogue(mo)

    missing = expected.keys() - compiled.keys()
    stale = compiled.keys() - expected.keys()
    changed = {key for key in expected.keys() & compiled.keys() if expected[key] != compiled[key]}
    assert not missing, f"not compiled yet (run `make messages`): {_describe(missing)}"
    assert not stale, f"compiled but no longer translated in the .po: {_describe(stale)}"
    assert not changed, f"translation changed since the last `make messages`: {_describe(changed)}"
    plural_forms = po.metadata.get("Plural-Forms", "").replace(" ", "")
    assert mo.metadata.get("Plural-Forms", "").replace(" ", "") == plural_forms


@pytest.mark.skipif(not SPANISH_PO.is_file(), reason="checked by test_the_spanish_catalogue_exists")
def test_every_interface_string_is_translated_into_spanish():
    po = polib.pofile(str(SPANISH_PO))

    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]

    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy (review and remove the fuzzy flag): {fuzzy[:10]}"
