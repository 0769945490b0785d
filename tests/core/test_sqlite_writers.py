"""On the embedded SQLite default, two writers at once wait for each other instead of one
failing with "database is locked" (immediate transactions and a busy timeout)."""

import os
import subprocess
import sys
import textwrap

from django.conf import settings

SCRIPT = textwrap.dedent(
    """
    import threading, time
    import django
    django.setup()
    from django.db import connection, transaction, connections

    assert connection.vendor == "sqlite", connection.vendor
    with connection.cursor() as c:
        c.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, who TEXT)")
    connection.close()

    errors = []
    start = threading.Barrier(2)

    def writer(who):
        try:
            start.wait()
            # Read, then write a moment later: with deferred transactions the second writer
            # cannot upgrade its read lock and fails at once, whatever the timeout.
            with transaction.atomic():
                with connection.cursor() as c:
                    c.execute("SELECT COUNT(*) FROM t")
                    c.fetchone()
                    time.sleep(0.3)
                    c.execute("INSERT INTO t (who) VALUES (%s)", [who])
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(w,)) for w in ("web", "worker")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with connection.cursor() as c:
        c.execute("SELECT COUNT(*) FROM t")
        print("rows", c.fetchone()[0], "errors", errors)
    """
)


def _run(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'trondelag.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "trondelag.settings",
    }
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_two_writers_at_once_both_succeed_on_sqlite(tmp_path):
    result = _run(tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "rows 2 errors []" in result.stdout, result.stdout + result.stderr[-2000:]


def test_settings_ask_sqlite_for_immediate_transactions_and_a_busy_timeout(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "trondelag.settings",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.DATABASES['default']['OPTIONS']; print(o['transaction_mode'], o['timeout'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.split() == ["IMMEDIATE", "20"], out.stderr[-2000:]
