"""Recording reminders before sending them, and sending each exactly once."""

import datetime
import hashlib
import itertools
import logging
import smtplib
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role, roles_of
from notifications.services import notification_create

from .models import Delivery, DeliveryStatus, ReminderKind, ReminderPreference
from .registry import producers

log = logging.getLogger(__name__)

# A dropped or terminated database connection: retried, never taken as the answer.
DB_ERRORS = (OperationalError, InterfaceError)


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
    "to_email",
    "participant_id",
    "send_email",
    "subject",
    "body",
    "url",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "next_attempt_at",
    "dispatched_at",
)


def _row(due, *, email: str, wants_email: bool, now) -> tuple:
    """A Due as a row in _COLUMNS order, cut to the column widths so one long text
    cannot fail the COPY of a whole batch."""
    return (
        due.kind,
        due.object_key[:80],
        due.period[:40],
        due.address[:254],
        due.recipient_id,
        email[:254],
        due.participant_id,
        wants_email,
        due.subject[:200],
        due.body,
        due.url[:300],
        DeliveryStatus.PENDING.value,
        0,
        "",
        now,
        now,
        now,
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
    earlier scan, a second beat) are skipped by the unique key. A producer that fails is
    logged and skipped, and the others still run; what it yielded before is kept. The rows
    are stamped as dispatched now: the scan task enqueues them at once, and the sweep
    dispatches them again only if that message is lost.
    """
    now = now or timezone.now()
    ids: list[int] = []
    looked_up = False
    counts = [0]
    for producer in producers():
        try:
            looked_up |= _run_producer(
                producer, now=now, batch_size=batch_size, ids=ids, seen=counts
            )
        except DB_ERRORS:
            raise  # the database is away, not the producer: the task retries the scan
        except Exception:
            log.exception("Reminder producer %s failed and was skipped", _name(producer))
    seen = counts[0]
    if looked_up:
        ids = list(
            Delivery.objects.filter(created_at=now, status=DeliveryStatus.PENDING).values_list(
                "pk", flat=True
            )
        )
    return ScanResult(seen=seen, created=len(ids), delivery_ids=ids)


def _name(producer) -> str:
    return f"{producer.__module__}.{getattr(producer, '__qualname__', producer)}"


def _run_producer(producer, *, now, batch_size: int, ids: list[int], seen: list[int]) -> bool:
    """Insert what one producer yields into ``ids`` and ``seen`` as it goes, so a failure
    halfway keeps the batches before it; True when the ids must be looked up instead."""
    looked_up = False
    stream = iter(producer(now))
    while batch := list(itertools.islice(stream, batch_size)):
        seen[0] += len(batch)
        prefs = _email_wanted(batch)
        emails = dict(
            User.objects.filter(
                pk__in={d.recipient_id for d in batch if d.recipient_id}
            ).values_list("pk", "email")
        )
        rows = [
            _row(
                d,
                email=d.to_email or emails.get(d.recipient_id, ""),
                wants_email=prefs.get((d.recipient_id, d.kind), True),
                now=now,
            )
            for d in batch
        ]
        inserted = _insert_new(rows)
        if inserted is None:
            looked_up = True
        else:
            ids += inserted
    return looked_up


def _message_id(delivery: Delivery) -> str:
    # Derived from the key alone (make_msgid would add time, pid and randomness): a resend
    # after a crash carries the same Message-ID, so mail servers and clients see one message.
    digest = hashlib.sha256(delivery.key.encode()).hexdigest()[:32]
    return f"<{digest}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


def _pause_for_tests() -> None:
    """Lets a test kill the worker between claiming and sending (test_reminders_worker,
    tests/faults)."""
    if settings.REMINDERS_TEST_SEND_DELAY:
        time.sleep(settings.REMINDERS_TEST_SEND_DELAY)
    path = settings.REMINDERS_TEST_PAUSE_FILE
    if path:
        deadline = time.monotonic() + 60
        while Path(path).exists() and time.monotonic() < deadline:
            time.sleep(0.1)


def retry_delay(attempts: int) -> datetime.timedelta:
    """Backoff after the n-th failed attempt: base, 2x base, 4x base ... capped at 30 min."""
    seconds = settings.REMINDER_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 1800))


def _with_db_retries(write, *, tries: int = 5) -> None:
    """Run a short write again on a fresh connection when the database drops us.

    Used for marking a row sent: the mail is out, and losing that fact to a terminated
    connection would send it again when the lease expires.
    """
    for attempt in range(tries):
        try:
            write()
            return
        except DB_ERRORS:
            if attempt == tries - 1 or connection.in_atomic_block:
                raise
            connection.close()  # the next query reconnects
            time.sleep(min(0.2 * 2**attempt, 3))


def delivery_send(*, delivery_id: int) -> str:
    """Send one recorded message under a lease, so only one worker sends it at a time.

    Returns "sent"; "skipped" when another worker holds it, it is done, or not due yet;
    "retrying" when the mail server failed and the row waits for its next attempt (the
    sweep dispatches it then); "failed" when that was its last attempt. Database errors
    propagate: the task retries them, and the lease lets the row be reclaimed if not.
    """
    now = timezone.now()
    max_attempts = settings.REMINDER_MAX_ATTEMPTS
    claimed = Delivery.objects.filter(
        Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        | Q(status=DeliveryStatus.SENDING, claimed_until__lt=now),
        pk=delivery_id,
        attempts__lt=max_attempts,
    ).update(
        status=DeliveryStatus.SENDING,
        claimed_at=now,
        claimed_until=now + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS),
        attempts=F("attempts") + 1,
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
            group_key=f"{delivery.kind}:{delivery.object_key}"[:200],
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
            return _attempt_failed(delivery, error=str(exc) or exc.__class__.__name__)
    _with_db_retries(
        lambda: (
            Delivery.objects.filter(pk=delivery_id)
            .exclude(status=DeliveryStatus.SENT)
            .update(
                status=DeliveryStatus.SENT,
                sent_at=timezone.now(),
                claimed_until=None,
                last_error="",
            )
        )
    )
    return "sent"


def _attempt_failed(delivery: Delivery, *, error: str) -> str:
    if delivery.attempts >= settings.REMINDER_MAX_ATTEMPTS:
        delivery_give_up(delivery_id=delivery.pk, error=error)
        return "failed"
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.PENDING,
        claimed_until=None,
        next_attempt_at=timezone.now() + retry_delay(delivery.attempts),
        last_error=error[:500],
    )
    return "retrying"


def delivery_give_up(*, delivery_id: int, error: str) -> None:
    log.warning("Reminder %s failed for good: %s", delivery_id, error)
    Delivery.objects.filter(pk=delivery_id).exclude(status=DeliveryStatus.SENT).update(
        status=DeliveryStatus.FAILED, claimed_until=None, last_error=error[:500]
    )


def deliveries_retry(*, delivery_ids, actor: User | None = None) -> int:
    """An administrator's "send again": failed rows start over and the sweep sends them."""
    count = Delivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        dispatched_at=None,
        claimed_until=None,
    )
    log.info("%s sent %s failed reminders again", actor, count)
    return count


