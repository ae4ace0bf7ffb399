"""A small library (index page under the English home page) and a helper to add resources."""

import datetime

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def library_index(home_page):
    from library.models import ResourceIndexPage

    index = ResourceIndexPage(title="Library", slug="library")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_resource(library_index):
    from library.models import ResourceLanguage, ResourcePage, ResourceRegion, ResourceStage, Theme

    counter = iter(range(1, 10_000))

    def make(title, *, summary="A practical resource.", resource_type="guide", languages=("en",),
             regions=("global",), stages=(), themes=(), published="2024-01-01", parent=None,
             **fields):
        page = ResourcePage(
            title=title, slug=f"resource-{next(counter)}", summary=summary,
            resource_type=resource_type, publication_date=datetime.date.fromisoformat(published),
            **fields,
        )
        page.languages = list(ResourceLanguage.objects.filter(code__in=languages))
        page.regions = list(ResourceRegion.objects.filter(code__in=regions))
        page.stages = list(ResourceStage.objects.filter(code__in=stages))
        page.themes = list(Theme.objects.filter(slug__in=themes))
        (parent or library_index).add_child(instance=page)
        page.save_revision().publish()
        return page

    return make
