"""Every library test starts and ends with an empty cache (fixtures: tests/fixtures/library.py)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache(fresh_cache):
    yield
