"""Load test: the production set-up on PostgreSQL, hit by wrk, with figures per URL.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--connections 64] [--workers 2]
                                        [--resources 10000] [--members 2000] [--keep DIR]

1. A throwaway PostgreSQL 15 cluster on 127.0.0.1 (benchmarks/_pg.py), removed afterwards.
2. migrate, load_demo, then 10,000 resources (benchmarks/library.py's FILL, under the demo's
   library) and 2,000 members (bulk_create), collectstatic.
3. The Procfile's web command: gunicorn + uvicorn workers on pbexchange.asgi with production
   settings (plain http on loopback: DJANGO_SECURE_SSL_REDIRECT=false).
4. wrk for --seconds at --connections on each URL (home, /library/ with filters, an event page,
   /events/calendar.ics); wrk_report.lua prints requests, p50/p95/p99 and every error kind.

Fails (exit 1) on any socket error or any status outside 2xx/3xx. Stops everything it started.
Other scripts reuse prepare() and serve() (benchmarks/db_fault.py).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import library as library_benchmark  # noqa: E402
from benchmarks._pg import Cluster, free_port  # noqa: E402

LUA = Path(__file__).with_name("wrk_report.lua")
LIBRARY_URL = "/library/?q=budget&stage=project-selection&language=en"

# benchmarks/library.py builds its own home and library; here they come from load_demo.
_OWN_INDEX = ('index = ResourceIndexPage(title="Library", slug="library")\n'
              "home.add_child(instance=index)\nindex.save_revision().publish()\n")
_DEMO_INDEX = "index = ResourceIndexPage.objects.child_of(home).get()\n"

MEMBERS = r"""
import random
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from allauth.account.models import EmailAddress
from network.models import Member

rng = random.Random(11)
User = get_user_model()
password = make_password("load-test-password")
countries = ["FR", "BR", "PT", "ES", "US", "CA", "KE", "IN", "DE", "MX", "SN", "PH"]
with transaction.atomic():
    users = User.objects.bulk_create(
        [User(username=f"load{n}", email=f"load{n}@example.org", password=password)
         for n in range(COUNT)], batch_size=500)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=500)
    Member.objects.bulk_create(
        [Member(user=u, name=f"Load Member {n}", country=rng.choice(countries),
                languages=rng.sample(["en", "fr", "es", "pt"], 2),
                consent_to_matching=rng.random() < 0.6, help_topics="budget schools")
         for n, u in enumerate(users)], batch_size=500)
print("members:", Member.objects.count())
"""

EVENT_URL = r"""
from events.models import EventPage
page = EventPage.objects.live().filter(locale__language_code="en").order_by("start").first()
print(page.url)
"""


def environment(database_url: str, tmp: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pbexchange.settings.production",
        "DJANGO_SECRET_KEY": "load-test-secret-key-not-for-production-0123456789abcdefghij",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str, tasks_immediate: bool = False) -> str:
    if tasks_immediate:  # index pages for search at once while filling
        env = {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout


def prepare(env: dict, *, resources: int, members: int, keep: Path | None = None) -> dict:
    """Fill the database; returns the URLs to load. With ``keep`` (the kept cluster's
    directory) a database filled before with the same sizes is used as it is."""
    marker = keep / f"filled-{resources}-{members}.json" if keep else None
    if marker and marker.exists():
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        print(f"reusing the database filled before ({marker})", flush=True)
        return json.loads(marker.read_text())
    if keep and any(keep.glob("filled-*.json")):
        sys.exit(f"{keep} holds a database filled with other sizes: remove it first")
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", tasks_immediate=True)
    assert _OWN_INDEX in library_benchmark.FILL, "benchmarks/library.py FILL changed: adapt load.py"
    fill = library_benchmark.FILL.replace(_OWN_INDEX, _DEMO_INDEX)
    # The demo's own resources count towards the total.
    manage(env, "shell", "-c", f"COUNT = {resources}\n{fill}", tasks_immediate=True)
    manage(env, "shell", "-c", f"COUNT = {members}\n{MEMBERS}")
    manage(env, "collectstatic", "--noinput", "-v0")
    event = manage(env, "shell", "-c", EVENT_URL).strip().splitlines()[-1]
    print(f"database ready in {time.perf_counter() - started:.0f} s", flush=True)
    urls = {"home": "/", "library": LIBRARY_URL, "event": event,
            "calendar": "/events/calendar.ics"}
    if marker:
        marker.write_text(json.dumps(urls))
    return urls


@contextlib.contextmanager
def serve(env: dict, *, workers: int):
    """The Procfile's web process on 127.0.0.1; yields its port; stopped on exit."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "pbexchange.asgi:application",
         "--worker-class", "uvicorn.workers.UvicornWorker", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--no-control-socket", "--timeout", "60",
         "--graceful-timeout", "10", "--log-level", "warning"],
        cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def get(port: int, path: str, *, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wrk(port: int, path: str, *, seconds: float, connections: int, threads: int = 2) -> dict:
    done = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:.0f}s",
         "--timeout", "30s", "-s", str(LUA), f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("JSON "))
    return {"path": path, **json.loads(line[5:])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=2_000)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the filled PostgreSQL cluster in DIR and reuse it next time "
                             "(also by benchmarks/db_fault.py); filling takes 10-20 minutes")
    parser.add_argument("--fill-only", action="store_true",
                        help="with --keep: fill the database and stop (load it later)")
    args = parser.parse_args()
    if args.fill_only and not args.keep:
        parser.error("--fill-only needs --keep")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    tmp = Path(tempfile.mkdtemp(prefix="pbx-load-"))
    rows = []
    try:
        with Cluster(keep=args.keep) as pg:
            env = environment(pg.url, tmp)
            urls = prepare(env, resources=args.resources, members=args.members, keep=args.keep)
            if args.fill_only:
                return 0
            with serve(env, workers=args.workers) as port:
                for name, path in urls.items():
                    status, _body = get(port, path)
                    assert status == 200, f"{path} answered {status}"
                    wrk(port, path, seconds=2, connections=8)  # warm caches
                    row = wrk(port, path, seconds=args.seconds, connections=args.connections)
                    rows.append({"name": name, **row})
                    print(f"{name}: {row}", flush=True)
                connections = int(pg.sql("SELECT count(*) FROM pg_stat_activity "
                                         "WHERE backend_type = 'client backend'"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{args.workers} gunicorn (uvicorn) workers, {args.connections} connections, "
          f"{args.seconds:.0f} s per URL, {os.cpu_count()} CPUs, load before start "
          f"{os.getloadavg()[0]:.1f}; {args.resources} resources, {args.members} members")
    print(f"{'URL':<58} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'requests':>8} {'socket err':>10} {'non-2xx/3xx':>11}")
    failed = False
    for row in rows:
        socket_errors = row["connect"] + row["read"] + row["write"] + row["timeout"]
        failed |= bool(socket_errors or row["status"])
        print(f"{row['path']:<58} {row['requests'] / row['duration_s']:>7.1f} "
              f"{row['p50_ms']:>7.0f} {row['p95_ms']:>7.0f} {row['p99_ms']:>7.0f} "
              f"{row['requests']:>8} {socket_errors:>10} {row['status']:>11}")
    print(f"PostgreSQL client connections at the end: {connections}")
    print("FAILED: errors above" if failed else "OK: zero socket errors, zero non-2xx/3xx")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
