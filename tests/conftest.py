"""Shared fixtures: real SMTP on loopback, a live demo site in its own process, Chromium, accounts."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


# CI tries the same examples on every run, so that its result depends on the commit alone; a
# developer's run (./dev test) still searches afresh each time and keeps what fails in
# .hypothesis/ to try first next time.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: Django's test client leaves the last request's language active."""
    from django.conf import settings
    from django.utils import translation

    if not settings.configured:  # the pure packages' tests may run without Django
        yield
        return
    translation.activate("en")
    yield
    translation.activate("en")


# --- Email: a real SMTP server on loopback ----------------------------------------------------


@dataclass
class Mailbox:
    """Messages received by the loopback SMTP server, newest last."""

    host: str
    port: int
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def clear(self):
        with self.lock:
            self.messages.clear()

    def to(self, address) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if address.lower() in m["To"].lower()]

    def wait_for(self, address, *, count=1, timeout=15) -> list[Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"no email for {address} within {timeout}s (got {len(self.to(address))})")


def body_text(message: Message) -> str:
    """The plain-text body of an email."""
    if message.is_multipart():
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


@pytest.fixture(scope="session")
def smtp_server():
    from aiosmtpd.controller import Controller

    mailbox = Mailbox(host="127.0.0.1", port=free_port())

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            with mailbox.lock:
                mailbox.messages.append(message_from_bytes(envelope.content))
            return "250 Message accepted for delivery"

    controller = Controller(Handler(), hostname=mailbox.host, port=mailbox.port)
    controller.start()
    yield mailbox
    controller.stop()


@pytest.fixture
def mailbox(smtp_server, settings):
    """Route this test's email through the real SMTP server; returns its mailbox."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_server.host
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    smtp_server.clear()
    return smtp_server


# --- Accounts ---------------------------------------------------------------------------------


@pytest.fixture
def user_factory(db):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    counter = iter(range(1, 10_000))

    def make_user(*, email=None, password="correct-horse-battery", name="Test Member",
                  verified=True, **extra):
        n = next(counter)
        email = email or f"member{n}@example.org"
        user = get_user_model().objects.create_user(
            username=f"user{n}-{email.split('@')[0]}"[:150], email=email, password=password, **extra
        )
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        user.member.name = name
        user.member.save()
        return user

    return make_user


@pytest.fixture
def home_page(db):
    """The site's home page (in every language), as load_demo makes it, without the other apps' demo."""
    import io

    from home import demo

    return demo.load(stdout=io.StringIO())


@pytest.fixture
def member(user_factory):
    return user_factory(email="rosa@example.org", name="Rosa Example")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


# --- A live demo site in its own process --------------------------------------------------------


@dataclass
class DemoSite:
    url: str
    env: dict
    mailbox: Mailbox

    def manage(self, *args, check=True) -> subprocess.CompletedProcess:
        """Run a management command against the demo site's database."""
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=check,
            capture_output=True, text=True, timeout=600,
        )


def _demo_database_url(tmpdir: Path) -> tuple[str, callable]:
    """A fresh database for the demo site: a SQLite file, or a new PostgreSQL database."""
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmpdir / 'demo.sqlite3'}", lambda: None
    import psycopg

    name = f"pbx_demo_{os.getpid()}"
    admin_url = base_url
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return base_url.rsplit("/", 1)[0] + f"/{name}", drop


@pytest.fixture(scope="session")
def demo_site(smtp_server):
    """The demo site (migrated, load_demo run) served by runserver in a separate process."""
    tmpdir = Path(tempfile.mkdtemp(prefix="pbx-demo-"))
    database_url, drop_database = _demo_database_url(tmpdir)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pbexchange.settings.dev",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database_url,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": smtp_server.host,
        "EMAIL_PORT": str(smtp_server.port),
        "ACCOUNT_EMAIL_VERIFICATION": "mandatory",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "DJANGO_MEDIA_ROOT": str(tmpdir / "media"),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "TELEGRAM_BOT_TOKEN": "",
    }
    site = DemoSite(url=f"http://127.0.0.1:{port}", env=env, mailbox=smtp_server)
    site.manage("migrate", "--noinput", "-v0")
    site.manage("load_demo")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(tmpdir / "server.log", "w"),
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{site.url}/healthz", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError((tmpdir / "server.log").read_text()[-3000:]) from None
                time.sleep(0.3)
        yield site
    finally:
        server.terminate()
        server.wait(timeout=10)
        drop_database()
        shutil.rmtree(tmpdir, ignore_errors=True)


# --- Chromium via Playwright ---------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_SKIP_REASON = (
    f"no Chromium at {CHROMIUM}: install Debian's (`sudo apt-get install chromium`) or set "
    "CHROMIUM_PATH to a Chromium binary, then run `./dev test -m browser`"
)


def pytest_collection_modifyitems(config, items):
    """Browser tests are skipped, with the reason and the way to enable them, without Chromium."""
    if os.access(CHROMIUM, os.X_OK):
        return
    skip = pytest.mark.skip(reason=BROWSER_SKIP_REASON)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _sync_orm_beside_playwright(request, monkeypatch):
    """Playwright's sync API keeps an asyncio loop running in the test's thread, and Django then
    refuses ORM calls there (SynchronousOnlyOperation) although nothing runs concurrently: a
    browser test drives the page, then checks the database, one after the other. Allowed for
    browser tests only."""
    if "browser" in request.keywords:
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }
