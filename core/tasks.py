from celery import shared_task
from django.db import connection


@shared_task(name="core.tasks.heartbeat")
def heartbeat() -> str:
    """Beat's sign of life; also proves the worker reaches the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


@shared_task(name="core.tasks.echo")
def echo(value: str) -> str:
    """Round-trips a value through the broker; the broker test uses it."""
    return value[::-1]
