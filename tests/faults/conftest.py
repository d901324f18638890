"""Fault tests: the portal runs in gunicorn as a subprocess, next to PRIVATE services.

Each fixture starts what it needs on a free loopback port (127.0.0.1 only) and stops it at
the end, killing only the processes it started. The shared PostgreSQL and Redis of the
machine are never touched, except the pytest test database, which the portal subprocess
reads and writes (transactional tests, so what the test writes is committed and visible).

The portal runs with production settings (DEBUG off, a SECRET_KEY, ALLOWED_HOSTS), told it
is behind a TLS-terminating proxy by the X-Forwarded-Proto header every request carries.
"""

import contextlib
import http.client
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)

requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="fault tests need PostgreSQL (row locks, a real server): set DATABASE_URL",
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float, interval: float = 0.1, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {what or predicate}")


def stop_process(process: subprocess.Popen, *, timeout: float = 10) -> None:
    """Stop one process we started (SIGTERM, then SIGKILL)."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def database_url(settings_dict: dict, *, name: str | None = None) -> str:
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}@" if password else f"{user}@"
    host = settings_dict.get("HOST") or HOST
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{name or settings_dict['NAME']}"


def test_database_url() -> str:
    """The database pytest-django created (test_...), for the portal subprocess."""
    return database_url(connection.settings_dict)


test_database_url.__test__ = False  # a helper, not a test


def session_cookie(user) -> str:
    """A logged-in session for `user`, stored in the database, as the portal reads it."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


# ---- The portal


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Portal:
    """gunicorn serving the portal on a free loopback port."""

    env: dict
    workdir: Path
    workers: int = 2
    threads: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def log_path(self) -> Path:
        return self.workdir / "gunicorn.log"

    @property
    def origin(self) -> str:
        # The address behind the TLS proxy (tests.deploy.conftest.Browser sends it as Origin).
        return f"https://{HOST}:{self.port}"

    def start(self, *, timeout: float = 90) -> "Portal":
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "col_portal.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
            "--preload",
        ]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            wait_until(self._answers, timeout=timeout, interval=0.3, what="gunicorn to answer")
        except AssertionError:
            self.stop()
            raise AssertionError(f"The portal did not start:\n{self.log_tail()}") from None
        return self

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{self.log_tail()}")
        try:
            return self.get("/healthz", timeout=5).status == 200
        except OSError:
            return False

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def request(
        self,
        method: str,
        path: str,
        *,
        session: str = "",
        data: dict | None = None,
        timeout: float = 30,
    ) -> Answer:
        """One request as a browser behind the TLS proxy would send it (CSRF included)."""
        headers = {"Host": f"{HOST}:{self.port}", "X-Forwarded-Proto": "https"}
        cookies = {}
        if session:
            cookies["sessionid"] = session
        body = None
        if method == "POST":
            token = secrets.token_hex(16)  # 32 characters: a valid CSRF secret
            cookies["csrftoken"] = token
            body = urlencode({"csrfmiddlewaretoken": token, **(data or {})}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{HOST}:{self.port}/"
        if cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
        started = time.monotonic()
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode("utf-8", errors="replace")
            answer_headers = {key.lower(): value for key, value in response.getheaders()}
            return Answer(response.status, answer_headers, content, time.monotonic() - started)
        finally:
            conn.close()

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs) -> Answer:
        return self.request("POST", path, data=data, **kwargs)


