"""The application behind the webhook view: built and started once per web worker, in its own
thread and loop.

Django may serve the view under WSGI (a fresh event loop per async request) or ASGI; handing
updates to one long-lived application in a dedicated loop works under both. Conversation state
and user data live in the database and are read and written around every update, so the web
workers (and machines) behind a load balancer can share one webhook.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import json
import threading

from django.conf import settings
from telegram import Update
from telegram.ext import ConversationHandler

from bot.application import build_application
from bot.persistence import DatabasePersistence


class MalformedUpdate(ValueError):
    """A webhook body that is not a Telegram update the bot can handle; the message says why."""


MESSAGE_KEYS = ("message", "edited_message", "channel_post", "edited_channel_post",
                "business_message", "edited_business_message")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_user(user, where: str) -> None:
    if not isinstance(user, dict) or not _is_int(user.get("id")):
        raise MalformedUpdate(f"{where} is not a user")


def _check_message(message, where: str) -> None:
    if not isinstance(message, dict) or not _is_int(message.get("message_id")) \
            or not _is_int(message.get("date")):
        raise MalformedUpdate(f"{where} is not a message")
    chat = message.get("chat")
    if not isinstance(chat, dict) or not _is_int(chat.get("id")) or not isinstance(chat.get("type"), str):
        raise MalformedUpdate(f"{where}.chat is not a chat")
    if "from" in message:
        _check_user(message["from"], f"{where}.from")
    for key in ("text", "caption"):
        if key in message and not isinstance(message[key], str):
            raise MalformedUpdate(f"{where}.{key} is not text")


def check_update(body: bytes) -> dict:
    """The update (as JSON data) in a webhook body, or MalformedUpdate.

    python-telegram-bot trusts Telegram and builds objects from whatever it is given (a null
    chat, a number for a message), which then fail deep inside a handler's filters. The parts
    the handlers rely on are checked here first, so a forged or broken body is refused whole.
    """
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError) as error:  # RecursionError: absurdly deep nesting
        raise MalformedUpdate("the body is not JSON") from error
    if not isinstance(payload, dict) or not _is_int(payload.get("update_id")):
        raise MalformedUpdate("no numeric update_id")
    for key in MESSAGE_KEYS:
        if key in payload:
            _check_message(payload[key], key)
    query = payload.get("callback_query")
    if query is not None:
        if not isinstance(query, dict) or not isinstance(query.get("id"), str):
            raise MalformedUpdate("callback_query is not a callback query")
        _check_user(query.get("from"), "callback_query.from")
        if "data" in query and not isinstance(query["data"], str):
            raise MalformedUpdate("callback_query.data is not text")
        if "message" in query:
            _check_message(query["message"], "callback_query.message")
    return payload


def read_update(payload: dict, bot) -> Update:
    """The Update object of checked JSON data, or MalformedUpdate."""
    try:
        return Update.de_json(payload, bot)
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as error:
        raise MalformedUpdate(f"not a Telegram update ({type(error).__name__})") from error


async def load_conversation_states(application, update: Update) -> None:
    """Set each persistent conversation's state for this update's chat from the database.

    python-telegram-bot reads conversation states once, at start-up, and keeps them in the
    handler; it has no per-update refresh as it has for user data. This writes the stored state
    into the handler's own table (its private ``_conversations``, a TrackingDict, without marking
    it as changed); python-telegram-bot is pinned in the lock file.
    """
    persistence = application.persistence
    if not getattr(persistence, "shared", False):
        return
    for handlers in application.handlers.values():
        for handler in handlers:
            if not (isinstance(handler, ConversationHandler) and handler.persistent):
                continue
            try:
                key = handler._get_key(update)
            except RuntimeError:  # no chat or user on this update: not a conversation step
                continue
            state = await persistence.get_conversation_state(handler.name, key)
            if state is None:
                handler._conversations.data.pop(key, None)
            else:
                handler._conversations.update_no_track({key: state})


class WebhookRunner:
    """Owns a started Application in a background event loop and feeds it updates."""

    def __init__(self, *, token: str, base_url: str | None = None):
        self.loop = asyncio.new_event_loop()
        self.application = build_application(token, base_url=base_url,
                                              persistence=DatabasePersistence(shared=True))
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True,
                                       name="telegram-webhook")
        self.thread.start()
        ready.wait()
        self._in_loop(self._start).result(timeout=60)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.call_soon(ready.set)
        self.loop.run_forever()

    async def _start(self) -> None:
        await self.application.initialize()
        await self.application.start()

    def _in_loop(self, make_coroutine) -> concurrent.futures.Future:
        """Run a coroutine in the application's loop, in a fresh context.

        Not asyncio.run_coroutine_threadsafe: that hands the caller's context to the task.
        Called from a Django view under ASGI, that context tells asgiref to run the update's
        database calls in the request's own thread, which is waiting for the update: a
        deadlock. Tasks the application starts (its update fetcher, jobs) inherit it too.
        """
        future: concurrent.futures.Future = concurrent.futures.Future()

        def copy_outcome(task: asyncio.Task) -> None:
            if task.cancelled():
                future.cancel()
            elif task.exception() is not None:
                future.set_exception(task.exception())
            else:
                future.set_result(task.result())

        def start() -> None:
            self.loop.create_task(make_coroutine()).add_done_callback(copy_outcome)

        self.loop.call_soon_threadsafe(start, context=contextvars.Context())
        return future

    def submit(self, payload: dict) -> concurrent.futures.Future:
        """Start handling one update (the JSON Telegram posted, see check_update); the future is
        done when it has been handled and its state saved, or fails with MalformedUpdate.

        Several web workers each run one of these applications. So that any of them can take
        the next step of a chat, the chat's conversation state and user data are read from the
        database before the update and written back right after it (not every few seconds).
        """
        async def handle():
            application = self.application
            update = read_update(payload, application.bot)
            await load_conversation_states(application, update)
            await application.update_processor.process_update(
                update, application.process_update(update))
            await application.update_persistence()

        return self._in_loop(handle)

    def stop(self) -> None:
        async def shutdown():
            await self.application.stop()
            await self.application.shutdown()

        self._in_loop(shutdown).result(timeout=60)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


_runner: WebhookRunner | None = None
_lock = threading.Lock()


def get_runner() -> WebhookRunner:
    """The process's webhook application, started on first use."""
    global _runner
    with _lock:
        if _runner is None:
            _runner = WebhookRunner(token=settings.TELEGRAM_BOT_TOKEN,
                                    base_url=settings.TELEGRAM_API_URL)
        return _runner


def stop_runner() -> None:
    """Stop the webhook application (tests; process shutdown)."""
    global _runner
    with _lock:
        if _runner is not None:
            _runner.stop()
            _runner = None
