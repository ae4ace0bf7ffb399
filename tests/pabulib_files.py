"""Where the tests find real Pabulib elections.

A dozen small files ship in ``tests/data/pabulib`` so that every fresh clone runs the calculator,
tally and bot tests on real data. The full comparison with pabutools runs over a larger folder
when one is present: ``PABULIB_DIR`` names it, and ``../shared/data/pabulib`` beside the clone
is the default.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DIR = ROOT / "tests" / "data" / "pabulib"
SHARED_DIR = Path(os.environ.get("PABULIB_DIR") or ROOT.parent / "shared" / "data" / "pabulib")


def pabulib_file(name: str) -> Path:
    """The path of a Pabulib file by name: the bundled copy, else the shared folder's, else skip."""
    for folder in (BUNDLED_DIR, SHARED_DIR):
        if (folder / name).is_file():
            return folder / name
    pytest.skip(f"{name} is neither in {BUNDLED_DIR} nor in {SHARED_DIR} (set PABULIB_DIR)")


def shared_files() -> list[Path]:
    """Every file of the shared folder (smallest first), or [] when there is none."""
    return sorted(SHARED_DIR.glob("*.pb"), key=lambda p: p.stat().st_size)


def bundled_files() -> list[Path]:
    """The files that ship with the tests (smallest first)."""
    return sorted(BUNDLED_DIR.glob("*.pb"), key=lambda p: p.stat().st_size)
