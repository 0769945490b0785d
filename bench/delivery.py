"""End-to-end reminder throughput: from the scan to every e-mail accepted by an SMTP sink.

A worker (prefork, one process per core) reads the bench's queue and sends through
Django's SMTP backend to an aiosmtpd sink in this process. The clock starts at the scan
and stops when the sink has every reminder that wants an e-mail and every row is sent.
"""

import os
import socket
import subprocess
import time
from pathlib import Path

from bench.celery_worker import worker_command
from bench.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[1]
QUEUE = "bench-delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(app, name: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(destination=[name], timeout=1):
            return
    raise RuntimeError("the bench's delivery worker did not start")


def reminder_delivery(env: dict, *, limit_s: float = 900) -> dict:
    from django.db import connection

    from reminders.models import Delivery, DeliveryStatus
    from reminders.services import reminders_scan
    from reminders.tasks import enqueue
    from trondelag.celery import app

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE reminders_delivery")
        cursor.execute(
            "DELETE FROM notifications_notification WHERE dedup_key LIKE %s", ["reminder:%"]
        )
    sink = SmtpSink(_free_port())
    sink.start()
    cores = os.cpu_count() or 1
    name = f"bench-delivery-{os.getpid()}@localhost"
    worker = subprocess.Popen(
        worker_command(QUEUE, concurrency=cores, name=name),
        cwd=ROOT,
        env={**env, "EMAIL_URL": sink.url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_ready(app, name)
        started = time.perf_counter()
        result = reminders_scan()
        enqueue(result.delivery_ids, queue=QUEUE)
        emails = Delivery.objects.filter(send_email=True).exclude(to_email="").count()
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            if (
                sink.total() >= emails
                and not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists()
            ):
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        delivered = Delivery.objects.filter(status=DeliveryStatus.SENT).count()
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        sink.stop()
    return {
        "reminders": len(result.delivery_ids),
        "delivered": delivered,
        "emails_received": sink.total(),
        "seconds": round(seconds, 2),
        "per_second": round(delivered / seconds, 1) if seconds else 0,
        "worker_processes": cores,
        "complete": delivered == len(result.delivery_ids),
    }
