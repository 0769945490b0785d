from celery import shared_task
from django.conf import settings

from .services import (
    TransientSendError,
    deliveries_to_requeue,
    delivery_give_up,
    delivery_send,
    reminders_scan,
)


@shared_task(name="reminders.tasks.scan", time_limit=600, soft_time_limit=540)
def scan() -> dict:
    """Beat's periodic scan: record what is due, then one small task per reminder."""
    result = reminders_scan()
    for delivery_id in result.delivery_ids:
        deliver.delay(delivery_id)
    return {"seen": result.seen, "enqueued": len(result.delivery_ids)}


@shared_task(
    name="reminders.tasks.deliver",
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
    for delivery_id in ids:
        deliver.delay(delivery_id)
    return len(ids)