def portal_environment(workdir: Path, **overrides: str) -> dict:
    """Production settings for the subprocess; the developer's .env is not read."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_TASK_ALWAYS_EAGER", "DATABASE_URL", "EMAIL_URL"}
    }
    (workdir / "mail").mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "ENV_FILE": str(workdir / "no.env"),
            "DJANGO_SETTINGS_MODULE": "col_portal.settings",
            "DEBUG": "false",
            # These tests are about the database and the broker; when they give the
            # portal no Redis, its per-process cache is accepted explicitly.
            "SINGLE_PROCESS": "true",
            # The test process signs the sessions it creates for the portal to read.
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": HOST,
            "STATIC_MANIFEST": "false",
            "MEDIA_ROOT": str(workdir / "media"),
            "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
            "EMAIL_URL": "filemail://",
            "EMAIL_FILE_PATH": str(workdir / "mail"),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def mail_recipients(folder: Path) -> list[str]:
    """The To: address of every message the file-based e-mail backend wrote."""
    recipients = []
    for path in sorted(folder.glob("*.log")):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                recipients.append(line.removeprefix("To: ").strip())
    return recipients


@pytest.fixture
def start_portal(tmp_path):
    """start_portal(workers=..., threads=..., **env) -> a running Portal; stopped after."""
    started = []

    def start(*, workers: int = 2, threads: int = 2, **env: str) -> Portal:
        workdir = tmp_path / f"portal-{len(started)}"
        workdir.mkdir()
        portal = Portal(
            env=portal_environment(workdir, **env),
            workdir=workdir,
            workers=workers,
            threads=threads,
        )
        started.append(portal)
        return portal.start()

    yield start
    for portal in started:
        portal.stop()


# ---- A private Redis


@dataclass
class PrivateRedis:
    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> "PrivateRedis":
        binary = shutil.which("redis-server")
        command = [
            binary,
            "--port",
            str(self.port),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.workdir),
            "--daemonize",
            "no",
            "--logfile",
            str(self.workdir / "redis.log"),
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_until(self.answers, timeout=15, what="redis-server to answer")
        return self

    def answers(self) -> bool:
        import redis

        try:
            return redis.Redis(host=HOST, port=self.port, socket_timeout=1).ping()
        except redis.exceptions.RedisError:
            return False

    def kill(self) -> None:
        """An outage: the server dies at once (SIGKILL), as a crash or an OOM kill would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def pause(self) -> None:
        """A hung server: it keeps its connections but answers nothing (SIGSTOP)."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.resume()
            stop_process(self.process)


@pytest.fixture
def private_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    workdir = tmp_path / "redis"
    workdir.mkdir()
    server = PrivateRedis(workdir).start()
    yield server
    server.stop()


# ---- A private PostgreSQL cluster


@dataclass
class PrivateCluster:
    """A throw-away PostgreSQL cluster (initdb) on a free loopback port."""

    bindir: Path
    workdir: Path
    run_as: list[str]
    port: int = field(default_factory=free_port)

    @property
    def datadir(self) -> Path:
        return self.workdir / "data"

    def url(self, name: str) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{name}"

    def _run(self, *command: str, timeout: float = 120) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [*self.run_as, *command],
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise AssertionError(f"{command[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def pg_ctl(self, *args: str) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), *args)

    def init(self) -> "PrivateCluster":
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        settings = {
            "port": str(self.port),
            "listen_addresses": f"'{HOST}'",
            "unix_socket_directories": f"'{self.workdir}'",
            # Throw-away data: no need to wait for the disk.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "40",
        }
        with open(self.datadir / "postgresql.conf", "a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        return self

    def start(self) -> None:
        self.pg_ctl("-l", str(self.workdir / "postgres.log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("-m", mode, "-w", "stop")

    def psql(self, sql: str, *, database: str = "postgres") -> str:
        return self._run(
            str(self.bindir / "psql"),
            "-h",
            HOST,
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-Atc",
            sql,
        ).stdout


@pytest.fixture
def private_postgres():
    """A private cluster, started; run as the `postgres` OS user when we are root."""
    if not PG_BIN_DIRS or not (PG_BIN_DIRS[0] / "initdb").exists():
        pytest.skip("PostgreSQL server binaries (initdb) are not installed")
    run_as: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="col-faults-pg-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(workdir)
            pytest.skip("running as root without a `postgres` OS user for initdb")
        if shutil.which("runuser") is None:
            shutil.rmtree(workdir)
            pytest.skip("running as root without runuser to drop privileges for initdb")
        os.chown(workdir, owner.pw_uid, owner.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    cluster = PrivateCluster(PG_BIN_DIRS[0], workdir, run_as)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        with contextlib.suppress(AssertionError, subprocess.TimeoutExpired):
            cluster.pg_ctl("-m", "immediate", "stop")  # fails when already stopped
        shutil.rmtree(workdir, ignore_errors=True)
