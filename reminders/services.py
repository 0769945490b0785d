"""Recording reminders before sending them, and sending each exactly once."""

import hashlib
import itertools
import logging
import smtplib
import time
from dataclasses import dataclass
from email.utils import make_msgid
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role, roles_of
from notifications.services import notification_create

from .models import Delivery, DeliveryStatus, ReminderKind, ReminderPreference
from .registry import producers

DELIVER_TASK = "reminders.tasks.deliver"

log = logging.getLogger(__name__)


class TransientSendError(Exception):
    """The mail server could not take the message now; the task retries with backoff."""


@dataclass
class ScanResult:
    seen: int
    created: int
    delivery_ids: list[int]


def _email_wanted(batch) -> dict[tuple[int, str], bool]:
    users = {d.recipient_id for d in batch if d.recipient_id}
    kinds = {d.kind for d in batch}
    return {
        (user_id, kind): email
        for user_id, kind, email in ReminderPreference.objects.filter(
            user_id__in=users, kind__in=kinds
        ).values_list("user_id", "kind", "email")
    }


_COLUMNS = (
    "kind",
    "object_key",
    "period",
    "address",
    "recipient_id",
    "participant_id",
    "to_email",
    "send_email",
    "subject",
    "body",
    "url",
    "status",
    "attempts",
    "last_error",
    "created_at",
)


def _insert_new(rows: list[tuple]) -> list[int] | None:
    """Insert rows (in _COLUMNS order) whose key is not taken; the ids of those inserted.

    On PostgreSQL the rows are copied into a temporary table and moved with one INSERT ...
    ON CONFLICT DO NOTHING: Django's bulk_create spent 4.5 s of a county-scale scan building
    and binding 600 000 parameters. Elsewhere (the SQLite of a newcomer's machine)
    bulk_create does it and None tells the caller to look the ids up.
    """
    if connection.vendor != "postgresql":
        Delivery.objects.bulk_create(
            [Delivery(**dict(zip(_COLUMNS, row, strict=True))) for row in rows],
            ignore_conflicts=True,
        )
        return None
    # Table and column names come from the model and _COLUMNS; values only through COPY.
    table = Delivery._meta.db_table
    columns = ", ".join(_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE delivery_incoming ON COMMIT DROP AS "
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        with cursor.connection.cursor().copy(
            f"COPY delivery_incoming ({columns}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM delivery_incoming "
            "ON CONFLICT DO NOTHING RETURNING id"
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        # ON COMMIT DROP alone is not enough when the caller's transaction goes on.
        cursor.execute("DROP TABLE delivery_incoming")
        return ids


def reminders_scan(*, now=None, batch_size: int = 5000) -> ScanResult:
    """Record every due reminder once; return the ids this scan created, to be sent.

    Runs the registered producers and inserts in batches; rows that exist already (an
    earlier scan, a second beat) are skipped by the unique key.
    """
    now = now or timezone.now()
    seen = 0
    ids: list[int] = []
    looked_up = False
    for producer in producers():
        stream = iter(producer(now))
        while batch := list(itertools.islice(stream, batch_size)):
            seen += len(batch)
            prefs = _email_wanted(batch)
            emails = dict(
                User.objects.filter(
                    pk__in={d.recipient_id for d in batch if d.recipient_id}
                ).values_list("pk", "email")
            )
            rows = [
                (
                    d.kind,
                    d.object_key,
                    d.period,
                    d.address,
                    d.recipient_id,
                    d.participant_id,
                    d.to_email or emails.get(d.recipient_id, ""),
                    prefs.get((d.recipient_id, d.kind), True),
                    d.subject,
                    d.body,
                    d.url,
                    DeliveryStatus.PENDING.value,
                    0,
                    "",
                    now,
                )
                for d in batch
            ]
            inserted = _insert_new(rows)
            if inserted is None:
                looked_up = True
            else:
                ids += inserted
    if looked_up:
        ids = list(
            Delivery.objects.filter(created_at=now, status=DeliveryStatus.PENDING).values_list(
                "pk", flat=True
            )
        )
    return ScanResult(seen=seen, created=len(ids), delivery_ids=ids)


def _message_id(delivery: Delivery) -> str:
    # The same delivery always gets the same Message-ID, so a resend after a crash can be
    # recognised as the same message by mail servers and clients.
    digest = hashlib.sha256(delivery.key.encode()).hexdigest()[:32]
    return make_msgid(idstring=digest, domain=settings.EMAIL_MESSAGE_ID_DOMAIN)


def _pause_for_tests() -> None:
    """Lets a test kill the worker between claiming and sending (see test_reminders_worker)."""
    path = settings.REMINDERS_TEST_PAUSE_FILE
    if path:
        deadline = time.monotonic() + 60
        while Path(path).exists() and time.monotonic() < deadline:
            time.sleep(0.1)


def delivery_send(*, delivery_id: int) -> str:
    """Send one recorded reminder: claimed by a conditional update, so only one worker sends.

    Returns "sent", or "skipped" when another worker has it or it is done.
    """
    claimed = Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    delivery = Delivery.objects.select_related("recipient").get(pk=delivery_id)
    if delivery.recipient_id:
        # In-app is exactly once by its own key, whatever happens to the e-mail.
        notification_create(
            recipient=delivery.recipient,
            kind=delivery.kind,
            text=delivery.subject,
            url=delivery.url,
            dedup_key=f"reminder:{delivery.key}"[:200],
            participant_id=delivery.participant_id,
        )
    if delivery.send_email and delivery.to_email:
        _pause_for_tests()
        message = EmailMessage(
            subject=delivery.subject,
            body=delivery.body,
            to=[delivery.to_email],
            headers={"Message-ID": _message_id(delivery)},
        )
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as exc:
            Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.SENDING).update(
                status=DeliveryStatus.PENDING, last_error=str(exc)[:500]
            )
            raise TransientSendError(str(exc)) from exc
    Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def delivery_give_up(*, delivery_id: int, error: str) -> None:
    Delivery.objects.filter(pk=delivery_id).exclude(status=DeliveryStatus.SENT).update(
        status=DeliveryStatus.FAILED, last_error=error[:500]
    )


def deliveries_to_requeue(*, now=None) -> list[int]:
    """Rows a dead worker left in 'sending', and rows whose enqueue was lost; reset and return.

    A row is stuck when it was claimed longer ago than any task may run.
    """
    now = now or timezone.now()
    stale = now - timezone.timedelta(seconds=settings.REMINDER_STALE_SECONDS)
    with transaction.atomic():
        stuck = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.SENDING, claimed_at__lt=stale)
            .values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=stuck, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.PENDING
        )
    waiting = list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING, created_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    return sorted(set(stuck) | set(waiting))


