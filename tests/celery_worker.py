"""Real Celery worker processes for tests, reading the test database.

The worker is a subprocess with an explicit environment: the test database's URL (pytest-django
names it test_<name>), the broker the tests use, and whatever a test adds (an SMTP sink's
address, short leases). Rows a worker must see are committed, so tests using it need
``transactional_db`` / ``django_db(transaction=True)``.
"""

import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench.celery_worker import worker_command

ROOT = Path(__file__).resolve().parents[1]


def test_database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"] != "django.db.backends.postgresql":
        return f"sqlite:///{s['NAME']}"
    return (
        f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}"
        f":{s['PORT'] or 5432}/{s['NAME']}"
    )


def worker_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "TZ", "PYTHONPATH", "VIRTUAL_ENV"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="trondelag.settings",
        DATABASE_URL=test_database_url(),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        CELERY_RESULT_BACKEND=settings.CELERY_RESULT_BACKEND,
        SECRET_KEY="test-only-worker",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
        # A worker between two tests must not keep a connection the next flush waits on.
        CONN_MAX_AGE="0",
    )
    env.update(extra)
    return env


class Workers:
    """Worker processes consuming one queue of their own, stopped at the end."""

    def __init__(self, queue: str | None = None, log_dir: Path | None = None):
        self.queue = queue or f"test-{uuid.uuid4().hex[:8]}"
        self.log_dir = log_dir
        self.procs: list[subprocess.Popen] = []

    def start(self, *, beat: bool = False, **extra: str) -> subprocess.Popen:
        n = len(self.procs)
        out = (
            open(self.log_dir / f"worker{n}.log", "wb")  # noqa: SIM115 - lives as long as the process
            if self.log_dir
            else subprocess.DEVNULL
        )
        args = worker_command(
            self.queue,
            loglevel=os.environ.get("TEST_WORKER_LOGLEVEL", "WARNING"),
            name=f"w{n}-{self.queue}@%h",
        )
        proc = subprocess.Popen(
            args, cwd=ROOT, env=worker_env(**extra), stdout=out, stderr=subprocess.STDOUT
        )
        self.procs.append(proc)
        return proc

    def start_beat(self, schedule_dir: Path, **extra: str) -> subprocess.Popen:
        """Celery beat, with its schedule file in ``schedule_dir``."""
        out = open(self.log_dir / "beat.log", "wb") if self.log_dir else subprocess.DEVNULL  # noqa: SIM115
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "trondelag",
                "beat",
                "-s",
                str(schedule_dir / "celerybeat-schedule"),
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env=worker_env(**extra),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@contextlib.contextmanager
def broker(url: str):
    """Point this process's Celery app at another broker for a while.

    Celery reads CELERY_BROKER_URL from the environment before its own configuration, and
    the app and kombu cache connection and producer pools: all three are switched.
    """
    from kombu import pools

    from trondelag.celery import app

    def switch(to_url: str | None, to_env: str | None) -> None:
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None
        if to_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = to_env
        app.conf.broker_url = to_url

    before = (app.conf.broker_url, os.environ.get("CELERY_BROKER_URL"))
    switch(url, url)
    try:
        yield
    finally:
        switch(*before)
