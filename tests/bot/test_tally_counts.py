"""/tally through the stored counts: a long count says "counting…" and answers when done;
the calculator's limits apply to bot users too."""

import pytest
from django.core.management import call_command

from tally.models import Count
from tests.bot.test_conversations import SCENARIO_2_PB

APPROVAL_PB = SCENARIO_2_PB.replace("vote_type;ordinal", "vote_type;approval")


@pytest.mark.parametrize("chat", ["polling"], indirect=True)
def test_a_long_count_says_counting_then_sends_the_result(chat, settings, standin):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TALLY_INLINE_WAIT = 0.2
    mark = chat.upload("scenario-2.pb", SCENARIO_2_PB.encode())
    counting = chat.reply(mark, containing="Counting")
    assert "stops after 60 seconds" in counting.text
    assert Count.objects.get().status == Count.Status.QUEUED
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False)
    result = chat.reply(mark, containing="Funded")
    assert "Street lights: $100,000 of $125,000" in result.text
    assert chat.reply(mark, method="sendPhoto")


@pytest.mark.parametrize("chat", ["polling"], indirect=True)
def test_the_service_chooses_equal_shares_with_add1_for_an_approval_file(chat):
    mark = chat.upload("approval.pb", APPROVAL_PB.encode())
    result = chat.reply(mark, containing="Funded")
    assert "Method of Equal Shares" in result.text
    count = Count.objects.get()
    assert (count.rule, count.options) == ("mes", {"completion": "add1"})


@pytest.mark.parametrize("chat", ["polling"], indirect=True)
def test_a_bot_user_over_the_hourly_limit_is_told_so(chat, settings):
    settings.TALLY_LIMITS = {**settings.TALLY_LIMITS,
                             "anonymous": {"running": 2, "per_hour": 1, "stored_bytes": 10**8}}
    chat.reply(chat.upload("scenario-2.pb", SCENARIO_2_PB.encode()), containing="Funded")
    refused = chat.reply(chat.press("tally:rerun:greedy"), containing="last hour")
    assert "You have made 1 count in the last hour" in refused.text
    assert Count.objects.count() == 1
