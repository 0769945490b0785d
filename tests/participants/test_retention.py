import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from participants.models import Participant, Phase
from participants.tasks import anonymise_expired
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def ended(years_ago: float, **kwargs):
    return ParticipantFactory(
        phase=Phase.AVSLUTTET,
        phase_entered_at=timezone.now() - datetime.timedelta(days=365 * years_ago),
        **kwargs,
    )


def test_retention_anonymises_only_cases_ended_longer_ago_than_the_setting(
    settings, client, veileder
):
    settings.RETENTION_YEARS = 5
    old = ended(6, veileder=veileder, first_name="Gammel", phone="99999999")
    recent = ended(1, veileder=veileder, first_name="Nylig")
    active = ParticipantFactory(veileder=veileder, first_name="Aktiv")
    client.force_login(veileder)
    client.get(reverse("participants:detail", args=[old.uuid]))
    fnr_before = old.fodselsnummer

    assert anonymise_expired() == 1

    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert old.first_name == "Anonymisert" and old.phone == ""
    assert old.fodselsnummer != fnr_before and old.birth_date.month == 1 and old.birth_date.day == 1
    assert not old.history.exists()
    # The audit still points at the (now pseudonymous) row, and says nothing of her name.
    event = AuditEvent.objects.get(participant=old)
    assert "Gammel" not in event.what
    assert Participant.objects.get(pk=recent.pk).first_name == "Nylig"
    assert Participant.objects.get(pk=active.pk).first_name == "Aktiv"


def test_retention_is_safe_to_run_twice(settings):
    settings.RETENTION_YEARS = 5
    ended(7)
    assert anonymise_expired() == 1
    assert anonymise_expired() == 0


def test_retention_period_is_a_setting(settings):
    ended(3)
    settings.RETENTION_YEARS = 5
    assert anonymise_expired() == 0
    settings.RETENTION_YEARS = 2
    assert anonymise_expired() == 1
