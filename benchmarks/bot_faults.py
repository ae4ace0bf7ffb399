"""Bot faults: the real Application long-polls a Bot API stand-in that answers 429, 502 and
too slowly on a share of calls; every update must be processed exactly once.

    .venv/bin/python benchmarks/bot_faults.py [--updates 500]

A fresh SQLite database (migrated) holds the bot's state. --updates users each send /help; the
stand-in (tests/bot/standin.py) injects, on sendMessage and getUpdates, 429 with retry_after=1,
502, and answers slower than the client's timeout. A TypeHandler in group -1 counts how often
each update_id reaches the handlers; each chat's replies are counted on the server side.
Exit 1 if an update is lost or processed twice, a chat gets no reply, or the bot stopped.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(standin, *, updates: int, share: float = 0.05, slow: float = 6.0, seed: int = 3,
        timeout: float = 300) -> dict:
    """Push `updates` /help messages through a polling bot with faults; returns the counts."""
    from telegram import Update
    from telegram.ext import TypeHandler

    from tests.bot.conftest import PollingBot
    from tests.bot.standin import Fault

    rng = random.Random(seed)
    faults = []
    for method, count in (("sendMessage", int(updates * share)),
                          ("getUpdates", max(int(updates * share / 10), 3))):
        for _ in range(count):
            kind = rng.choice(("429", "502", "slow"))
            if kind == "429":
                faults.append(Fault(method, status=429, retry_after=1))
            elif kind == "502":
                faults.append(Fault(method, status=502))
            else:  # longer than the client waits (sendMessage: 5 s; getUpdates: timeout + 5 s)
                faults.append(Fault(method, delay=slow if method == "sendMessage" else slow + 2))
    rng.shuffle(faults)
    standin.faults += faults
    injected = collections.Counter(
        f"{f.method} {f.status if not f.delay else 'slow'}" for f in faults)

    seen = collections.Counter()

    async def count(update, context):
        seen[update.update_id] += 1

    bot = PollingBot(standin.url, update_interval=5)
    bot.application.add_handler(TypeHandler(Update, count), group=-1)
    bot.start()
    started = time.monotonic()
    pushed = {}
    first_user = 500_000
    for number in range(updates):
        user = first_user + number
        pushed[standin.send_text("/help", user_id=user)["update_id"]] = user
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replied = {int(c.params["chat_id"]) for c in standin.calls_to("sendMessage")}
        if len(seen) >= updates and all(u in replied for u in pushed.values()):
            break
        time.sleep(0.2)
    elapsed = time.monotonic() - started
    time.sleep(2)  # let late duplicates, if any, show up
    replies = collections.Counter(int(c.params["chat_id"]) for c in standin.calls_to("sendMessage"))
    unexpected = sorted(u for u in seen if u not in pushed)
    # The bot keeps running: a new user still gets an answer.
    mark = standin.mark()
    standin.send_text("/help", user_id=999_999)
    standin.wait_for("sendMessage", since=mark, chat_id=999_999, timeout=60)
    alive = bot.thread.is_alive()
    bot.stop()
    return {
        "updates": updates, "elapsed": elapsed, "injected": dict(injected),
        "faults_left": len(standin.faults),
        "lost": sorted(u for u in pushed if seen[u] == 0),
        "twice": sorted(u for u in pushed if seen[u] > 1),
        "unexpected": unexpected,
        "chats_without_reply": sorted(c for c in pushed.values() if not replies[c]),
        "chats_with_repeated_reply": sorted(c for c in pushed.values() if replies[c] > 1),
        "alive": alive,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=500)
    parser.add_argument("--share", type=float, default=0.05,
                        help="faults per update on sendMessage (getUpdates gets a tenth)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="pbx-botfaults-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "pbexchange.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bot.sqlite3'}"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import logging

    import django
    from django.core.management import call_command

    django.setup()
    logging.getLogger("bot").setLevel(logging.ERROR)
    logging.getLogger("telegram").setLevel(logging.CRITICAL)
    call_command("migrate", verbosity=0)

    from tests.bot.standin import StandIn

    standin = StandIn().start()
    try:
        result = run(standin, updates=args.updates, share=args.share)
    finally:
        standin.stop()
    print(f"{result['updates']} updates in {result['elapsed']:.1f} s with faults injected "
          f"{result['injected']} ({result['faults_left']} not reached)")
    for key in ("lost", "twice", "unexpected", "chats_without_reply", "chats_with_repeated_reply"):
        print(f"  {key}: {len(result[key])} {result[key][:10]}")
    print(f"  bot still running and answering: {result['alive']}")
    failed = bool(result["lost"] or result["twice"] or result["chats_without_reply"]
                  or not result["alive"])
    print("FAILED" if failed else "OK: every update processed exactly once, every chat answered")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
