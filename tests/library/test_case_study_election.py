"""A case study carrying its election's .pb file offers "Recount with other rules", which counts
the file in the calculator and opens the comparison; the demo's two such case studies cite
Pabulib."""

from http import HTTPStatus
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from library.demo_elections import DATA, ELECTION_CASE_STUDIES
from tests.pabulib_files import BUNDLED_DIR

pytestmark = pytest.mark.django_db

CONTEXT = {"political_structure": "consolidated-democracy", "state_capacity": "strong",
           "territorial_level": "municipal", "decision_model": "direct-vote",
           "resources": "project-only"}
TOULOUSE = "France_Toulouse_2022_1_-_Capitole_Arnaud_Bernard_Carmes.pb"


@pytest.fixture
def case_with_election(make_resource, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = make_resource("Toulouse 2022", resource_type="case-study", **CONTEXT)
    page.election_file.save(TOULOUSE, ContentFile((BUNDLED_DIR / TOULOUSE).read_bytes()),
                            save=False)
    page.save_revision().publish()
    return page


def test_case_study_page_offers_a_recount_that_opens_the_comparison(client, case_with_election):
    page = client.get(case_with_election.url)
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    assert "Recount with other rules" in html
    assert f'action="/calculator/case-study/{case_with_election.pk}/"' in html
    assert "Participatory Budgeting: Data, Tools, and Analysis" in html

    response = client.post(f"/calculator/case-study/{case_with_election.pk}/")
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.endswith("/compare/")
    comparison = client.get(response.url)
    text = comparison.content.decode()
    assert comparison.status_code == HTTPStatus.OK
    # Approval ballots: the greedy rule and Equal Shares side by side, projects by name.
    assert "Equal Shares" in text and "Greedy" in text
    assert "Végétalisation de la place du Capitole" in text
    assert "What voters got under each rule" in text


def test_recount_needs_a_post_and_a_page_with_a_file(client, make_resource):
    page = make_resource("No vote here", resource_type="case-study", **CONTEXT)
    assert client.get(f"/calculator/case-study/{page.pk}/").status_code == \
        HTTPStatus.METHOD_NOT_ALLOWED
    assert client.post(f"/calculator/case-study/{page.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert "Recount with other rules" not in client.get(page.url).content.decode()


def test_only_a_readable_pb_file_is_accepted(make_resource, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = make_resource("Broken vote", resource_type="case-study", **CONTEXT)
    page.election_file.save("vote.pb", ContentFile(b"META\nkey;value\nbudget;lots\n"), save=False)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "cannot be read" in str(error.value)
    guide = make_resource("A guide")
    guide.election_file.save(TOULOUSE, ContentFile((BUNDLED_DIR / TOULOUSE).read_bytes()),
                             save=False)
    with pytest.raises(ValidationError) as error:
        guide.full_clean()
    assert "Only a case study" in str(error.value)


def test_demo_attaches_two_real_elections_citing_pabulib(library_index, settings, tmp_path):
    from library.demo import _create_resource
    from library.demo_elections import attach_elections

    settings.MEDIA_ROOT = tmp_path
    attach_elections(library_index, create_resource=_create_resource, stdout=StringIO())
    attach_elections(library_index, create_resource=_create_resource, stdout=StringIO())
    from library.models import ResourcePage

    pages = ResourcePage.objects.filter(slug__in=[e["slug"] for e in ELECTION_CASE_STUDIES])
    assert pages.count() == 2
    for page in pages:
        entry = next(e for e in ELECTION_CASE_STUDIES if e["slug"] == page.slug)
        with page.election_file.open("rb") as file:
            assert file.read() == (DATA / entry["file"]).read_bytes()
        assert "Faliszewski" in str(page.body)
