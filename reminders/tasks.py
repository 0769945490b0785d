import itertools

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from .services import (
    DELIVER_TASK,
    TransientSendError,
    deliveries_to_requeue,
    delivery_give_up,
    delivery_send,
    reminders_scan,
)


@shared_task(name="reminders.tasks.scan", time_limit=600, soft_time_limit=540)
def scan() -> dict:
    """Beat's periodic scan: record what is due, then hand it to the workers in batches."""
    result = reminders_scan()
    enqueue(result.delivery_ids)
    return {"seen": result.seen, "enqueued": len(result.delivery_ids)}


# One message per reminder made the county-scale scan spend 48 s talking to Redis for
# 40 000 reminders; a message per hundred takes under a second.
BATCH_SIZE = 100


def enqueue(delivery_ids, *, queue: str | None = None) -> int:
    """Hand recorded reminders to the workers, a hundred per message; the number of messages."""
    messages = 0
    for chunk in itertools.batched(delivery_ids, BATCH_SIZE):
        deliver_batch.apply_async(args=[list(chunk)], queue=queue)
        messages += 1
    return messages


@shared_task(
    name="reminders.tasks.deliver_batch",
    bind=True,
    acks_late=True,
    time_limit=1200,
    soft_time_limit=1100,
)
def deliver_batch(self, delivery_ids: list[int]) -> dict:
    """Send a batch; a reminder whose mail server fails goes on alone with deliver's backoff.

    Each send is still claimed row by row, so a batch delivered twice sends nothing twice.
    """
    counts = {"sent": 0, "skipped": 0, "retrying": 0}
    queue = (self.request.delivery_info or {}).get("routing_key")
    for position, delivery_id in enumerate(delivery_ids):
        try:
            counts[delivery_send(delivery_id=delivery_id)] += 1
        except TransientSendError:
            deliver.apply_async(
                args=[delivery_id], countdown=settings.REMINDER_RETRY_BASE_SECONDS, queue=queue
            )
            counts["retrying"] += 1
        except SoftTimeLimitExceeded:
            # The row being sent stays "sending" until the sweep; the rest go on.
            if rest := delivery_ids[position + 1 :]:
                deliver_batch.apply_async(args=[rest], queue=queue)
            break
    return counts


@shared_task(
    name=DELIVER_TASK,
    bind=True,
    acks_late=True,
    max_retries=6,
    time_limit=120,
    soft_time_limit=90,
)
def deliver(self, delivery_id: int) -> str:
    try:
        return delivery_send(delivery_id=delivery_id)
    except TransientSendError as exc:
        if self.request.retries >= self.max_retries:
            delivery_give_up(delivery_id=delivery_id, error=str(exc))
            return "failed"
        # 30 s, 1 min, 2 min, ... capped at 30 min.
        countdown = min(settings.REMINDER_RETRY_BASE_SECONDS * 2**self.request.retries, 1800)
        raise self.retry(exc=exc, countdown=countdown) from None


@shared_task(name="reminders.tasks.sweep", time_limit=120)
def sweep() -> int:
    """Requeue what a killed worker or a lost message left behind."""
    ids = deliveries_to_requeue()
    enqueue(ids)
    return len(ids)
