"""Questions answered from the demo library and the staff FAQ (both transports; slow, as the
demo library is loaded for each)."""

import io

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_library(transactional_db):
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from wagtail.models import Locale, Page

    from bot import demo as bot_demo
    from home import demo as home_demo
    from library import demo as library_demo

    # Wagtail's migrations make the root page and the default locale; an earlier transactional
    # test's flush removed them (serialized_rollback would clash with the content types that
    # flush recreates, whenever such a test runs first).
    locale, _created = Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    # Forget what earlier tests' databases left in process-wide caches (library, content types).
    cache.clear()
    ContentType.objects.clear_cache()
    out = io.StringIO()
    home_demo.load(stdout=out)
    library_demo.load(stdout=out)
    bot_demo.load(stdout=out)


def test_a_question_is_answered_from_the_library_and_the_faq(demo_library, chat):
    reply = chat.ask("How do we reach marginalised residents?")
    assert "From the PB Exchange library:" in reply.text
    assert "Reaching people who never come to meetings" in reply.text
    assert "http" in reply.text
    assert "Our team's answer:" in reply.text
    stages = [b["callback_data"] for b in reply.buttons()]
    assert "ask:stage:outreach" in stages and "ask:lang:fr" in stages

    narrowed = chat.reply(chat.press("ask:stage:project-implementation"))
    assert "From the PB Exchange library:" in narrowed.text or "found nothing" in narrowed.text

    # No match: say so and offer to browse by stage.
    reply = chat.ask("/ask zzzqqq xylophone")
    assert "found nothing" in reply.text
    assert "browse:outreach" in [b["callback_data"] for b in reply.buttons()]
    listed = chat.reply(chat.press("browse:outreach"))
    assert "Outreach" in listed.text
