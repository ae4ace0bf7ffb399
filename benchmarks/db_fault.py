"""Database fault under load: PostgreSQL stops for 5 s while the site is busy.

    .venv/bin/python benchmarks/db_fault.py [--resources 0] [--members 200] [--clients 16]
                                            [--down 5] [--wrk-connections 32] [--keep DIR]

The site runs as in benchmarks/load.py (throwaway PostgreSQL, gunicorn + uvicorn, production
settings). Clients load home, the library, the events listing and /healthz, checking every
answer: 200, or 503 with the friendly page (never a traceback or an error name), while wrk
keeps --wrk-connections busy on the library (its socket errors count as failures; its 503s
while the database is down are expected). With --keep DIR and the sizes of a load.py run, the
database that load.py filled is reused: the drill then runs on 10,000 resources. A logged-in
member keeps proposing events (a form writing a page, a revision and a moderation state in one
transaction). PostgreSQL is stopped (`pg_ctl stop -m fast`), kept down --down seconds, started.
Prints the answers by phase, how long after PostgreSQL was back the site answered 200 again,
and checks every proposal: answered 302 -> saved whole; answered 503 -> not saved at all.
Exit 1 on any bad answer, recovery over 5 s, or a half-saved proposal.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._pg import Cluster  # noqa: E402
from benchmarks.load import (  # noqa: E402
    LIBRARY_URL,
    environment,
    manage,
    prepare,
    serve,
    wrk,
)

URLS = ["/", LIBRARY_URL, "/events/", "/healthz"]
FRIENDLY = "PB Exchange is back in a moment"
LEAKS = ("Traceback", "OperationalError", "psycopg", "Exception", "File \"")

CHECK_PROPOSALS = r"""
import json
from wagtail.models import Locale, Revision, WorkflowState
from events.models import EventPage
out = {}
# The proposal is the page in the default locale; wagtail-localize adds one alias per other
# locale in the same transaction, so a whole proposal has every one of them.
locales = Locale.objects.count()
for page in EventPage.objects.filter(title__startswith="Fault drill ", alias_of__isnull=True):
    out[page.title] = {
        "revisions": Revision.objects.filter(object_id=str(page.pk)).count(),
        "workflow": WorkflowState.objects.filter(object_id=str(page.pk)).count(),
        "aliases": EventPage.objects.filter(alias_of=page).count(),
        "locales": locales,
    }
print("RESULT" + json.dumps(out))
"""


class Session:
    """A browser-like client: cookies (Secure ones too: loopback) and CSRF token."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, data=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Referer": f"http://127.0.0.1:{self.port}{path}"}
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()