def kinds_for(user) -> list[str]:
    """The reminder kinds a user can receive, by role."""
    roles = roles_of(user)
    kinds = []
    if roles & {Role.VEILEDER, Role.LEDER}:
        kinds += [
            ReminderKind.FOLLOWUP_DUE,
            ReminderKind.FOLLOWUP_OVERDUE,
            ReminderKind.APPOINTMENT,
        ]
    if roles & {Role.VEILEDER, Role.MARKEDSRADGIVER}:
        kinds += [ReminderKind.JOBBLOOP_GATHERING, ReminderKind.JOBBLOOP_END]
    if Role.MARKEDSRADGIVER in roles:
        kinds.append(ReminderKind.LAREKONTRAKT)
    return [str(k) for k in dict.fromkeys(kinds)]


def reminder_preferences(user) -> dict[str, bool]:
    return dict(ReminderPreference.objects.filter(user=user).values_list("kind", "email"))


def reminder_preferences_set(*, user: User, email_by_kind: dict[str, bool]) -> None:
    allowed = set(kinds_for(user))
    with transaction.atomic():
        for kind, email in email_by_kind.items():
            if kind in allowed:
                ReminderPreference.objects.update_or_create(
                    user=user, kind=kind, defaults={"email": bool(email)}
                )


def notify_once(due) -> int | None:
    """Record one event-driven reminder (not from a scan) and send it after commit.

    The same unique key as the scan's rows makes a repeated call a no-op; returns the
    delivery id, or None when it was recorded before.
    """
    email = due.to_email or (
        User.objects.filter(pk=due.recipient_id).values_list("email", flat=True).first() or ""
    )
    wants = _email_wanted([due]).get((due.recipient_id, due.kind), True)
    delivery, created = Delivery.objects.get_or_create(
        kind=due.kind,
        object_key=due.object_key,
        period=due.period,
        address=due.address,
        defaults={
            "recipient_id": due.recipient_id,
            "participant_id": due.participant_id,
            "to_email": email,
            "send_email": wants,
            "subject": due.subject,
            "body": due.body,
            "url": due.url,
        },
    )
    if not created:
        return None
    # Sent by the task's name: tasks.py builds on this module, not the other way round.
    transaction.on_commit(lambda: current_app.send_task(DELIVER_TASK, args=[delivery.pk]))
    return delivery.pk


def deliveries_cancel(*, kind: str, object_key: str) -> int:
    """Stop reminders not yet sent for an object that was cancelled or moved."""
    return Delivery.objects.filter(
        kind=kind, object_key=object_key, status=DeliveryStatus.PENDING
    ).update(status=DeliveryStatus.CANCELLED)
