"""Helpers every handler uses: the user's language, calling services, replying safely."""

from __future__ import annotations

import functools
import time
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.db import close_old_connections, connections
from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import services, texts

LANG_KEY = "lang"


# Threads for read-only services: updates of different chats query the database side by side.
READERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bot-read")
# How long a READERS thread keeps a connection that CONN_MAX_AGE 0 (SQLite's setting here) would
# close after every call: reopening one costs ~3 ms of CPU, a large share of a question's.
READER_CONNECTION_SECONDS = 60


async def call(func, /, *args, **kwargs):
    """Run a synchronous service that writes, on Django's one shared database thread (so
    writes never compete with each other for SQLite's lock)."""
    return await sync_to_async(functools.partial(func, *args, **kwargs))()


async def read(func, /, *args, **kwargs):
    """Run a read-only synchronous service in one of the READERS threads, concurrently with
    other updates.

    Like a request, the call starts and ends with ``close_old_connections()``, which closes the
    thread's connections that broke or are older than CONN_MAX_AGE, or than
    READER_CONNECTION_SECONDS when CONN_MAX_AGE is 0: so at most one connection per thread and
    database stays open, and never a broken or an old one.
    """
    return await sync_to_async(functools.partial(_with_connections_checked, func, *args, **kwargs),
                               thread_sensitive=False, executor=READERS)()


def _with_connections_checked(func, /, *args, **kwargs):
    close_old_connections()
    before = {c.alias for c in connections.all(initialized_only=True) if c.connection is not None}
    try:
        return func(*args, **kwargs)
    finally:
        for connection in connections.all(initialized_only=True):
            if (connection.connection is not None and connection.alias not in before
                    and connection.settings_dict["CONN_MAX_AGE"] == 0):
                connection.close_at = time.monotonic() + READER_CONNECTION_SECONDS
        close_old_connections()


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The user's language: cached in user_data, else from the database or Telegram."""
    cached = context.user_data.get(LANG_KEY) if context.user_data is not None else None
    if cached:
        return cached
    user = update.effective_user
    if user is None:
        return "en"
    lang = await read(services.language_for, telegram_user_id=user.id,
                      language_code=user.language_code)
    if context.user_data is not None:
        context.user_data[LANG_KEY] = lang
    return lang


async def reply(update: Update, text: str, **kwargs):
    """Send HTML ``text`` to the chat of ``update`` (split when longer than Telegram allows)."""
    chat = update.effective_chat
    kwargs.setdefault("parse_mode", ParseMode.HTML)
    kwargs.setdefault("disable_web_page_preview", True)
    chunks = _split(text)
    for chunk in chunks[:-1]:
        await chat.send_message(chunk, parse_mode=kwargs["parse_mode"],
                                disable_web_page_preview=True)
    return await chat.send_message(chunks[-1], **kwargs)


def _split(text: str, limit: int = texts.MAX_MESSAGE) -> list[str]:
    chunks, current = [], ""
    for line in text.split("\n"):
        while len(line) > limit:
            chunks.append(line[:limit])
            line = line[limit:]
        if len(current) + len(line) + 1 > limit:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    chunks.append(current)
    return chunks