def log_in(port):
    from network.demo import DEMO_PASSWORD, MEMBER_EMAIL

    session = Session(port)
    session.request("GET", "/accounts/login/")
    status, _ = session.request("POST", "/accounts/login/",
                                {"login": MEMBER_EMAIL, "password": DEMO_PASSWORD})
    assert status == 302, f"login answered {status}"
    return session


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=0)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--down", type=float, default=5)
    parser.add_argument("--wrk-connections", type=int, default=32,
                        help="wrk load on the library URL all through the drill (0: none)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="the cluster kept by benchmarks/load.py --keep DIR (reused)")
    args = parser.parse_args()

    import os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbexchange.settings.test")
    import django
    django.setup()

    answers = []  # (time, phase, path, status, ok)
    proposals = []  # (title, status, sent_at)
    phase = ["before"]
    stop = threading.Event()
    bad = []

    def client(port, number):
        offset = number
        while not stop.is_set():
            path = URLS[offset % len(URLS)]
            offset += 1
            started = time.monotonic()
            try:
                status, body = Session(port).request("GET", path)
            except OSError as error:
                answers.append((started, phase[0], path, f"socket {type(error).__name__}"))
                bad.append((path, "socket error", str(error)))
                continue
            answers.append((started, phase[0], path, status))
            if status == 200:
                continue
            if path == "/healthz":
                ok = status == 503 and '"database": false' in body
            else:
                ok = status == 503 and FRIENDLY in body and not any(x in body for x in LEAKS)
            if not ok:
                bad.append((path, status, body[:500]))

    def proposer(session):
        number = 0
        while not stop.is_set():
            number += 1
            title = f"Fault drill {number}"
            data = {"title": title, "summary": "A drill.", "description": "Drill.",
                    "start": "2031-06-10T10:00", "end": "2031-06-10T12:00",
                    "time_zone": "Europe/Paris", "format": "online",
                    "joining_link": "https://meet.example.org/drill", "organiser": "Drill",
                    "languages": ["en"]}
            sent = time.monotonic()
            try:
                status, body = session.request("POST", "/events/propose/", data)
            except OSError as error:
                status, body = f"socket {type(error).__name__}", ""
            proposals.append((title, status, sent))
            if status not in (302, 503) or (status == 503 and FRIENDLY not in body):
                bad.append(("POST /events/propose/", status, body[:500]))
            time.sleep(0.2)

    tmp = Path(tempfile.mkdtemp(prefix="pbx-dbfault-"))
    load = {}
    with Cluster(keep=args.keep) as pg:
        env = environment(pg.url, tmp)
        prepare(env, resources=args.resources, members=args.members, keep=args.keep)
        with serve(env, workers=args.workers) as port:
            session = log_in(port)
            threads = [threading.Thread(target=client, args=(port, n)) for n in range(args.clients)]
            threads.append(threading.Thread(target=proposer, args=(session,)))
            if args.wrk_connections:
                threads.append(threading.Thread(target=lambda: load.update(wrk(
                    port, LIBRARY_URL, seconds=25 + args.down,
                    connections=args.wrk_connections))))
            for thread in threads:
                thread.start()
            time.sleep(10)
            phase[0] = "down"
            down_at = time.monotonic()
            pg.stop()
            stopped_at = time.monotonic()
            time.sleep(args.down)
            pg.start()
            up_at = time.monotonic()
            phase[0] = "after"
            time.sleep(15)
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
        result = manage(env, "shell", "-c", CHECK_PROPOSALS)
    import json
    saved = json.loads(next(x for x in result.splitlines() if x.startswith("RESULT"))[6:])

    by_phase = collections.defaultdict(collections.Counter)
    for _at, when, _path, status in answers:
        by_phase[when][status] += 1
    after = sorted((at, status) for at, when, _p, status in answers if when == "after")
    last_failure = max((at for at, status in after if status != 200), default=up_at)
    first_ok = min((at for at, status in after if status == 200), default=float("inf"))
    recovery = max(last_failure - up_at, 0)

    half_saved, lost_ok, kept_refused = [], [], []
    for title, status, _sent in proposals:
        row = saved.get(title)
        if row and (row["revisions"] < 1 or row["workflow"] != 1
                    or row["aliases"] != row["locales"] - 1):
            half_saved.append((title, row))
        if status == 302 and not row:
            lost_ok.append(title)
        if status == 503 and row:
            kept_refused.append(title)
    answered = collections.Counter(str(status) for _t, status, _s in proposals)

    print(f"\nPostgreSQL stopped in {stopped_at - down_at:.1f} s, down {up_at - stopped_at:.1f} s "
          f"(stop to ready), {args.clients} clients, {args.workers} workers")
    for when in ("before", "down", "after"):
        print(f"  {when:<7} answers: {dict(by_phase[when])}")
    print(f"first 200 after PostgreSQL was back: {first_ok - up_at:.2f} s; "
          f"last non-200 after it was back: {recovery:.2f} s after")
    print(f"proposals: {dict(answered)}; saved whole: {len(saved) - len(half_saved)}; "
          f"half-saved: {len(half_saved)}; answered 302 but missing: {len(lost_ok)}; "
          f"answered 503 but saved: {len(kept_refused)}")
    if load:
        socket_errors = load["connect"] + load["read"] + load["write"] + load["timeout"]
        print(f"wrk alongside, {args.wrk_connections} connections on {LIBRARY_URL} for "
              f"{load['duration_s']:.0f} s: {load['requests']} requests, "
              f"{load['status']} answered outside 2xx/3xx (the 503s while down), "
              f"{socket_errors} socket errors, p95 {load['p95_ms']:.0f} ms")
    print(f"bad answers (traceback, unfriendly or unexpected status): {len(bad)}")
    for row in bad[:5]:
        print("  ", row)
    failed = bool(bad or half_saved or lost_ok or recovery > 5
                  or (load and load["connect"] + load["read"] + load["write"] + load["timeout"]))
    print("FAILED" if failed else
          "OK: friendly 503s only, recovered within 5 s, nothing half-saved")
    subprocess.run(["rm", "-rf", str(tmp)], check=False)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
