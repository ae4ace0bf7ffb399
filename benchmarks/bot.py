"""Benchmark of the bot answering questions, end to end through the stand-in Bot API server.

Run from the repository root:

    .venv/bin/python benchmarks/bot.py                    # 10,000 resources (several minutes)
    .venv/bin/python benchmarks/bot.py --resources 1000   # quicker

A fresh SQLite database in a temporary directory gets the library's demo content plus
synthetic resources up to ``--resources``; the real Application long-polls the stand-in
(tests/bot/standin.py). Latency: one user asks ``--questions`` different questions one after
the other; each is timed from the moment the update is queued to the moment the bot's
sendMessage reaches the server. Throughput: ``--burst`` questions from as many users are queued
at once and the answers counted per second (concurrent updates on).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("budget outreach youth renters migrants ballot voting feasibility delegate assembly "
         "committee school district evaluation monitoring survey translation online offline "
         "deliberation proposal implementation tally ranking equity trust transparency "
         "neighbourhood council training template checklist facilitation").split()


def setup_database(count: int) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from home import demo as home_demo
    from library import demo as library_demo
    from library.models import ResourceIndexPage, ResourcePage, ResourceStage
    from wagtail.search.backends import get_search_backend

    out = io.StringIO()
    home_demo.load(stdout=out)
    index = library_demo.load(stdout=out) or ResourceIndexPage.objects.first()
    stages = list(ResourceStage.objects.all())
    rng = random.Random(8)
    existing = ResourcePage.objects.count()
    started = time.perf_counter()
    created = []
    for number in range(existing, count):
        words = rng.sample(WORDS, 4)
        page = ResourcePage(
            title=f"{words[0].capitalize()} and {words[1]}: note {number}",
            slug=f"synthetic-{number}", resource_type="guide",
            summary=f"How {words[0]}, {words[1]} and {words[2]} shape a {words[3]} step.",
            publication_date="2024-01-01",
        )
        page.stages = [rng.choice(stages)] if stages else []
        index.add_child(instance=page)
        created.append(page)
    get_search_backend().add_bulk(ResourcePage, created)
    print(f"{ResourcePage.objects.count()} resources ready "
          f"({len(created)} created in {time.perf_counter() - started:.0f} s)")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--burst", type=int, default=500)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="pbx-bot-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbexchange.settings.test")
    setup_database(args.resources)

    from tests.bot.conftest import PollingBot
    from tests.bot.standin import StandIn

    standin = StandIn().start()
    bot = PollingBot(standin.url).start()
    standin.wait_for("getUpdates")
    rng = random.Random(3)

    def ask(text, user_id):
        mark = standin.mark()
        started = time.perf_counter()
        standin.send_text(text, user_id=user_id)
        standin.wait_for("sendMessage", since=mark, chat_id=user_id, timeout=30)
        return time.perf_counter() - started

    ask("how do we reach marginalised residents?", 1)  # warm-up
    latencies = [ask(" ".join(rng.sample(WORDS, 2)) + f" {n}?", 1)
                 for n in range(args.questions)]
    print(f"latency over {len(latencies)} questions: median "
          f"{statistics.median(latencies) * 1000:.0f} ms, p95 "
          f"{percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")

    mark = standin.mark()
    started = time.perf_counter()
    for n in range(args.burst):
        standin.send_text(f"{rng.choice(WORDS)} {rng.choice(WORDS)}?", user_id=1000 + n)
    standin.wait_for("sendMessage", since=mark, count=args.burst, timeout=600)
    elapsed = time.perf_counter() - started
    print(f"throughput: {args.burst} questions from {args.burst} users answered in "
          f"{elapsed:.1f} s = {args.burst / elapsed:.0f} updates/s")
    bot.stop()
    standin.stop()


if __name__ == "__main__":
    main()
