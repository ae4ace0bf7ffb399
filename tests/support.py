"""Small helpers for tests (not fixtures): where the repository is, a free port on loopback, and a
browser-like HTTP client that crawls a live site."""

import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_database_url(folder: Path, name: str):
    """A new, empty database for a server the test starts in its own process, and how to drop
    it: a SQLite file in ``folder``, or a PostgreSQL database ``name_<pid>`` beside
    ``DATABASE_URL`` when that names PostgreSQL."""
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{folder / (name + '.sqlite3')}", lambda: None
    import psycopg

    database = f"{name}_{os.getpid()}"
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        conn.execute(f'CREATE DATABASE "{database}"')

    def drop():
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    return base_url.rsplit("/", 1)[0] + f"/{database}", drop


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


HREF = re.compile(r'href="([^"#]*)"')
# Links that are not pages to render: admin, logging out, downloads handled by their own tests.
SKIP = ("/admin/", "/accounts/logout/", "/documents/", "mailto:", "/static/", "/media/")


class Visitor:
    """A cookie-keeping HTTP client that behaves like a browser without JavaScript."""

    def __init__(self, base):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        try:
            response = self.opener.open(self.base + path, timeout=30)
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode("utf-8", "replace")

    def post(self, path, data):
        status, _, html = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, data=body,
                                         headers={"Referer": self.base + path})
        try:
            response = self.opener.open(request, timeout=30)
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode("utf-8", "replace")

    def log_in(self, email, password):
        status, url, html = self.post("/accounts/login/", {"login": email, "password": password})
        assert status == HTTPStatus.OK and "/accounts/login/" not in url, html[:2000]


def crawl(visitor, start_paths, limit=400):
    """Follow internal links breadth-first; return {path: status}."""
    seen, queue, statuses = set(), list(start_paths), {}
    while queue and len(statuses) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, _, html = visitor.get(path)
        statuses[path] = status
        if status != HTTPStatus.OK:
            continue
        for href in HREF.findall(html):
            href = href.replace("&amp;", "&")
            if href.startswith(visitor.base):
                href = href[len(visitor.base):]
            if not href.startswith("/") or href.startswith("//") or href.startswith(SKIP):
                continue
            if href.endswith((".ics", ".pdf", ".docx", ".csv", ".json", ".txt", ".xml")):
                continue
            if "?" in href and href.split("?")[0] in seen and len(statuses) > limit // 2:
                continue  # enough filtered variants of the same listing
            queue.append(href)
    return statuses


START = ["/", "/fr/", "/es/", "/pt/", "/library/", "/events/", "/network/", "/calculator/",
         "/toolkit/", "/privacy/", "/contact/"]
