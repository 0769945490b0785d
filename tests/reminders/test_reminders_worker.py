"""Exactly once with a real Redis broker and real worker processes on PostgreSQL."""

import datetime
import signal
import time

import pytest
from django.utils import timezone

from reminders.models import Delivery, DeliveryStatus
from reminders.services import deliveries_to_dispatch, reminders_scan
from reminders.tasks import deliver, enqueue
from tests.celery_worker import Workers, wait_for
from tests.factories import ParticipantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workers(tmp_path):
    w = Workers()
    w.start_with_mail = lambda **extra: w.start(
        EMAIL_URL=f"filemail://{tmp_path / 'mail'}", **extra
    )
    yield w
    w.stop()


def emails_sent(tmp_path) -> int:
    folder = tmp_path / "mail"
    if not folder.exists():
        return 0
    return sum(p.read_text().count("Message-ID:") for p in folder.iterdir())


def _due_delivery(veileder_factory=None) -> int:
    from tests.factories import UserFactory

    veileder = UserFactory(roles=["veileder"])
    ParticipantFactory(
        veileder=veileder, next_followup_due=timezone.localdate() + datetime.timedelta(days=3)
    )
    return reminders_scan().delivery_ids


def test_two_workers_and_a_duplicate_enqueue_still_send_one(workers, tmp_path):
    [delivery_id] = _due_delivery()
    workers.start_with_mail()
    workers.start_with_mail()
    for _ in range(3):  # a beat firing twice, a retried enqueue...
        deliver.apply_async(args=[delivery_id], queue=workers.queue)
    assert wait_for(lambda: Delivery.objects.get(pk=delivery_id).status == DeliveryStatus.SENT)
    time.sleep(2)  # let the duplicate messages be consumed
    assert emails_sent(tmp_path) == 1


def test_a_worker_killed_mid_task_still_ends_with_exactly_one(workers, tmp_path):
    [delivery_id] = _due_delivery()
    pause = tmp_path / "pause"
    pause.write_text("hold")
    first = workers.start_with_mail(
        REMINDERS_TEST_PAUSE_FILE=str(pause), REMINDER_LEASE_SECONDS="1"
    )
    deliver.apply_async(args=[delivery_id], queue=workers.queue)
    assert wait_for(lambda: Delivery.objects.get(pk=delivery_id).status == DeliveryStatus.SENDING)
    first.send_signal(signal.SIGKILL)  # dies after claiming, before sending
    first.wait(timeout=20)
    pause.unlink()
    assert emails_sent(tmp_path) == 0

    workers.start_with_mail()
    time.sleep(1.1)  # the dead worker's lease runs out
    requeued = deliveries_to_dispatch()
    assert requeued == [delivery_id]
    for pk in requeued:
        deliver.apply_async(args=[pk], queue=workers.queue)
    assert wait_for(lambda: Delivery.objects.get(pk=delivery_id).status == DeliveryStatus.SENT)
    assert emails_sent(tmp_path) == 1


def test_a_big_scan_goes_out_in_batches_and_a_doubled_enqueue_sends_each_once(workers, tmp_path):
    from tests.factories import UserFactory

    veileder = UserFactory(roles=["veileder"])
    due = timezone.localdate() + datetime.timedelta(days=3)
    ParticipantFactory.create_batch(230, veileder=veileder, next_followup_due=due)
    ids = reminders_scan().delivery_ids
    assert len(ids) == 230
    workers.start_with_mail()
    workers.start_with_mail()

    assert enqueue(ids, queue=workers.queue) == 3  # a hundred per message
    enqueue(ids, queue=workers.queue)  # a second beat, or the sweep

    assert wait_for(
        lambda: Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 230, timeout=120
    )
    time.sleep(2)  # let the doubled messages be consumed
    assert emails_sent(tmp_path) == 230
