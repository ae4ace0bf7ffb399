"""Faults and restarts with the real Application long-polling the stand-in."""

import logging

import pytest

from tests.bot.conftest import Chat
from tests.bot.standin import TOKEN, Fault


def test_5xx_and_slow_answers_are_retried_without_losing_updates(running_bot, standin):
    standin.faults += [Fault("sendMessage", status=502), Fault("sendMessage", delay=1)]
    chat = Chat(standin, standin.push)
    mark = chat.say("/help")
    chat.say("/start")
    # 502, then a slow success for /help, then /start: both users' updates were answered.
    replies = standin.wait_for("sendMessage", since=mark, count=3, timeout=30)
    assert all("/tally" in reply.text for reply in replies)


def test_an_exception_in_a_handler_gets_an_apology_and_the_bot_goes_on(running_bot, standin):
    chat = Chat(standin, standin.push)
    chat.ask("/tally")
    # The Bot API refuses to hand over the uploaded file: the upload handler fails.
    standin.faults.append(Fault("getFile", status=400))
    mark = chat.upload("x.pb", b"META\n")
    assert "Sorry" in chat.reply(mark, containing="Sorry").text
    assert "/tally" in chat.ask("/help").text


def test_a_conversation_survives_a_restart(polling_bot, standin):
    bot = polling_bot()
    standin.wait_for("getUpdates")
    chat = Chat(standin, standin.push)
    chat.ask("/tally")
    chat.reply(chat.press("tally:rule:rank-and-rearrange"))
    chat.ask("480000")
    bot.stop()

    polling_bot()
    assert "3 projects" in chat.ask("A; 1\nB; 2\nC; 3").text


def test_the_webhook_refuses_a_missing_or_wrong_secret(client, settings, standin):
    settings.TELEGRAM_WEBHOOK_SECRET = "right"
    update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "/start",
                                          "chat": {"id": 1, "type": "private"}}}
    assert client.post("/bot/webhook/", update, content_type="application/json").status_code == 403
    wrong = client.post("/bot/webhook/", update, content_type="application/json",
                        headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
    assert wrong.status_code == 403
    assert standin.calls == []


MALFORMED = {
    "update_id is text": b'{"update_id": "x", "message": {"message_id": 1, "date": 0, '
                         b'"chat": {"id": 1, "type": "private"}, "text": "/start"}}',
    "message is a number": b'{"update_id": 1, "message": 5}',
    "message is a string": b'{"update_id": 1, "message": "hello"}',
    "chat is null": b'{"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": null, '
                    b'"text": "/start"}}',
    "text is nested arrays": b'{"update_id": 1, "message": {"message_id": 1, "date": 0, '
                             b'"chat": {"id": 1, "type": "private"}, "text": [[[["/start"]]]]}}',
    "deeply nested arrays": b'{"update_id": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "callback data is an object": b'{"update_id": 1, "callback_query": {"id": "1", "from": '
                                  b'{"id": 1, "is_bot": false, "first_name": "A"}, '
                                  b'"chat_instance": "c", "data": {"a": 1}}}',
    "from is a number": b'{"update_id": 1, "message": {"message_id": 1, "date": 0, "from": 3, '
                        b'"chat": {"id": 1, "type": "private"}, "text": "/start"}}',
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_the_webhook_answers_400_to_a_malformed_update_and_logs_it_once(
        client, settings, standin, caplog, transactional_db, body):
    from bot.webhook import stop_runner

    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_API_URL = standin.url
    settings.TELEGRAM_WEBHOOK_SECRET = "right"
    try:
        with caplog.at_level(logging.WARNING):
            response = client.post("/bot/webhook/", body, content_type="application/json",
                                   headers={"X-Telegram-Bot-Api-Secret-Token": "right"})
    finally:
        stop_runner()
    assert response.status_code == 400
    assert response.json()["ok"] is False
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(refused) == 1 and "malformed" in refused[0].getMessage()
    assert refused[0].exc_info is None
    assert [call for call in standin.calls if call.method == "sendMessage"] == []
