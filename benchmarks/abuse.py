"""Hostile use: the outside probe's cases replayed against the production set-up, with figures.

    .venv/bin/python benchmarks/abuse.py [--window 60] [--uploads 50] [--upload-ips 5]
                                         [--slow-cases 2] [--workers 2]

The site runs as in benchmarks/load.py (throwaway PostgreSQL, migrate + load_demo, gunicorn
with uvicorn workers, production settings), plus one task worker (`manage.py db_worker`, the
Procfile's worker) for calculator counts. Clients come from distinct loopback addresses
(127.0.0.x), so the site sees distinct visitors without trusting any proxy header.

1. Logins, for --window seconds (the failed-login window, LOGIN_ATTEMPTS_WINDOW, is set to the
   same length: the default 300 s would make a run take five minutes). One stranger guesses one
   member's password, three guesses at a time; another address sprays guesses over many accounts,
   six at a time; twelve
   addresses share guesses at one more account. Prints the guesses whose password was checked
   next to the configured limits; then whether the owner, from another address, still signs in,
   and whether /admin/login/ checks a password at all.
2. The probe's other cases: malformed webhook updates with the right secret, an event ending in
   9999 (proposed, and one saved without the forms) seen from zones east and west of UTC, a 1 MB
   form field, a member at the admin, a renamed executable uploaded as a staff document.
3. The calculator, anonymously: --slow-cases uploads of the probe's file (5,000 voters, each
   approving a different 10 of 200 projects, 196 KB) counted with Equal Shares + add1 (held a
   worker for 144 s before counts had a time limit), then --uploads uploads of the same file
   counted greedily, spread over --upload-ips addresses, each visitor waiting for a count to
   finish (at most 120 s) before sending the next file. Prints the CPU seconds the web and task
   workers spent per upload, each count's duration and status when the site keeps them, and the
   web workers' resident memory before and after.

Counts every 5xx answer. Exit 1 on any 5xx, a login limit not met, or the owner locked out.
Stops everything it started.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._pg import Cluster  # noqa: E402
from benchmarks.load import environment, manage, serve  # noqa: E402

PASSWORD = "abuse-run-right-password-1"
WRONG = "password you specified are not correct"
TOO_MANY = "Too many failed login attempts"
TICK = os.sysconf("SC_CLK_TCK")

SETUP = r"""
import datetime, json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Collection
from events.models import EventPage

