"""No request sends mail or talks to the broker: side effects are outbox rows.

Two checks. The code: only the outbox's worker modules may call the mail API or the broker
(a new ``send_mail`` in a service is caught here, whichever view reaches it). The behaviour:
creating requests whose services record messages answer normally with the broker and the
mail server both pointing at a closed port, and the row is there for the workers.
"""

import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from careerguidance.models import Appointment
from phases.models import Laerekontrakt, Phase
from reminders.models import Delivery, ReminderKind
from tests.celery_worker import broker
from tests.factories import CompanyFactory, LaerefagFactory, ParticipantFactory

ROOT = Path(__file__).resolve().parents[2]
# The outbox's workers; everything else records rows (reminders.services.notify_once).
# documents/tasks.py hands a document to a worker after the asking request's commit, and a
# broker that is away only leaves it to the sweep (tests/documents/test_documents_worker.py).
ALLOWED = {"reminders/services.py", "reminders/tasks.py", "documents/tasks.py"}
MAIL = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers"}
MAIL_CLASSES = {"EmailMessage", "EmailMultiAlternatives"}
BROKER = {"delay", "apply_async", "send_task"}
DEAD_PORT = 8749  # nothing listens here (the helper's range; see the fault suite)


def _app_modules():
    for app_name in settings.INSTALLED_APPS:
        if "." in app_name:
            continue  # Django's and third-party apps
        for path in (ROOT / app_name).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _side_effect_calls(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in MAIL | MAIL_CLASSES | BROKER:
            yield f"{path.relative_to(ROOT)}:{node.lineno} {name}"


def test_only_the_outbox_workers_send_mail_or_talk_to_the_broker():
    found = [
        call
        for path in _app_modules()
        if str(path.relative_to(ROOT)) not in ALLOWED
        for call in _side_effect_calls(path)
    ]
    assert found == []


@pytest.fixture
def services_down(settings):
    """The broker and the mail server both at a port nothing listens on."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": DEAD_PORT, "timeout": 2},
        }
    }
    with broker(f"redis://127.0.0.1:{DEAD_PORT}/0"):
        yield


def _form_fields(client, url) -> dict:
    """The hidden fields the form page hands out (a one-time token, if the form has one)."""
    import re

    html = client.get(url).content.decode()
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


# Transactions commit, so on_commit callbacks run as they would in production.
@pytest.mark.django_db(transaction=True)
def test_booking_with_mail_and_broker_down_answers_and_records_the_confirmation(
    client, veileder, services_down
):
    participant = ParticipantFactory(veileder=veileder, email="deltaker@example.no")
    client.force_login(veileder)
    url = reverse("careerguidance:book", args=[participant.uuid])
    starts = timezone.localtime() + datetime.timedelta(days=7)
    data = _form_fields(client, url) | {
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "mode": "telefon",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert Appointment.objects.filter(participant=participant).count() == 1
    assert Delivery.objects.filter(
        kind=ReminderKind.APPOINTMENT_BOOKED, to_email="deltaker@example.no"
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_a_laerekontrakt_with_mail_and_broker_down_answers_and_records_the_notice(
    client, veileder, markedsradgiver, services_down
):
    participant = ParticipantFactory(veileder=veileder, phase=Phase.MATCHING)
    company = CompanyFactory(markedsradgiver=markedsradgiver)
    client.force_login(veileder)
    url = reverse("phases:laerekontrakt_create", args=[participant.uuid])
    data = _form_fields(client, url) | {
        "company": company.pk,
        "laerefag": LaerefagFactory().pk,
        "opplaeringskontor": "OK Trøndelag",
        "signed_on": timezone.localdate().isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert Laerekontrakt.objects.filter(participant=participant).count() == 1
    assert Delivery.objects.filter(
        kind=ReminderKind.LAREKONTRAKT, recipient=markedsradgiver
    ).exists()
