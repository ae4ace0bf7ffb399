"""The application behind the webhook view: built and started once, in its own thread and loop.

Django may serve the view under WSGI (a fresh event loop per async request) or ASGI; handing
updates to one long-lived application in a dedicated loop works under both.
"""

from __future__ import annotations

import asyncio
import threading

from django.conf import settings
from telegram import Update

from bot.application import build_application
from bot.persistence import DatabasePersistence


class WebhookRunner:
    """Owns a started Application in a background event loop and feeds it updates."""

    def __init__(self, *, token: str, base_url: str | None = None):
        self.loop = asyncio.new_event_loop()
        self.application = build_application(token, base_url=base_url,
                                              persistence=DatabasePersistence())
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True,
                                       name="telegram-webhook")
        self.thread.start()
        ready.wait()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=60)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.call_soon(ready.set)
        self.loop.run_forever()

    async def _start(self) -> None:
        await self.application.initialize()
        await self.application.start()

    def submit(self, payload: dict) -> None:
        """Queue one update (the JSON Telegram posted); returns once it is queued."""
        async def put():
            update = Update.de_json(payload, self.application.bot)
            await self.application.update_queue.put(update)

        asyncio.run_coroutine_threadsafe(put(), self.loop).result(timeout=10)

    def stop(self) -> None:
        async def shutdown():
            await self.application.stop()
            await self.application.shutdown()

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(timeout=60)
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
