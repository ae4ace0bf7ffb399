"""The demo library reads like a real one: bodies add to the summary, training has material."""

import io

import docx
import pytest

pytestmark = pytest.mark.django_db


def test_demo_resources_do_not_repeat_the_summary_and_training_carries_a_handout(
        home_page, settings, tmp_path):
    from library import demo

    settings.MEDIA_ROOT = tmp_path
    from library.models import ResourcePage

    demo.load(stdout=io.StringIO())
    resources = list(ResourcePage.objects.filter(locale=home_page.locale))
    assert resources
    for resource in resources:
        body = " ".join(str(block.render()) for block in resource.body)
        assert resource.summary not in body, resource.slug
        assert resource.summary[:60] not in body, resource.slug
    training = [r for r in resources if r.resource_type == "training"]
    assert training
    for resource in training:
        assert resource.document or resource.external_url, resource.slug
    handout = docx.Document(training[0].document.file.open("rb"))
    text = "\n".join(paragraph.text for paragraph in handout.paragraphs)
    assert training[0].title in text and "Session plan" in text
