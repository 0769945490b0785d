"""Figures read from the database at scrape time, plus the per-process ones (core.metrics)."""

import os

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from reminders.models import Delivery, DeliveryStatus

# The reminder pipeline in the words of an operator: recorded and due, handed to a worker,
# delivered, given up on.
REMINDER_STATES = {
    DeliveryStatus.PENDING: "due",
    DeliveryStatus.SENDING: "queued",
    DeliveryStatus.SENT: "sent",
    DeliveryStatus.FAILED: "failed",
    DeliveryStatus.CANCELLED: "cancelled",
}
UNSENT = [DeliveryStatus.PENDING, DeliveryStatus.SENDING]


class ReminderCollector:
    def collect(self):
        counts = dict.fromkeys(REMINDER_STATES.values(), 0)
        for row in Delivery.objects.order_by().values("status").annotate(n=Count("id")):
            counts[REMINDER_STATES.get(row["status"], row["status"])] = row["n"]
        reminders = GaugeMetricFamily(
            "trondelag_reminders", "Reminder deliveries by state.", labels=["state"]
        )
        for state, n in counts.items():
            reminders.add_metric([state], n)
        yield reminders

        oldest = Delivery.objects.filter(status__in=UNSENT).aggregate(m=Min("created_at"))["m"]
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily(
            "trondelag_reminder_oldest_unsent_age_seconds",
            "Age of the oldest reminder not yet delivered (0 when none waits).",
            value=age,
        )


_database_figures = CollectorRegistry()
_database_figures.register(ReminderCollector())


def scrape() -> bytes:
    """The exposition text: every worker process's metrics, then the database's figures."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    return generate_latest(processes) + generate_latest(_database_figures)
