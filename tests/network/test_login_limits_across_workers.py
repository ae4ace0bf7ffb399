"""Login rate limits hold across worker processes: two real servers share one database (cache).

Two Django test clients live in one process and would share a per-process cache anyway; only
separate processes show whether the limit's state is shared.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from tests.support import ROOT, free_port, fresh_database_url

WRONG = "The email address and/or password you specified are not correct."
TOO_MANY = "Too many failed login attempts"
MAKE_ACCOUNT = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
user = get_user_model().objects.create_user(username="owner", email="owner@example.org",
                                            password="right-password-1")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
"""


@pytest.fixture(scope="module")
def two_workers():
    """Two runserver processes (production-like settings) on one fresh database; their URLs."""
    tmpdir = Path(tempfile.mkdtemp(prefix="pbx-limits-"))
    database_url, drop = fresh_database_url(tmpdir, "pbx_limits")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pbexchange.settings.dev",
           "DJANGO_DEBUG": "false", "DATABASE_URL": database_url,
           "ACCOUNT_EMAIL_VERIFICATION": "mandatory", "REDIS_URL": "",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "TELEGRAM_BOT_TOKEN": "", "LOG_LEVEL": "WARNING"}
    servers = []
    try:
        # migrate makes the cache table too (home/apps.py): nothing else is run here.
        for args in (["migrate", "--noinput", "-v0"], ["shell", "-c", MAKE_ACCOUNT]):
            subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                           capture_output=True, timeout=600)
        urls = []
        for _ in range(2):
            port = free_port()
            servers.append(subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                assert time.monotonic() < deadline, f"{url} did not start"
                time.sleep(0.3)
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        drop()
        shutil.rmtree(tmpdir, ignore_errors=True)


def test_failed_logins_spread_over_two_workers_meet_one_limit(two_workers):
    session = requests.Session()
    session.get(f"{two_workers[0]}/accounts/login/", timeout=10)
    token = session.cookies["csrftoken"]
    answers = []
    for attempt in range(12):
        url = two_workers[attempt % 2]  # alternate workers, as a load balancer would
        page = session.post(f"{url}/accounts/login/", timeout=30,
                            data={"login": "owner@example.org", "password": f"guess-{attempt}",
                                  "csrfmiddlewaretoken": token},
                            headers={"Referer": f"{url}/accounts/login/"}).text
        answers.append("checked" if WRONG in page else "refused" if TOO_MANY in page else page)
    assert answers == ["checked"] * 5 + ["refused"] * 7, answers
    # Both workers say so, and both agree the right password is held back from this address.
    for url in two_workers:
        page = session.post(f"{url}/accounts/login/", timeout=30,
                            data={"login": "owner@example.org", "password": "right-password-1",
                                  "csrfmiddlewaretoken": token},
                            headers={"Referer": f"{url}/accounts/login/"})
        assert TOO_MANY in page.text and "sessionid" not in session.cookies
    assert re.search(r"<title>[^<]*</title>", page.text)
