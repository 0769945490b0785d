"""The outbox's recovery: stable identity, isolated producers, database retries, backoff,
and failed rows an administrator can send again."""

import datetime
import logging
import zoneinfo

import psycopg
import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from jobbloop.models import Loop, LoopStatus
from reminders.models import Delivery, DeliveryStatus
from reminders.services import (
    deliveries_to_dispatch,
    delivery_send,
    reminders_scan,
)
from reminders.tasks import deliver_batch
from tests.factories import ParticipantFactory, UserFactory
from tests.reminders import flaky_backend

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NOW = datetime.datetime(2026, 11, 30, 8, tzinfo=OSLO)


def _due(veileder, n=1):
    for day in range(n):
        ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 3 + day))
    return sorted(reminders_scan(now=NOW).delivery_ids)


@pytest.mark.django_db
def test_a_resent_message_keeps_its_message_id_derived_from_the_key_alone(veileder, settings):
    [delivery_id] = _due(veileder)
    delivery_send(delivery_id=delivery_id)
    # As if the worker died after the mail server took it, before the row was marked sent.
    Delivery.objects.filter(pk=delivery_id).update(status=DeliveryStatus.PENDING)
    delivery_send(delivery_id=delivery_id)
    first, second = (m.extra_headers["Message-ID"] for m in mail.outbox)
    assert first == second
    assert first.endswith(f"@{settings.EMAIL_MESSAGE_ID_DOMAIN}>")
    # Another reminder, another id.
    [other] = _due(veileder)
    delivery_send(delivery_id=other)
    assert mail.outbox[2].extra_headers["Message-ID"] != first


@pytest.mark.django_db
def test_a_jobbloop_starting_in_9999_costs_nobody_their_reminders(veileder):
    Loop.objects.create(
        name="Tidsreise",
        start_date=datetime.date(9999, 12, 31),
        nav_kontor=veileder.nav_kontor,
        coordinator=veileder,
        status=LoopStatus.ACTIVE,
    )
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 3))
    assert reminders_scan(now=NOW).created == 1  # the follow-up, whatever the loop does


@pytest.mark.django_db
def test_a_row_that_raises_is_logged_with_its_key_and_the_rest_still_run(
    veileder, caplog, monkeypatch
):
    from jobbloop import reminders as loop_reminders

    loops = [
        Loop.objects.create(
            name=name,
            start_date=datetime.date(2026, 1, 5),
            nav_kontor=veileder.nav_kontor,
            coordinator=veileder,
            status=LoopStatus.ACTIVE,
        )
        for name in ("Feil", "Frisk")
    ]
    schedule = loop_reminders.loop_schedule
    # A fault in one row's data that no validation caught: its schedule cannot be computed.
    calls = iter([True, False])

    def one_bad_row(start):
        if next(calls, False):
            raise ValueError("year 10000 is out of range")
        return schedule(start)

    monkeypatch.setattr(loop_reminders, "loop_schedule", one_bad_row)
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 3))
    with caplog.at_level(logging.ERROR):
        result = reminders_scan(now=NOW)
    assert result.created >= 1  # the follow-up, and the good loop's when due
    assert any(f"loop:{loop.pk}" in caplog.text for loop in loops)
    assert "year 10000" in caplog.text


@pytest.mark.django_db
def test_a_producer_that_raises_is_skipped_and_the_others_still_record(
    veileder, caplog, monkeypatch
):
    from reminders import services

    def broken(now):
        raise RuntimeError("a bug in one app")

    registered = services.producers()
    # A broken app's producer registered first, before the ones that work.
    monkeypatch.setattr(services, "producers", lambda: [broken, *registered])
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 3))
    with caplog.at_level(logging.ERROR):
        result = reminders_scan(now=NOW)
    assert result.created == 1
    assert "broken" in caplog.text and "a bug in one app" in caplog.text


@pytest.mark.django_db
def test_mail_failures_back_off_then_fail_for_good_and_the_admin_sends_again(
    veileder, settings, admin_client
):
    settings.MAILERS = {"default": {"BACKEND": "tests.reminders.flaky_backend.FlakyBackend"}}
    settings.REMINDER_MAX_ATTEMPTS = 3
    flaky_backend.failures_left["n"] = 3
    [delivery_id] = _due(veileder)
    waits = []
    for _ in range(3):
        Delivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now())
        before = timezone.now()
        outcome = delivery_send(delivery_id=delivery_id)
        row = Delivery.objects.get(pk=delivery_id)
        waits.append((row.next_attempt_at - before).total_seconds())
    assert outcome == "failed"
    assert row.status == DeliveryStatus.FAILED and row.attempts == 3
    assert 25 < waits[0] < 35 and 55 < waits[1] < 65  # 30 s, then 60 s
    assert deliveries_to_dispatch() == []  # failed rows wait for a person

    response = admin_client.post(
        reverse("admin:reminders_delivery_changelist"),
        {"action": "send_again", "_selected_action": [delivery_id]},
        follow=True,
    )
    assert response.status_code == 200
    assert "sendes på nytt" in response.content.decode()
    row = Delivery.objects.get(pk=delivery_id)
    assert (row.status, row.attempts) == (DeliveryStatus.PENDING, 0)
    assert deliveries_to_dispatch() == [delivery_id]
    assert delivery_send(delivery_id=delivery_id) == "sent"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_rows_are_listed_for_the_administrator(veileder, admin_client):
    [delivery_id] = _due(veileder)
    Delivery.objects.filter(pk=delivery_id).update(
        status=DeliveryStatus.FAILED, last_error="Mail server went away"
    )
    response = admin_client.get(
        reverse("admin:reminders_delivery_changelist"), {"status__exact": "failed"}
    )
    assert "Mail server went away" in response.content.decode()
    assert "Send igjen" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_terminated_database_connection_retries_the_batch_instead_of_dropping_it():
    veileder = UserFactory(roles=["veileder"])
    ids = _due(veileder, 3)
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    s = connection.settings_dict
    with psycopg.connect(
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        user=s["USER"],
        password=s["PASSWORD"] or None,
        dbname=s["NAME"],
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])

    deliver_batch.apply(args=[ids])

    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 3
    assert len(mail.outbox) == 3
