"""Serve a 10,000-resource library with gunicorn and measure /library/ against /healthz.

    .venv/bin/python benchmarks/library.py [--resources 10000] [--seconds 10] [--clients 16]
                                           [--workers 2] [--database-url URL]

Builds a fresh database (SQLite in a temporary directory unless --database-url names an empty
PostgreSQL database), fills it with resources spread over every facet, indexes them for search,
serves the site with gunicorn on 127.0.0.1 and runs 16 concurrent keep-alive clients (threads with
http.client) against each URL in turn. Prints requests/s, p50/p95 latency, the ratio of
throughputs and the CPU time the gunicorn workers spent per request (from /proc, so it stays
meaningful on a busy shared machine).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY_URL = "/library/?q=budget&stage=project-selection&language=en"
HEALTHZ_URL = "/healthz"

FILL = r"""
import datetime, io, random
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from home import demo as home_demo
from library.demo_content import RESOURCES, CASE_STUDIES
from library.models import (ResourceIndexPage, ResourceLanguage, ResourcePage, ResourceRegion,
                            ResourceStage, ResourceType, Theme, CONTEXT_ATTRIBUTES)
from library.services import sync_vocabulary_terms

rng = random.Random(5)
sync_vocabulary_terms()
home = home_demo.load(stdout=io.StringIO())
index = ResourceIndexPage(title="Library", slug="library")
home.add_child(instance=index)
index.save_revision().publish()
languages = {t.code: t for t in ResourceLanguage.objects.all()}
regions = list(ResourceRegion.objects.all())
stages = list(ResourceStage.objects.all())
themes = list(Theme.objects.all())
summaries = [row[9] for row in RESOURCES] + [case["summary"] for case in CASE_STUDIES]
titles = [row[1] for row in RESOURCES]
now = timezone.now()
with transaction.atomic():
    for n in range(COUNT):
        kind = rng.choice(ResourceType.values)
        page = ResourcePage(
            title=f"{rng.choice(titles)} ({n})", slug=f"resource-{n}", summary=rng.choice(summaries),
            resource_type=kind, live=True, first_published_at=now, last_published_at=now,
            publication_date=datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3650)),
            authors="Benchmark", reviewed=rng.random() < 0.2, reviewed_by="Research board",
            **({name: rng.choice(vocabulary.values) for name, vocabulary in CONTEXT_ATTRIBUTES.items()}
               if kind == "case-study" else {}),
        )
        page.languages = [languages["en"]] + rng.sample(list(languages.values()), 1)
        page.regions = rng.sample(regions, 2)
        page.stages = rng.sample(stages, rng.randint(1, 2))
        page.themes = rng.sample(themes, 2)
        index.add_child(instance=page)
get_search_backend().add_bulk(ResourcePage, list(ResourcePage.objects.all()))
print("resources:", ResourcePage.objects.count())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pids) -> float:
    """utime + stime of the given processes, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def load(port: int, path: str, *, clients: int, seconds: float):
    """Hit `path` from `clients` keep-alive connections for `seconds`; return latencies and errors."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise OSError(response.status)
            except (OSError, http.client.HTTPException):
                with lock:
                    errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def measure(port, path, pids, *, clients, seconds):
    load(port, path, clients=clients, seconds=1)  # warm caches and connections
    cpu_before, start = cpu_seconds(pids), time.perf_counter()
    latencies, errors = load(port, path, clients=clients, seconds=seconds)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds(pids) - cpu_before
    latencies.sort()
    count = len(latencies)
    return {
        "path": path, "requests": count, "errors": errors, "rps": count / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(count * 0.95) - 1] * 1000,
        "cpu_ms": cpu / count * 1000 if count else float("nan"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--no-fill", action="store_true",
                        help="reuse an already filled --database-url (skip migrate and fill)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="pbx-library-bench-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pbexchange.settings.dev", "DJANGO_DEBUG": "false",
           "DATABASE_URL": args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "WARNING",
           "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    manage = [sys.executable, "manage.py"]
    started = time.perf_counter()
    if not args.no_fill:
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "shell", "-c", f"COUNT = {args.resources}\n{FILL}"], cwd=ROOT,
                       env=env, check=True)
    print(f"database ready in {time.perf_counter() - started:.0f} s")

    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "pbexchange.wsgi", "--no-control-socket",
         "-b", f"127.0.0.1:{port}", "-w", str(args.workers), "--keep-alive", "30",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", LIBRARY_URL, headers={"Host": "127.0.0.1"})
                status = connection.getresponse().status
                if status == 200:
                    break
                raise RuntimeError(f"{LIBRARY_URL} answered {status}")
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        pids = worker_pids(server.pid)
        rows = [measure(port, path, pids, clients=args.clients, seconds=args.seconds)
                for path in (HEALTHZ_URL, LIBRARY_URL)]
        cold = []  # every request a new combination: nothing cached, one client
        for number, word in enumerate(("vote", "budget", "residents", "projects", "city") * 4):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            start = time.perf_counter()
            connection.request("GET", f"/library/?q={word}&stage=outreach&language=en&page={number + 2}",
                               headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            cold.append((time.perf_counter() - start) * 1000)
    finally:
        server.terminate()
        server.wait(timeout=20)

    print(f"{args.resources} resources, {args.clients} clients, {args.workers} gunicorn workers, "
          f"{args.seconds:.0f} s per URL, {os.cpu_count()} CPUs")
    print(f"{'URL':<62} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms/req':>11} {'errors':>6}")
    for row in rows:
        print(f"{row['path']:<62} {row['rps']:>8.0f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
              f"{row['cpu_ms']:>11.2f} {row['errors']:>6}")
    print(f"uncached /library/ (new query each time, one client): median {statistics.median(cold):.0f} ms, "
          f"max {max(cold):.0f} ms")
    healthz, library = rows
    print(f"library / healthz throughput: {library['rps'] / healthz['rps']:.1%}  "
          f"(target >= 10%); library p95 {library['p95']:.0f} ms (target < 150 ms)")


if __name__ == "__main__":
    main()
