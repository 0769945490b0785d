"""The outbox's workers: the scan records, the sweep dispatches, the batches deliver.

Every row is in the database before any message reaches the broker, so a lost message, a
killed worker or a restarted Redis costs time, never a reminder: the sweep finds the row.
"""

import itertools

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection

from .services import DB_ERRORS, deliveries_to_dispatch, delivery_send, reminders_scan

# One message per reminder made the county-scale scan spend 48 s talking to Redis for
# 40 000 reminders; a message per hundred takes under a second.
BATCH_SIZE = 100
DB_RETRIES = 8


def _db_backoff(retries: int) -> int:
    # 2, 4, 8 ... 60 s: long enough for PostgreSQL to restart or fail over.
    return min(2 ** (retries + 1), 60)


@shared_task(
    name="reminders.tasks.scan",
    autoretry_for=DB_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=DB_RETRIES,
    time_limit=600,
    soft_time_limit=540,
)
def scan() -> dict:
    """Beat's periodic scan: record what is due, then hand it to the workers in batches."""
    result = reminders_scan()
    enqueue(result.delivery_ids)
    return {"seen": result.seen, "enqueued": len(result.delivery_ids)}


def enqueue(delivery_ids, *, queue: str | None = None) -> int:
    """Hand recorded reminders to the workers, a hundred per message; the number of messages."""
    messages = 0
    for chunk in itertools.batched(delivery_ids, BATCH_SIZE):
        deliver_batch.apply_async(args=[list(chunk)], queue=queue)
        messages += 1
    return messages


@shared_task(name="reminders.tasks.deliver_batch", bind=True, acks_late=True)
def deliver_batch(self, delivery_ids: list[int]) -> dict:
    """Send a batch; each row is claimed on its own, so a batch delivered twice sends
    nothing twice. A mail failure puts that row back with backoff (the sweep sends it
    again); a database failure retries the rest of the batch with backoff instead of
    acknowledging it as done.
    """
    return _deliver(self, delivery_ids, again=lambda rest: [rest])


@shared_task(name="reminders.tasks.deliver", bind=True, acks_late=True)
def deliver(self, delivery_id: int) -> dict:
    """One row (tests, and anything that must not wait for a batch)."""
    return _deliver(self, [delivery_id], again=lambda rest: rest)


def _deliver(task, delivery_ids: list[int], *, again) -> dict:
    counts = {"sent": 0, "skipped": 0, "retrying": 0, "failed": 0}
    queue = (task.request.delivery_info or {}).get("routing_key")
    for position, delivery_id in enumerate(delivery_ids):
        try:
            counts[delivery_send(delivery_id=delivery_id)] += 1
        except SoftTimeLimitExceeded:
            # The row being sent keeps its lease until the sweep; the rest go on.
            if rest := delivery_ids[position + 1 :]:
                deliver_batch.apply_async(args=[rest], queue=queue)
            break
        except DB_ERRORS as exc:
            connection.close()  # a terminated connection is not reused by the retry
            if task.request.retries >= DB_RETRIES:
                raise  # the rows keep their state; the sweep dispatches them again
            raise task.retry(
                args=again(delivery_ids[position:]),
                countdown=_db_backoff(task.request.retries),
                max_retries=DB_RETRIES,
                exc=exc,
            ) from None
    return counts


@shared_task(
    name="reminders.tasks.sweep",
    autoretry_for=DB_ERRORS,
    retry_backoff=2,
    retry_backoff_max=30,
    max_retries=3,
    # Below the beat interval (REMINDER_SWEEP_SECONDS), so sweeps do not pile up.
    soft_time_limit=50,
    time_limit=55,
)
def sweep() -> int:
    """Hand the workers every row that is due and not in flight: expired leases, backoffs
    that ended, and messages lost with a killed worker or a restarted broker."""
    ids = deliveries_to_dispatch()
    enqueue(ids)
    return len(ids)
