import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from reminders.models import Delivery, DeliveryStatus, ReminderKind, ReminderPreference
from reminders.services import (
    deliveries_to_dispatch,
    delivery_send,
    reminders_scan,
)
from reminders.tasks import deliver_batch
from tests.factories import ParticipantFactory
from tests.reminders import flaky_backend

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def at(y, m, d, h=8):
    return datetime.datetime(y, m, d, h, tzinfo=OSLO)


def test_due_follow_up_gives_exactly_one_email_and_one_in_app_notification(veileder):
    participant = ParticipantFactory(
        veileder=veileder, next_followup_due=datetime.date(2026, 12, 3)
    )
    result = reminders_scan(now=at(2026, 11, 30))
    assert result.created == 1
    assert delivery_send(delivery_id=result.delivery_ids[0]) == "sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [veileder.email]
    assert "3. desember 2026" in mail.outbox[0].body
    assert participant.first_name not in mail.outbox[0].body  # no names in e-mail
    notification = Notification.objects.get(recipient=veileder)
    assert notification.url == reverse("participants:detail", args=[participant.uuid])


def test_scanning_twice_or_sending_twice_still_gives_one(veileder):
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 3))
    first = reminders_scan(now=at(2026, 11, 30))
    second = reminders_scan(now=at(2026, 11, 30, 9))
    assert second.created == 0
    delivery_send(delivery_id=first.delivery_ids[0])
    assert delivery_send(delivery_id=first.delivery_ids[0]) == "skipped"
    assert Delivery.objects.count() == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_not_due_yet_and_far_future_give_nothing(veileder):
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 15))
    ParticipantFactory(veileder=veileder, next_followup_due=None)
    assert reminders_scan(now=at(2026, 11, 30)).created == 0


def test_overdue_is_a_second_reminder_for_the_same_due_date(veileder):
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 3))
    reminders_scan(now=at(2026, 11, 30))
    later = reminders_scan(now=at(2026, 12, 4))
    assert later.created == 1
    assert set(Delivery.objects.values_list("kind", flat=True)) == {
        ReminderKind.FOLLOWUP_DUE,
        ReminderKind.FOLLOWUP_OVERDUE,
    }
    assert reminders_scan(now=at(2026, 12, 5)).created == 0


def test_a_moved_due_date_reminds_for_the_new_date_only(veileder):
    participant = ParticipantFactory(
        veileder=veileder, next_followup_due=datetime.date(2026, 12, 3)
    )
    first = reminders_scan(now=at(2026, 11, 30))
    delivery_send(delivery_id=first.delivery_ids[0])
    participant.next_followup_due = datetime.date(2026, 12, 20)
    participant.save()
    assert reminders_scan(now=at(2026, 12, 1)).created == 0
    assert reminders_scan(now=at(2026, 12, 14)).created == 1
    assert set(Delivery.objects.values_list("period", flat=True)) == {"2026-12-03", "2026-12-20"}


@pytest.mark.parametrize(
    "utc_now,kind",
    [
        # 29 March 2026 is the spring DST change in Oslo (UTC+1 -> UTC+2 at 02:00 local).
        (datetime.datetime(2026, 3, 29, 21, 30, tzinfo=datetime.UTC), ReminderKind.FOLLOWUP_DUE),
        (
            datetime.datetime(2026, 3, 29, 22, 30, tzinfo=datetime.UTC),
            ReminderKind.FOLLOWUP_OVERDUE,
        ),
        (datetime.datetime(2026, 3, 28, 22, 59, tzinfo=datetime.UTC), ReminderKind.FOLLOWUP_DUE),
    ],
)
def test_the_oslo_day_decides_overdue_across_dst(veileder, utc_now, kind):
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 3, 29))
    reminders_scan(now=utc_now)
    assert Delivery.objects.get().kind == kind


