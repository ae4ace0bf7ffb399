"""A throwaway PostgreSQL cluster on 127.0.0.1 for the benchmarks (root or not, no systemd).

    with Cluster() as pg:
        pg.url          # postgres://pbx@127.0.0.1:PORT/pbx
        pg.restart()    # pg_ctl restart -m fast
        pg.stop(); pg.start()

    with Cluster(keep=Path("/var/tmp/pbx-load")) as pg:   # kept and reused across runs

The data directory lives in a temporary directory removed on exit; the server is stopped on
exit even after an error. Under root the server commands run as the ``postgres`` user
(``initdb`` refuses root).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    def __init__(self, *, port: int | None = None, database: str = "pbx", user: str = "pbx",
                 keep: Path | None = None):
        """``keep``: a directory that holds the cluster across runs (not removed on exit;
        reused when it already holds one), so a slow fill is done once."""
        self.port = port or free_port()
        self.database, self.user = database, user
        self.keep = keep
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        self.tmp = keep or Path(tempfile.mkdtemp(prefix="pbx-pg-"))
        self.data = self.tmp / "data"
        self.url = f"postgres://{user}@127.0.0.1:{self.port}/{database}"
        self._as_postgres = os.geteuid() == 0

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(BIN / command[0]), *command[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def __enter__(self) -> Cluster:
        if self._as_postgres:
            shutil.chown(self.tmp, "postgres", "postgres")
        if (self.data / "PG_VERSION").exists():
            self.start()
            return self
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync",
                  "-E", "UTF8", "--locale", "C.UTF-8")
        self.start()
        self.sql(f"CREATE ROLE {self.user} LOGIN CREATEDB")
        self.sql(f"CREATE DATABASE {self.database} OWNER {self.user}")
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.stop()
        finally:
            if not self.keep:
                shutil.rmtree(self.tmp, ignore_errors=True)

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.tmp} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.tmp / "log"),
                  "-o", options, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def restart(self) -> None:
        self.stop()
        self.start()

    def is_running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def sql(self, statement: str, *, database: str = "postgres") -> str:
        return self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                         "-d", database, "-tAc", statement).stdout.strip()


def wait_until_up(port: int, *, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")
