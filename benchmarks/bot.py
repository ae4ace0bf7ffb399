"""Benchmark of the bot answering questions, end to end through the stand-in Bot API server.

Run from the repository root:

    .venv/bin/python benchmarks/bot.py --database /tmp/bot-bench.sqlite3   # 10,000 resources
    .venv/bin/python benchmarks/bot.py --resources 1000                    # quicker

The SQLite database (``--database``, else a new file in a temporary directory; never the dev
database) is filled once with the library benchmark's loader (``FILL`` in
benchmarks/library.py: resources spread over every facet, with demo titles and summaries) and
the bot's demo FAQ, and reused by later runs given the same ``--database``. The real
Application long-polls the stand-in (tests/bot/standin.py). Latency: one user asks
``--questions`` different questions one after the other; each is timed from the moment the
update is queued to the moment the bot's sendMessage reaches the server. Throughput:
``--burst`` questions from as many users are queued at once and the answers counted per second
(concurrent updates on). The process CPU time per update and the load average are printed too,
as the machine may be shared."""

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
    """Migrate, then (unless the database already holds ``count`` resources) fill it with the
    library benchmark's bulk loader (benchmarks/library.py FILL) and the bot's demo FAQ."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from bot import demo as bot_demo
    from library.models import ResourcePage

    existing = ResourcePage.objects.count()
    if existing >= count:
        print(f"{existing} resources already in the database")
        return
    if existing:
        sys.exit(f"the database holds {existing} resources, fewer than {count}: use a new file")
    from benchmarks.library import FILL

    started = time.perf_counter()
    exec(FILL, {"COUNT": count})  # noqa: S102 - our own loader, shared with the library benchmark
    bot_demo.load(stdout=io.StringIO())
    print(f"{ResourcePage.objects.count()} resources created in "
          f"{time.perf_counter() - started:.0f} s")


def load_average() -> str:
    return "load average " + " ".join(f"{n:.1f}" for n in os.getloadavg())


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--database", default="",
                        help="SQLite file to fill (or reuse when already filled); default: a new "
                             "file in a temporary directory")
    parser.add_argument("--setup-only", action="store_true", help="fill the database and stop")
    args = parser.parse_args()

    database = args.database or f"{tempfile.mkdtemp(prefix='pbx-bot-bench-')}/bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(database).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbexchange.settings.test")
    setup_database(args.resources)
    if args.setup_only:
        return
    print(f"{os.cpu_count()} CPUs, {load_average()}")

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
    answer = standin.calls_to("sendMessage", chat_id=1)[-1].text
    print("warm-up answer starts:", " / ".join(answer.splitlines()[1:3])[:160])
    cpu = time.process_time()
    latencies = [ask(" ".join(rng.sample(WORDS, 2)) + f" {n}?", 1)
                 for n in range(args.questions)]
    print(f"latency over {len(latencies)} questions: median "
          f"{statistics.median(latencies) * 1000:.0f} ms, p95 "
          f"{percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
          f"(process CPU {(time.process_time() - cpu) / len(latencies) * 1000:.1f} ms/question, "
          f"{load_average()})")
    answered = [c for c in standin.calls_to("sendMessage", chat_id=1)[-len(latencies):]
                if "From the PB Exchange library" in c.text]
    print(f"{len(answered)} of {len(latencies)} questions answered with resources")

    mark = standin.mark()
    cpu = time.process_time()
    started = time.perf_counter()
    for n in range(args.burst):
        standin.send_text(f"{rng.choice(WORDS)} {rng.choice(WORDS)}?", user_id=1000 + n)
    standin.wait_for("sendMessage", since=mark, count=args.burst, timeout=600)
    elapsed = time.perf_counter() - started
    print(f"throughput: {args.burst} questions from {args.burst} users answered in "
          f"{elapsed:.1f} s = {args.burst / elapsed:.0f} updates/s (process CPU "
          f"{(time.process_time() - cpu) / args.burst * 1000:.1f} ms/update, {load_average()})")
    bot.stop()
    standin.stop()


if __name__ == "__main__":
    main()
