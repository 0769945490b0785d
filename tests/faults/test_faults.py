"""The fault suite: every due reminder is delivered exactly once through real faults.

Real PostgreSQL, a Redis of its own, an SMTP sink (aiosmtpd), Celery workers and beat as
subprocesses. While the workers deliver, the suite kills a worker with SIGKILL three
times, stops Redis and starts it again empty, terminates every database connection but its
own, and stops the SMTP sink and starts it again; requests made meanwhile (a booking,
a lærekontrakt, pages) must never answer 500. When the queue has drained, each outbox row
is sent, each e-mail arrived exactly once (counted by its Message-ID, which derives from
the row's key) and each in-app notification exists once.
"""

import datetime
import os
import signal
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from phases.models import Phase
from reminders.models import Delivery, DeliveryStatus
from reminders.services import _message_id
from reminders.tasks import scan
from tests.celery_worker import Workers, broker, wait_for
from tests.factories import (
    CompanyFactory,
    LaerefagFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.faults.services import RedisServer, SmtpSink, free_port

pytestmark = [
    pytest.mark.faults,
    pytest.mark.postgres,
    pytest.mark.broker,
    pytest.mark.django_db(transaction=True),
]

REMINDERS = int(os.environ.get("FAULTS_REMINDERS", "240"))
PORT_BASE = int(os.environ.get("FAULTS_PORT_BASE", "8730"))
# Each send waits this long first, so a kill lands mid-delivery and the run lasts long
# enough for every fault; leases, redispatch and the sweep are shortened to match.
WORKER_SETTINGS = {
    "REMINDERS_TEST_SEND_DELAY": "0.08",
    "REMINDER_LEASE_SECONDS": "3",
    "REMINDER_REDISPATCH_SECONDS": "10",
    "REMINDER_RETRY_BASE_SECONDS": "1",
    "REMINDER_MAX_ATTEMPTS": "100",
    "REMINDER_SWEEP_SECONDS": "2",
}


@pytest.fixture
def redis_server():
    server = RedisServer(free_port(PORT_BASE, PORT_BASE + 20))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_sink(redis_server):
    sink = SmtpSink(free_port(redis_server.port + 1, PORT_BASE + 20))
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def own_broker(redis_server):
    with broker(redis_server.url):
        yield redis_server


@pytest.fixture
def workers(redis_server, smtp_sink, tmp_path):
    w = Workers(queue="celery", log_dir=tmp_path)
    w.env = {
        "CELERY_BROKER_URL": redis_server.url,
        "CELERY_RESULT_BACKEND": redis_server.url,
        "EMAIL_URL": smtp_sink.url,
        **WORKER_SETTINGS,
    }
    yield w
    w.stop()


def _sent() -> int:
    return Delivery.objects.filter(status=DeliveryStatus.SENT).count()


class Web:
    """Requests made while the faults happen, through the whole Django stack."""

    def __init__(self, client, veileder, markedsradgiver):
        self.client = client
        self.client.raise_request_exception = False  # a crash must show as a 500
        self.client.force_login(veileder)
        self.veileder = veileder
        self.markedsradgiver = markedsradgiver
        self.statuses: list[tuple[str, int]] = []

    def _record(self, what, response):
        self.statuses.append((what, response.status_code))

    def book(self):
        p = ParticipantFactory(veileder=self.veileder, email=f"d{time.monotonic_ns()}@example.no")
        starts = timezone.localtime() + datetime.timedelta(days=5)
        url = reverse("careerguidance:book", args=[p.uuid])
        self._record("page", self.client.get(url))
        data = {"starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "mode": "telefon"}
        self._record("book", self.client.post(url, data))

    def laerekontrakt(self):
        p = ParticipantFactory(veileder=self.veileder, phase=Phase.MATCHING)
        url = reverse("phases:laerekontrakt_create", args=[p.uuid])
        data = {
            "company": CompanyFactory(markedsradgiver=self.markedsradgiver).pk,
            "laerefag": LaerefagFactory().pk,
            "opplaeringskontor": "OK Trøndelag",
            "signed_on": timezone.localdate().isoformat(),
        }
        self._record("laerekontrakt", self.client.post(url, data))

    def pages(self):
        self._record("home", self.client.get(reverse("home")))
        self._record("notifications", self.client.get(reverse("notifications:list")))


def _terminate_other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_every_due_reminder_is_delivered_exactly_once_through_faults(
    client, own_broker, redis_server, smtp_sink, workers, tmp_path
):
    veileder = UserFactory(roles=["veileder"], email="vera@example.no")
    markedsradgiver = UserFactory(
        roles=["markedsradgiver"], nav_kontor=veileder.nav_kontor, email="mrg@example.no"
    )
    due = timezone.localdate() + datetime.timedelta(days=3)
    ParticipantFactory.create_batch(REMINDERS, veileder=veileder, next_followup_due=due)
    web = Web(client, veileder, markedsradgiver)

    pauses = {}

    def start_worker():
        # Each worker has a pause file: while it exists, the worker stops before its next
        # send. A kill then lands after a claim and before the mail server has the message;
        # a kill between "accepted" and "marked sent" is the one gap no claim can close
        # (the stable Message-ID lets the receiver drop that copy), and is not what this
        # suite measures.
        pause = tmp_path / f"pause-{len(pauses)}"
        proc = workers.start(**workers.env, REMINDERS_TEST_PAUSE_FILE=str(pause))
        pauses[proc.pid] = pause
        return proc

    def hold(procs):
        for proc in procs:
            pauses[proc.pid].write_text("hold")
        time.sleep(1.0)  # a send under way finishes; the next waits

    def release():
        for pause in pauses.values():
            pause.unlink(missing_ok=True)

    live = [start_worker(), start_worker()]
    workers.start_beat(tmp_path, **workers.env)
    scan.apply_async()  # beat's scan, sent now instead of at the next quarter hour
    assert wait_for(lambda: Delivery.objects.count() >= REMINDERS, timeout=90)

    mark = [0]

    def progress(rows=8, timeout=60):
        """Wait until the workers have sent some more, so each fault hits work in flight."""
        assert wait_for(lambda: _sent() >= mark[0] + rows, timeout=timeout), _sent()
        mark[0] = _sent()

    def kill_a_worker(index):
        progress()
        hold([live[index]])
        live[index].send_signal(signal.SIGKILL)  # holding a claimed row and its batch
        live[index].wait(timeout=10)
        live[index] = start_worker()

    kill_a_worker(0)  # 1
    web.book()
    kill_a_worker(1)  # 2

    progress()
    redis_server.stop()
    web.book()
    web.laerekontrakt()
    web.pages()
    time.sleep(2)
    redis_server.start()  # empty: every queued message is gone

    progress()
    assert _terminate_other_connections() > 0
    web.book()
    web.pages()

    progress()
    hold(live)  # so no session is cut between the sink's "accepted" and the worker's
    smtp_sink.stop()
    release()  # the workers meet a closed port and back off
    web.book()
    time.sleep(3)
    smtp_sink.start()

    kill_a_worker(0)  # 3
    web.pages()

    def drained():
        return not Delivery.objects.exclude(
            status__in=[DeliveryStatus.SENT, DeliveryStatus.CANCELLED]
        ).exists()

    assert wait_for(drained, timeout=180, interval=1), list(
        Delivery.objects.exclude(status=DeliveryStatus.SENT).values_list(
            "kind", "status", "attempts", "last_error"
        )[:10]
    )

    assert [s for s in web.statuses if s[1] >= 500] == []
    deliveries = list(Delivery.objects.all())
    assert len(deliveries) >= REMINDERS + 5  # the scan's and the requests' (4 bookings, 1 kontrakt)
    expected = {_message_id(d) for d in deliveries if d.send_email and d.to_email}
    time.sleep(1)  # the last SMTP sessions' bookkeeping
    with smtp_sink.lock:
        received = dict(smtp_sink.received)
    assert set(received) == expected  # none lost, none unknown
    assert {mid: n for mid, n in received.items() if n != 1} == {}  # none twice
    with_recipient = [d for d in deliveries if d.recipient_id]
    notified = Notification.objects.filter(
        dedup_key__in=[f"reminder:{d.key}"[:200] for d in with_recipient]
    )
    assert notified.count() == len(with_recipient)
    # The faults did hit work in flight: rows were taken over after a lease ran out or retried.
    assert any(d.attempts > 1 for d in deliveries)
