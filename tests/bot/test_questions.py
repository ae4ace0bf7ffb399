"""Questions answered from the demo library and the staff FAQ (both transports; slow, as the
demo library is loaded for each)."""

import io

import pytest

# The demo needs Wagtail's root page and locales, which a transactional flush would remove.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo_library(transactional_db):
    from bot import demo as bot_demo
    from home import demo as home_demo
    from library import demo as library_demo

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
