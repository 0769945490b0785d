"""What "ready to take traffic" means: the database and the broker answer."""

from celery import current_app
from django.db import connection
from django.db.utils import DatabaseError


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        # A broken persistent connection is dropped, so the next probe connects afresh.
        if not connection.in_atomic_block:
            connection.close()
        return False


def broker_ok() -> bool:
    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # kombu raises the transport's own errors (redis, OSError, ...)
        return False


def failures() -> list[str]:
    failing = []
    if not database_ok():
        failing.append("database")
    if not broker_ok():
        failing.append("broker")
    return failing
