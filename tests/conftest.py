"""The suite's set-up: shared fixtures come from the plugins in tests/fixtures/."""

import os

import pytest
from hypothesis import settings

pytest_plugins = [
    "tests.fixtures.email",
    "tests.fixtures.accounts",
    "tests.fixtures.demo_site",
    "tests.fixtures.browser",
    "tests.fixtures.events",
    "tests.fixtures.library",
]

# CI tries the same examples on every run, so that its result depends on the commit alone; a
# developer's run (./dev test) still searches afresh each time and keeps what fails in
# .hypothesis/ to try first next time.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: Django's test client leaves the last request's language active."""
    from django.conf import settings
    from django.utils import translation

    if not settings.configured:  # the pure packages' tests may run without Django
        yield
        return
    translation.activate("en")
    yield
    translation.activate("en")
