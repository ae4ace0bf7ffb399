"""Every message catalogue is complete in French, Spanish and Portuguese, and compiled."""

import gettext
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tests.support import ROOT

CATALOGUES = sorted(
    path for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def test_every_interface_language_has_catalogues():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert {"fr", "es", "pt"} <= languages


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_fully_translated_and_compiled(po_path: Path):
    po = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {po_path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy[:10]}"

    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run compilemessages"
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in po.translated_entries():
        if entry.msgid_plural or entry.msgctxt:
            continue
        assert compiled.gettext(entry.msgid) == entry.msgstr, f"{mo_path} is stale: recompile"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_passes_msgfmt_checks(po_path: Path):
    """compilemessages uses msgfmt: a placeholder or plural form it rejects breaks deployment."""
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
