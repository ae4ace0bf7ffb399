"""Fixtures for the bot: the stand-in Bot API server and the real Application polling it."""

import asyncio
import threading

import pytest

from tests.bot.standin import TOKEN, StandIn


@pytest.fixture
def standin():
    server = StandIn().start()
    yield server
    server.stop()


class PollingBot:
    """The real Application, long-polling the stand-in from its own thread and event loop."""

    def __init__(self, base_url, *, update_interval=60):
        from bot.application import build_application
        from bot.persistence import DatabasePersistence

        self.application = build_application(
            TOKEN, base_url=base_url,
            persistence=DatabasePersistence(update_interval=update_interval))
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        asyncio.set_event_loop(self.loop)
        self.application.run_polling(stop_signals=None, close_loop=False, timeout=1,
                                     poll_interval=0)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        if self.thread.is_alive():
            self.loop.call_soon_threadsafe(self.application.stop_running)
            self.thread.join(timeout=20)
        assert not self.thread.is_alive(), "the bot did not stop"


@pytest.fixture
def polling_bot(standin, transactional_db):
    """Start the bot against the stand-in; yields a starter so tests can restart it."""
    bots = []

    def start():
        bot = PollingBot(standin.url).start()
        bots.append(bot)
        return bot

    yield start
    for bot in bots:
        bot.stop()


@pytest.fixture
def running_bot(polling_bot, standin):
    bot = polling_bot()
    standin.wait_for("getUpdates")
    return bot


class Chat:
    """One Telegram user talking to the bot, through polling or through the webhook view."""

    def __init__(self, standin, deliver, *, user_id=42, language_code="en"):
        self.standin = standin
        self.deliver = deliver
        self.user_id = user_id
        self.language_code = language_code

    def _send(self, update):
        mark = self.standin.mark()
        self.deliver(update)
        return mark

    def say(self, text):
        """Send a text message; returns the call mark to wait from."""
        return self._send(self.standin.message(text, user_id=self.user_id,
                                               language_code=self.language_code))

    def upload(self, filename, data, *, size=None):
        file_id, _path = self.standin.add_file(data, name=filename)
        document = {"file_id": file_id, "file_unique_id": "U" + file_id, "file_name": filename,
                    "file_size": len(data) if size is None else size}
        return self._send(self.standin.message(document=document, user_id=self.user_id,
                                               language_code=self.language_code))

    def press(self, data):
        """Press an inline button carrying ``data``; returns the call mark to wait from."""
        return self._send(self.standin.callback(data, user_id=self.user_id,
                                                language_code=self.language_code))

    def reply(self, since, *, containing="", method="sendMessage", count=1, timeout=20):
        """The bot's last message of ``method`` after ``since`` (that contains ``containing``)."""
        return self.standin.wait_for(method, since=since, containing=containing, count=count,
                                     timeout=timeout, chat_id=self.user_id)[-1]

    def ask(self, text, *, containing="", method="sendMessage", count=1):
        return self.reply(self.say(text), containing=containing, method=method, count=count)


@pytest.fixture(params=["polling", "webhook"])
def chat(request, standin, transactional_db, settings, client):
    """A user chatting with the bot, by long polling and (second run) through the webhook view."""
    if request.param == "polling":
        bot = PollingBot(standin.url).start()
        standin.wait_for("getUpdates")

        yield Chat(standin, standin.push)
        bot.stop()
        return
    from bot.webhook import stop_runner

    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_API_URL = standin.url
    settings.TELEGRAM_WEBHOOK_SECRET = "webhook-secret"
    ids = iter(range(10_000, 20_000))

    def post(update):
        body = {"update_id": next(ids), **update}
        response = client.post("/bot/webhook/", body, content_type="application/json",
                               headers={"X-Telegram-Bot-Api-Secret-Token": "webhook-secret"})
        assert response.status_code == 200

    yield Chat(standin, post)
    stop_runner()
