"""Exactly once with a real Redis broker and real worker processes on PostgreSQL."""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from reminders.models import Delivery, DeliveryStatus
from reminders.services import deliveries_to_requeue, reminders_scan
from reminders.tasks import deliver, enqueue
from tests.factories import ParticipantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def _worker_env(tmp_path, **extra):
    s = connection.settings_dict
    env = os.environ.copy()
    # The worker must read the test database, not the configured one.
    env["DATABASE_URL"] = (
        f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )
    env["EMAIL_URL"] = f"filemail://{tmp_path / 'mail'}"
    env.update(extra)
    return env


class Workers:
    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.queue = f"test-{uuid.uuid4().hex[:8]}"
        self.procs = []

    def start(self, **extra):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "trondelag",
                "worker",
                "--pool=solo",
                "-Q",
                self.queue,
                "--without-mingle",
                "--without-gossip",
                "--loglevel=WARNING",
                "-n",
                f"w{len(self.procs)}-{self.queue}@%h",
            ],
            cwd=ROOT,
            env=_worker_env(self.tmp_path, **extra),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.procs.append(proc)
        return proc

    def stop(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


@pytest.fixture
def workers(tmp_path):
    w = Workers(tmp_path)
    yield w
    w.stop()


def emails_sent(tmp_path) -> int:
    folder = tmp_path / "mail"
    if not folder.exists():
        return 0
    return sum(p.read_text().count("Message-ID:") for p in folder.iterdir())


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _due_delivery(veileder_factory=None) -> int:
    from tests.factories import UserFactory

    veileder = UserFactory(roles=["veileder"])
    ParticipantFactory(
        veileder=veileder, next_followup_due=timezone.localdate() + datetime.timedelta(days=3)
    )
    return reminders_scan().delivery_ids


def test_two_workers_and_a_duplicate_enqueue_still_send_one(workers, tmp_path):
    [delivery_id] = _due_delivery()
    workers.start()
    workers.start()
    for _ in range(3):  # a beat firing twice, a retried enqueue...
        deliver.apply_async(args=[delivery_id], queue=workers.queue)
    assert wait_for(lambda: Delivery.objects.get(pk=delivery_id).status == DeliveryStatus.SENT)
    time.sleep(2)  # let the duplicate messages be consumed
    assert emails_sent(tmp_path) == 1


def test_a_worker_killed_mid_task_still_ends_with_exactly_one(workers, tmp_path, settings):
    [delivery_id] = _due_delivery()
    pause = tmp_path / "pause"
    pause.write_text("hold")
    first = workers.start(REMINDERS_TEST_PAUSE_FILE=str(pause))
    deliver.apply_async(args=[delivery_id], queue=workers.queue)
    assert wait_for(lambda: Delivery.objects.get(pk=delivery_id).status == DeliveryStatus.SENDING)
    first.send_signal(signal.SIGKILL)  # dies after claiming, before sending
    first.wait(timeout=20)
    pause.unlink()
    assert emails_sent(tmp_path) == 0

    workers.start()
    settings.REMINDER_STALE_SECONDS = 0
    time.sleep(0.1)
    for requeued in deliveries_to_requeue():
        deliver.apply_async(args=[requeued], queue=workers.queue)
    assert wait_for(lambda: Delivery.objects.get(pk=delivery_id).status == DeliveryStatus.SENT)
    assert emails_sent(tmp_path) == 1


def test_a_big_scan_goes_out_in_batches_and_a_doubled_enqueue_sends_each_once(workers, tmp_path):
    from tests.factories import UserFactory

    veileder = UserFactory(roles=["veileder"])
    due = timezone.localdate() + datetime.timedelta(days=3)
    ParticipantFactory.create_batch(230, veileder=veileder, next_followup_due=due)
    ids = reminders_scan().delivery_ids
    assert len(ids) == 230
    workers.start()
    workers.start()

    assert enqueue(ids, queue=workers.queue) == 3  # a hundred per message
    enqueue(ids, queue=workers.queue)  # a second beat, or the sweep

    assert wait_for(
        lambda: Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 230, timeout=120
    )
    time.sleep(2)  # let the doubled messages be consumed
    assert emails_sent(tmp_path) == 230