User = get_user_model()
for email in ("owner@example.org", "spread@example.org"):
    user = User.objects.create_user(username=email.split("@")[0], email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
# An event saved without the forms (an old row, a script), ending at the edge of datetime.
event = EventPage.objects.live().filter(locale__language_code="en").order_by("start").first()
EventPage.objects.filter(translation_key=event.translation_key).update(
    end=datetime.datetime(9999, 12, 31, 23, tzinfo=datetime.UTC))
print("SETUP" + json.dumps({"event": event.url, "collection": Collection.get_first_root_node().pk}))
"""

COUNTS = r"""
import json
try:
    from tally.models import Count
except ImportError:  # a site without stored counts
    print("COUNTS" + json.dumps(None))
else:
    rows = [{"rule": c.rule, "status": c.status, "options": c.options,
             "seconds": (c.finished_at - c.started_at).total_seconds()
             if c.finished_at and c.started_at else None}
            for c in Count.objects.order_by("created_at")]
    print("COUNTS" + json.dumps(rows))
"""

WEBHOOK_BODIES = [
    b'{"update_id": "x", "message": {"message_id": 1, "date": 0, '
    b'"chat": {"id": 1, "type": "private"}, "text": "/start"}}',
    b'{"update_id": 1, "message": 5}',
    b'{"update_id": 1, "message": "hello"}',
    b'{"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": null, "text": "/start"}}',
    b'{"update_id": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"update_id": 1, "callback_query": {"id": "1", "from": {"id": 1, "is_bot": false, '
    b'"first_name": "A"}, "chat_instance": "c", "data": {"a": 1}}}',
]


class Client:
    """A browser-like client from one loopback address: cookies (Secure ones too), CSRF token."""

    def __init__(self, port: int, source: str = "127.0.0.1"):
        self.port, self.source, self.cookies = port, source, {}

    def request(self, method, path, *, data=None, files=None, body=None, headers=None,
                timeout=120):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout,
                                                source_address=(self.source, 0))
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Referer": f"http://127.0.0.1:{self.port}{path}", **(headers or {})}
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            if files:
                boundary = uuid.uuid4().hex
                body = _multipart(boundary, data, files)
                headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            else:
                body = urllib.parse.urlencode(data, doseq=True)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location", ""), response.read()
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def sign_in(self, email, password):
        self.get("/accounts/login/")
        return self.post("/accounts/login/", {"login": email, "password": password})


def _multipart(boundary, data, files) -> bytes:
    parts = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                         f"{item}\r\n".encode())
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                     .encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def probe_file(voters=5000, projects=200, per_ballot=10, seed=24) -> bytes:
    """The probe's .pb: every voter approves a different set of `per_ballot` projects."""
    rng = random.Random(seed)
    lines = ["META", "key;value", "description;abuse probe", "country;Nowhere", "unit;Probe",
             "instance;2026", f"num_projects;{projects}", f"num_votes;{voters}", "budget;1000000",
             "vote_type;approval", "rule;greedy", f"max_length;{per_ballot}",
             "PROJECTS", "project_id;cost;name"]
    lines += [f"{p};{rng.randrange(10_000, 90_000)};Project {p}" for p in range(1, projects + 1)]
    lines += ["VOTES", "voter_id;vote"]
    seen = set()
    while len(seen) < voters:
        seen.add(tuple(sorted(rng.sample(range(1, projects + 1), per_ballot))))
    lines += [f"{n};{','.join(map(str, ballot))}" for n, ballot in enumerate(sorted(seen), 1)]
    return ("\n".join(lines) + "\n").encode()


# --- Processes: CPU and memory from /proc --------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def gunicorn_workers(port: int) -> list[int]:
    """The worker processes of the gunicorn master serving `port`."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "gunicorn" in command and f"127.0.0.1:{port}" in command:
                workers = _children(int(entry.name))
                if workers:
                    return workers
    raise RuntimeError("gunicorn workers not found")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of `pid` and of its children it has waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / TICK


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) in MB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


# --- The probe's cases ---------------------------------------------------------------------------


class Tally:
    """Every answer by case, and the 5xx among them."""

    def __init__(self):
        self.answers = collections.defaultdict(collections.Counter)
        self.server_errors = []
        self.lock = threading.Lock()

    def note(self, case, status, detail=""):
        with self.lock:
            self.answers[case][status] += 1
            if status >= 500:
                self.server_errors.append((case, status, detail[:200]))


def guess(client, email, tally, case) -> str:
    """One wrong password for `email`: 'checked', 'refused' (limit) or the HTTP status."""
    status, _location, body = client.post("/accounts/login/",
                                          {"login": email, "password": "guess-" + uuid.uuid4().hex})
    tally.note(case, status)
    text = body.decode("utf-8", "replace")
    if status == 200 and WRONG in text:
        return "checked"
    if status == 200 and TOO_MANY in text:
        return "refused"
    return str(status)


def login_probe(port, window, tally) -> dict:
    """The three guessers at once for `window` seconds, then the owner and the admin door."""
    outcomes = {"stranger": collections.Counter(), "sprayer": collections.Counter(),
                "spread": collections.Counter()}
    deadline = time.monotonic() + window * 0.95  # all within one window

    def stranger():
        client = Client(port, "127.0.0.2")
        client.get("/accounts/login/")
        while time.monotonic() < deadline:
            outcomes["stranger"][guess(client, "owner@example.org", tally, "login")] += 1

    names = iter(range(1, 1_000_000))

    def sprayer():
        client = Client(port, "127.0.0.3")
        client.get("/accounts/login/")
        while time.monotonic() < deadline:
            outcomes["sprayer"][guess(client, f"someone{next(names)}@example.org", tally,
                                      "login")] += 1

    def spread(address):
        client = Client(port, address)
        client.get("/accounts/login/")
        for _ in range(5):
            outcomes["spread"][guess(client, "spread@example.org", tally, "login")] += 1
            time.sleep(window / 10)

    # Several guesses at a time from each address, as fast as the site answers: each checked
    # password costs the server a PBKDF2 hash, and the limits are counts, not rates.
    threads = [threading.Thread(target=stranger) for _ in range(3)]
    threads += [threading.Thread(target=sprayer) for _ in range(6)]
    threads += [threading.Thread(target=spread, args=(f"127.0.0.{n}",)) for n in range(10, 22)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    owner = Client(port, "127.0.0.4")
    status, location, _ = owner.sign_in("owner@example.org", PASSWORD)
    tally.note("login", status)
    admin = Client(port, "127.0.0.5")
    admin.get("/accounts/login/")
    admin_status, admin_location, _ = admin.post("/admin/login/", {"username": "owner@example.org",
                                                                   "password": PASSWORD})
    tally.note("admin login", admin_status)
    return {"outcomes": outcomes, "owner_signed_in": status == 302 and "sessionid" in owner.cookies,
            "admin_login_checks_passwords": "sessionid" in admin.cookies,
            "admin_login_answer": f"{admin_status} {admin_location}"}


def other_cases(port, setup, tally) -> dict:
    """Webhook, extreme dates, oversized field, member at the admin, renamed executable."""
    from network.demo import CURATOR_EMAIL, DEMO_PASSWORD, MEMBER_EMAIL

    found = {}
    anonymous = Client(port, "127.0.0.6")
    for body in WEBHOOK_BODIES:
        status, _, _ = anonymous.request(
            "POST", "/bot/webhook/", body=body,
            headers={"X-Telegram-Bot-Api-Secret-Token": "abuse-secret",
                     "Content-Type": "application/json"})
        tally.note("webhook", status)
    for zone in ("Asia/Tokyo", "Pacific/Kiritimati", "America/Bogota"):
        for path in ("/events/", "/events/month/", setup["event"], "/events/calendar.ics"):
            started = time.monotonic()
            status, _, _ = anonymous.get(f"{path}?tz={zone}")
            tally.note("events, 9999 saved", status)
            found["slowest event page s"] = max(found.get("slowest event page s", 0),
                                                time.monotonic() - started)
    member = Client(port, "127.0.0.7")
    member.sign_in(MEMBER_EMAIL, DEMO_PASSWORD)
    member.get("/events/propose/")
    proposal = {"title": "Forever", "summary": "A probe.", "description": "x",
                "start": "2031-06-10T10:00", "end": "9999-12-31T23:00",
                "time_zone": "Pacific/Honolulu", "format": "online",
                "joining_link": "https://meet.example.org/x", "organiser": "Probe",
                "languages": ["en"]}
    status, _, body = member.post("/events/propose/", proposal)
    tally.note("propose 9999", status)
    found["9999 proposal refused"] = status == 200 and b"1990" in body
    status, _, body = member.post("/events/propose/", {**proposal, "end": "2031-06-10T12:00",
                                                       "title": "x" * 1_000_000})
    tally.note("1 MB field", status)
    found["1 MB field: page KB"] = round(len(body) / 1024)
    status, location, body = member.get("/admin/")
    if status == 302:
        status, _, body = member.get(location)
    tally.note("member at admin", status)
    found["member at admin"] = f"{status}, friendly page: {b'You cannot open this page' in body}"
    staff = Client(port, "127.0.0.8")
    staff.sign_in(CURATOR_EMAIL, DEMO_PASSWORD)
    staff.get("/admin/documents/add/")
    status, _, body = staff.post(
        "/admin/documents/add/", {"title": "guide.pdf", "collection": str(setup["collection"])},
        files={"file": ("guide.pdf", b"MZ\x90\x00 This program cannot be run in DOS mode")})
    tally.note("fake pdf", status)
    found["renamed .exe accepted as PDF"] = status == 302
    return found


def calculator_probe(port, workers, tally, *, uploads, addresses, slow_cases) -> dict:
    """Anonymous uploads of the probe file: slow ones (MES + add1), then cheap ones (greedy)."""
    data = probe_file()
    result = {"file KB": round(len(data) / 1024)}

    def upload(client, rule, options):
        client.get("/calculator/")
        fields = {"rule": rule, "budget": "", "projects": "", "ballots": "", "kept_vote": "",
                  **options}
        status, location, body = client.post("/calculator/", fields,
                                             files={"upload": ("probe.pb", data)})
        tally.note(f"calculator {rule}", status, body.decode("utf-8", "replace"))
        # A patient visitor waits for the count before sending the next file (the download
        # answers once the count is done; a site without stored counts answers at once).
        deadline = time.monotonic() + 120
        while status == 302 and "/result/" in location and time.monotonic() < deadline:
            done, _, _ = client.get(location + "result.json")
            if done != 302:
                break
            time.sleep(1)
        return status

    slow = [threading.Thread(target=upload, args=(Client(port, f"127.0.1.{n}"), "mes",
                                                  {"mes-completion": "add1"}))
            for n in range(slow_cases)]
    started = time.monotonic()
    for thread in slow:
        thread.start()
    for thread in slow:
        thread.join()
    result["slow cases answered within s"] = round(time.monotonic() - started, 1)

    before_cpu = sum(cpu_seconds(pid) for pid in workers)
    before_rss = [memory_mb(pid)[0] for pid in workers]
    answers = collections.Counter()
    lock = threading.Lock()

    def visitor(address, count):
        client = Client(port, address)
        for _ in range(count):
            status = upload(client, "greedy", {})
            with lock:
                answers[status] += 1

    share = [uploads // addresses + (n < uploads % addresses) for n in range(addresses)]
    threads = [threading.Thread(target=visitor, args=(f"127.0.2.{n}", share[n]))
               for n in range(addresses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result["uploads answered"] = dict(answers)
    result["web cpu s per upload"] = (sum(cpu_seconds(pid) for pid in workers) - before_cpu) / uploads
    after = [memory_mb(pid) for pid in workers]
    result["web rss MB before"] = [round(x) for x in before_rss]
    result["web rss MB after"] = [round(x[0]) for x in after]
    result["web peak rss MB"] = [round(x[1]) for x in after]
    return result


def wait_for_counts(env, timeout) -> list | None:
    """The stored counts once none is queued or running (or after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = json.loads(next(line for line in manage(env, "shell", "-c", COUNTS).splitlines()
                               if line.startswith("COUNTS"))[6:])
        if rows is None or time.monotonic() > deadline or not any(
                row["status"] in ("queued", "running") for row in rows):
            return rows
        time.sleep(5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window", type=float, default=60,
                        help="seconds of the failed-login window and of the login probe")
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--upload-ips", type=int, default=5)
    parser.add_argument("--slow-cases", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbexchange.settings.test")
    import django

    django.setup()  # for the demo accounts' constants only
    tmp = Path(tempfile.mkdtemp(prefix="pbx-abuse-"))
    tally = Tally()
    worker = None
    try:
        with Cluster() as pg:
            env = {**environment(pg.url, tmp), "LOGIN_ATTEMPTS_WINDOW": f"{args.window:.0f}s",
                   "TELEGRAM_BOT_TOKEN": "123:abuse", "TELEGRAM_WEBHOOK_SECRET": "abuse-secret",
                   "TELEGRAM_API_URL": "http://127.0.0.1:9"}
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "load_demo", tasks_immediate=True)
            manage(env, "collectstatic", "--noinput", "-v0")
            setup = json.loads(next(line for line in manage(
                env, "shell", "-c", f"PASSWORD = {PASSWORD!r}\n{SETUP}").splitlines()
                if line.startswith("SETUP"))[5:])
            worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload"],
                                      cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
            with serve(env, workers=args.workers) as port:
                web = gunicorn_workers(port)
                task_cpu_before = cpu_seconds(worker.pid)
                logins = {}
                login_thread = threading.Thread(
                    target=lambda: logins.update(login_probe(port, args.window, tally)))
                login_thread.start()
                others = other_cases(port, setup, tally)
                calculator = calculator_probe(port, web, tally, uploads=args.uploads,
                                              addresses=args.upload_ips,
                                              slow_cases=args.slow_cases)
                login_thread.join()
                counts = wait_for_counts(env, timeout=600)
                task_cpu = cpu_seconds(worker.pid) - task_cpu_before
                task_rss = memory_mb(worker.pid)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    limits = {"stranger": 5, "sprayer": 20, "spread": 30}
    print(f"\n{args.workers} web workers + 1 task worker, production settings, {os.cpu_count()} CPUs, "
          f"failed-login window {args.window:.0f} s")
    print(f"{'login case':<52} {'checked':>8} {'refused':>8} {'other':>6} {'limit':>6}")
    labels = {"stranger": "one address, one account (3 at a time)",
              "sprayer": "one address, many accounts (6 at a time)",
              "spread": "12 addresses, one account (5 guesses each)"}
    failed = False
    for name, outcome in logins["outcomes"].items():
        other = sum(v for k, v in outcome.items() if k not in ("checked", "refused"))
        print(f"{labels[name]:<52} {outcome['checked']:>8} {outcome['refused']:>8} {other:>6} "
              f"{limits[name]:>6}")
        failed |= outcome["checked"] != limits[name]
    print(f"owner signs in from another address afterwards: {logins['owner_signed_in']}")
    print(f"/admin/login/ checks a password: {logins['admin_login_checks_passwords']} "
          f"(answer {logins['admin_login_answer']})")
    failed |= not logins["owner_signed_in"] or logins["admin_login_checks_passwords"]
    for name, value in others.items():
        print(f"{name}: {value if not isinstance(value, float) else round(value, 2)}")
    for name, value in calculator.items():
        print(f"calculator, {name}: {value if not isinstance(value, float) else round(value, 3)}")
    print(f"calculator, task worker CPU s (all counts): {task_cpu:.1f}; "
          f"per anonymous upload: {task_cpu / (args.uploads + args.slow_cases):.2f}; "
          f"task worker RSS now/peak MB: {task_rss[0]:.0f}/{task_rss[1]:.0f}")
    if counts is not None:
        by_rule = collections.defaultdict(list)
        for row in counts:
            by_rule[row["rule"]].append(row)
        for rule, rows in by_rule.items():
            seconds = [row["seconds"] for row in rows if row["seconds"] is not None]
            print(f"calculator, {rule} counts: {dict(collections.Counter(r['status'] for r in rows))}, "
                  f"longest {max(seconds, default=0):.1f} s")
    else:
        print("calculator: this site keeps no count records")
    print("answers by case:", {case: dict(c) for case, c in tally.answers.items()})
    print(f"5xx answers: {len(tally.server_errors)}")
    for row in tally.server_errors[:5]:
        print("  ", row)
    failed |= bool(tally.server_errors)
    print("FAILED" if failed else "OK: limits met across workers, owner not locked out, no 5xx")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
