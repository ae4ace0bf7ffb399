"""Builds the bot: every handler, the error handler, retries and concurrency. Never polls."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from telegram import Update
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    BaseUpdateProcessor,
    ContextTypes,
)

from bot import texts
from bot.handlers import ask, cohort, events, start, tally, toolkit
from bot.handlers.common import language

logger = logging.getLogger("bot")


class RetryingRateLimiter(BaseRateLimiter):
    """Retries Bot API calls that failed for a passing reason.

    A 429 pauses *every* request for ``retry_after`` seconds (as Telegram asks), then retries;
    timeouts and 5xx answers are retried with a short back-off. After ``max_retries`` the error
    is raised to the handler (and so to the error handler, which logs it).
    """

    def __init__(self, *, max_retries: int = 3, backoff: float = 0.5):
        self.max_retries = max_retries
        self.backoff = backoff
        self._open = asyncio.Event()

    async def initialize(self) -> None:
        self._open.set()

    async def shutdown(self) -> None:
        self._open.set()

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        for attempt in range(self.max_retries + 1):
            await self._open.wait()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == self.max_retries:
                    raise
                delay = error.retry_after
                seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
                logger.warning("Bot API %s: 429, retrying after %.1f s", endpoint, seconds)
                self._open.clear()
                try:
                    await asyncio.sleep(seconds + 0.05)
                finally:
                    self._open.set()
            except (BadRequest, Forbidden, InvalidToken):
                raise
            except NetworkError as error:  # timeouts, connection errors, 5xx
                if attempt == self.max_retries:
                    raise
                logger.warning("Bot API %s failed (%s), retry %d", endpoint, error, attempt + 1)
                await asyncio.sleep(self.backoff * (2 ** attempt))
        raise AssertionError("unreachable")


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Processes updates of different chats concurrently, and those of one chat in order,
    so a conversation never sees its messages overtake each other."""

    def __init__(self, max_concurrent_updates: int = 64):
        super().__init__(max_concurrent_updates)
        self._locks: defaultdict[int | None, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._waiting: defaultdict[int | None, int] = defaultdict(int)

    async def do_process_update(self, update, coroutine) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        key = chat.id if chat else None
        self._waiting[key] += 1
        try:
            async with self._locks[key]:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # forget idle chats
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


async def report_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log any exception from a handler and apologise to the user; the bot keeps running."""
    logger.error("Error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        lang = await language(update, context)
    except Exception:  # noqa: BLE001 - the database itself may be what failed
        lang = texts.pick_language(getattr(update.effective_user, "language_code", None))
    try:
        await update.effective_chat.send_message(texts.say(lang, texts.APOLOGY))
    except Exception:  # noqa: BLE001 - never let the apology raise
        logger.exception("Could not send the apology")


def build_application(token: str, *, base_url: str | None = None, persistence=None,
                      concurrency: int = 64) -> Application:
    """The bot with every handler registered, talking to ``base_url`` (a Bot API server root,
    default ``settings.TELEGRAM_API_URL``)."""
    server = (base_url or settings.TELEGRAM_API_URL).rstrip("/")
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{server}/bot")
        .base_file_url(f"{server}/file/bot")
        .rate_limiter(RetryingRateLimiter())
        .concurrent_updates(PerChatUpdateProcessor(concurrency))
        .connection_pool_size(max(concurrency, 8))
    )
    if persistence is not None:
        builder = builder.persistence(persistence)
    application = builder.build()
    application.add_handler(tally.make_conversation(persistent=persistence is not None))
    for module in (start, ask, events, cohort, toolkit):
        application.add_handlers(module.HANDLERS)
    application.add_handler(start.CANCEL)
    application.add_handler(ask.QUESTION)
    application.add_error_handler(report_error)
    return application