def deliveries_to_dispatch(*, now=None, limit: int = 20000) -> list[int]:
    """The rows the sweep hands to the workers now, marked as dispatched.

    Expired leases (a killed worker, a lost connection) go back to pending, or to failed
    when they used every attempt; then every pending row that is due and was never handed
    to the broker, was handed over before its backoff ended, or so long ago that the
    message must be lost (Redis restarted empty, the enqueue failed).
    """
    now = now or timezone.now()
    lost = now - datetime.timedelta(seconds=settings.REMINDER_REDISPATCH_SECONDS)
    with transaction.atomic():
        expired = Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_until__lt=now)
        exhausted = expired.filter(attempts__gte=settings.REMINDER_MAX_ATTEMPTS)
        for pk in exhausted.values_list("pk", flat=True):
            delivery_give_up(delivery_id=pk, error="Ingen worker fullførte sendingen.")
        expired.update(status=DeliveryStatus.PENDING, claimed_until=None, dispatched_at=None)
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .filter(
                Q(dispatched_at__isnull=True)
                | Q(dispatched_at__lt=lost)
                | Q(dispatched_at__lt=F("next_attempt_at"))
            )
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        Delivery.objects.filter(pk__in=ids).update(dispatched_at=now)
    return ids


def kinds_for(user) -> list[str]:
    """The reminder kinds a user can receive, by role."""
    roles = roles_of(user)
    kinds = []
    if roles & {Role.VEILEDER, Role.LEDER}:
        kinds += [
            ReminderKind.FOLLOWUP_DUE,
            ReminderKind.FOLLOWUP_OVERDUE,
            ReminderKind.APPOINTMENT,
            ReminderKind.HUSKELAPP,
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
    """Record one event-driven message (not from a scan) in the caller's transaction.

    The outbox row is all a request writes: it never talks to the broker or the mail
    server, so their outage cannot turn a committed change into an error page. The sweep
    hands the row to a worker. The same unique key as the scan's rows makes a repeated
    call a no-op; returns the delivery id, or None when it was recorded before.
    """
    email = due.to_email or (
        User.objects.filter(pk=due.recipient_id).values_list("email", flat=True).first() or ""
    )
    wants = _email_wanted([due]).get((due.recipient_id, due.kind), True)
    row = _row(due, email=email, wants_email=wants, now=timezone.now())
    fields = dict(zip(_COLUMNS, row, strict=True))
    key = {name: fields.pop(name) for name in ("kind", "object_key", "period", "address")}
    # Never handed to the broker: the sweep's first pass dispatches it.
    fields["dispatched_at"] = None
    with transaction.atomic():
        delivery, created = Delivery.objects.get_or_create(**key, defaults=fields)
    return delivery.pk if created else None


def deliveries_cancel(*, kind: str, object_key: str) -> int:
    """Stop reminders not yet sent for an object that was cancelled or moved."""
    return Delivery.objects.filter(
        kind=kind, object_key=object_key, status=DeliveryStatus.PENDING
    ).update(status=DeliveryStatus.CANCELLED)
