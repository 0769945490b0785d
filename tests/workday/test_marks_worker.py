"""The huskelapp's deadline reminder, sent by a real Celery worker through real Redis."""

import pytest
from django.utils import timezone

from notifications.models import Notification
from reminders.models import Delivery, DeliveryStatus, ReminderKind
from reminders.services import reminders_scan
from reminders.tasks import enqueue
from tests.celery_worker import Workers, wait_for
from tests.factories import ParticipantFactory, UserFactory
from workday.services import mark_save

pytestmark = [pytest.mark.postgres, pytest.mark.broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workers(tmp_path):
    w = Workers()
    yield w
    w.stop()


def test_the_worker_sends_the_deadline_reminder_once(workers, tmp_path):
    veileder = UserFactory(roles=["veileder"], email="veileder@nav.example")
    participant = ParticipantFactory(veileder=veileder, last_name="Fristesen")
    mark_save(
        participant=participant,
        actor=veileder,
        note="Sjekk lærekontrakten",
        deadline=timezone.localdate(),
        category="",
    )
    ids = reminders_scan().delivery_ids
    [delivery] = Delivery.objects.filter(pk__in=ids, kind=ReminderKind.HUSKELAPP)
    workers.start(EMAIL_URL=f"filemail://{tmp_path / 'mail'}")
    enqueue(ids, queue=workers.queue)
    enqueue(ids, queue=workers.queue)  # a second beat or the sweep
    assert wait_for(lambda: Delivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SENT)
    mail = "".join(p.read_text() for p in (tmp_path / "mail").iterdir())
    assert mail.count("Message-ID:") == 1
    assert "En huskelapp om en deltaker har frist" in mail
    # Neither the note nor the name leaves the app by e-mail.
    assert "Sjekk lærekontrakten" not in mail and "Fristesen" not in mail
    assert Notification.objects.filter(recipient=veileder, participant=participant).count() == 1