def test_autumn_dst_night_is_still_the_same_oslo_day(veileder):
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 10, 25))
    # 22:59 UTC on 25 October is 23:59 in Oslo (UTC+1 after the change): still due, not overdue.
    reminders_scan(now=datetime.datetime(2026, 10, 25, 22, 59, tzinfo=datetime.UTC))
    assert Delivery.objects.get().kind == ReminderKind.FOLLOWUP_DUE
    reminders_scan(now=datetime.datetime(2026, 10, 25, 23, 1, tzinfo=datetime.UTC))
    assert Delivery.objects.filter(kind=ReminderKind.FOLLOWUP_OVERDUE).count() == 1


def test_in_app_only_preference_sends_no_email(veileder):
    ReminderPreference.objects.create(user=veileder, kind=ReminderKind.FOLLOWUP_DUE, email=False)
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 3))
    result = reminders_scan(now=at(2026, 11, 30))
    delivery_send(delivery_id=result.delivery_ids[0])
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=veileder).count() == 1


def test_smtp_failure_puts_it_back_for_a_retry_and_the_retry_sends_once(veileder, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.reminders.flaky_backend.FlakyBackend"}}
    flaky_backend.failures_left["n"] = 1
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 3))
    delivery_id = reminders_scan(now=at(2026, 11, 30)).delivery_ids[0]
    assert delivery_send(delivery_id=delivery_id) == "retrying"
    delivery = Delivery.objects.get(pk=delivery_id)
    assert delivery.status == DeliveryStatus.PENDING
    assert "went away" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()  # backoff
    assert delivery_send(delivery_id=delivery_id) == "skipped"  # not before its time
    Delivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now())
    assert delivery_send(delivery_id=delivery_id) == "sent"
    assert len(mail.outbox) == 1
    assert Delivery.objects.get(pk=delivery_id).attempts == 2
    assert Notification.objects.count() == 1


def test_a_batch_sends_the_rest_when_one_fails_and_hands_that_one_to_the_retry(veileder, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.reminders.flaky_backend.FlakyBackend"}}
    flaky_backend.failures_left["n"] = 1
    for day in (3, 4, 5):
        ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, day))
    ids = sorted(reminders_scan(now=at(2026, 11, 30)).delivery_ids)

    counts = deliver_batch.apply(args=[[*ids, ids[1]]]).get()

    assert counts == {"sent": 2, "skipped": 1, "retrying": 1, "failed": 0}
    failed = Delivery.objects.get(pk=ids[0])
    assert (failed.status, failed.attempts) == (DeliveryStatus.PENDING, 1)
    assert "went away" in failed.last_error
    assert set(
        Delivery.objects.filter(status=DeliveryStatus.SENT).values_list("pk", flat=True)
    ) == set(ids[1:])
    assert len(mail.outbox) == 2


def test_sweeper_requeues_rows_a_dead_worker_left_sending(veileder, settings):
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 12, 3))
    delivery_id = reminders_scan(now=at(2026, 11, 30)).delivery_ids[0]
    Delivery.objects.filter(pk=delivery_id).update(
        status=DeliveryStatus.SENDING,
        claimed_until=timezone.now() + datetime.timedelta(minutes=1),
        dispatched_at=timezone.now(),
    )
    assert deliveries_to_dispatch() == []  # the lease still holds: someone is sending it
    assert delivery_send(delivery_id=delivery_id) == "skipped"
    Delivery.objects.filter(pk=delivery_id).update(
        claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert deliveries_to_dispatch() == [delivery_id]
    assert deliveries_to_dispatch() == []  # handed over once, not every minute
    assert delivery_send(delivery_id=delivery_id) == "sent"
    assert deliveries_to_dispatch() == []


def test_preferences_page_saves_choices(client, veileder):
    client.force_login(veileder)
    url = reverse("reminders:preferences")
    assert client.get(url).status_code == 200
    response = client.post(url, {ReminderKind.FOLLOWUP_OVERDUE: "on"})
    assert response.status_code == 302
    prefs = dict(ReminderPreference.objects.filter(user=veileder).values_list("kind", "email"))
    assert prefs[ReminderKind.FOLLOWUP_DUE] is False
    assert prefs[ReminderKind.FOLLOWUP_OVERDUE] is True
