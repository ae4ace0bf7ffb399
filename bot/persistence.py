"""python-telegram-bot persistence in the database (BotState rows), so a restart loses nothing.

Stores conversation states and user data as JSON (no pickle); chat, bot and callback data are
not used by the bot and not stored.
"""

from __future__ import annotations

import json
from copy import deepcopy

from asgiref.sync import sync_to_async
from telegram.ext import BasePersistence, PersistenceInput

from bot.models import BotState

USER_DATA = "user_data"
CONVERSATION = "conversation:"


def _load(kind: str) -> dict[str, object]:
    return dict(BotState.objects.filter(kind=kind).values_list("key", "data"))


def _load_one(kind: str, key: str):
    return BotState.objects.filter(kind=kind, key=key).values_list("data", flat=True).first()


def _save(kind: str, key: str, data) -> None:
    BotState.objects.update_or_create(kind=kind, key=key, defaults={"data": data})


def _drop(kind: str, key: str) -> None:
    BotState.objects.filter(kind=kind, key=key).delete()


class DatabasePersistence(BasePersistence):
    """Conversation states and user_data in ``BotState`` rows, written every ``update_interval``
    seconds and when the application stops."""

    def __init__(self, *, update_interval: float = 5, shared: bool = False):
        """``shared``: several processes use this state (the webhook's web workers), each
        writing after every update; user data is then read again before every update."""
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True,
                                        callback_data=False),
            update_interval=update_interval,
        )
        self.shared = shared

    async def get_user_data(self) -> dict[int, dict]:
        rows = await sync_to_async(_load)(USER_DATA)
        return {int(key): dict(value) for key, value in rows.items()}

    async def update_user_data(self, user_id: int, data: dict) -> None:
        await sync_to_async(_save)(USER_DATA, str(user_id), json.loads(json.dumps(data)))

    async def drop_user_data(self, user_id: int) -> None:
        await sync_to_async(_drop)(USER_DATA, str(user_id))

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        """Reload the user's data before each of their updates when ``shared``: under the
        webhook, several web workers each hold an application, and the previous update may
        have gone to another. (A single poller is the only writer: nothing to reload.)"""
        if not self.shared:
            return
        row = await sync_to_async(_load_one)(USER_DATA, str(user_id))
        user_data.clear()
        user_data.update(row or {})

    async def get_conversation_state(self, name: str, key: tuple):
        """The stored state of one conversation, or None."""
        return await sync_to_async(_load_one)(CONVERSATION + name, json.dumps(list(key)))

    async def get_conversations(self, name: str) -> dict:
        rows = await sync_to_async(_load)(CONVERSATION + name)
        return {tuple(json.loads(key)): value for key, value in rows.items()}

    async def update_conversation(self, name: str, key, new_state) -> None:
        kind, text = CONVERSATION + name, json.dumps(list(key))
        if new_state is None:
            await sync_to_async(_drop)(kind, text)
        else:
            await sync_to_async(_save)(kind, text, deepcopy(new_state))

    # Chat, bot and callback data are not stored (store_data above); PTB still needs these.
    async def get_chat_data(self) -> dict:
        return {}

    async def update_chat_data(self, chat_id: int, data) -> None:
        pass

    async def drop_chat_data(self, chat_id: int) -> None:
        pass

    async def refresh_chat_data(self, chat_id: int, chat_data) -> None:
        pass

    async def get_bot_data(self) -> dict:
        return {}

    async def update_bot_data(self, data) -> None:
        pass

    async def refresh_bot_data(self, bot_data) -> None:
        pass

    async def get_callback_data(self):
        return None

    async def update_callback_data(self, data) -> None:
        pass

    async def flush(self) -> None:
        """Every write is already in the database."""
