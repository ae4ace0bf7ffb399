"""Helpers every handler uses: the user's language, calling services, replying safely."""

from __future__ import annotations

import functools

from asgiref.sync import sync_to_async
from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import services, texts

LANG_KEY = "lang"


async def call(func, /, *args, **kwargs):
    """Run a synchronous service (ORM access) outside the event loop."""
    return await sync_to_async(functools.partial(func, *args, **kwargs))()


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The user's language: cached in user_data, else from the database or Telegram."""
    cached = context.user_data.get(LANG_KEY) if context.user_data is not None else None
    if cached:
        return cached
    user = update.effective_user
    if user is None:
        return "en"
    lang = await call(services.language_for, telegram_user_id=user.id,
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
