"""Fill .po catalogues from a Python table of translations (a translator's helper, not run by the site).

usage: python scripts/fill_translations.py TABLE.py LOCALE_DIR
TABLE.py defines T = {msgid: (fr, es, pt)}; entries already translated are left alone unless
--force is given. Reports every msgid still untranslated.
"""

import runpy
import sys
from pathlib import Path

import polib

LANGS = ("fr", "es", "pt")


def main(table_path, locale_dir, force=False):
    table = runpy.run_path(table_path)["T"]
    missing = 0
    for index, lang in enumerate(LANGS):
        path = Path(locale_dir) / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path))
        for entry in po:
            if entry.obsolete:
                continue
            if entry.msgid in table and (force or not entry.msgstr or entry.fuzzy):
                entry.msgstr = table[entry.msgid][index]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            if entry.msgid_plural:
                continue
            if not entry.msgstr:
                missing += 1
                print(f"{lang}: untranslated: {entry.msgid!r}")
        po.save(str(path))
        po.save_as_mofile(str(path.with_suffix(".mo")))
    return missing


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--force"]
    sys.exit(1 if main(*args, force="--force" in sys.argv) else 0)
