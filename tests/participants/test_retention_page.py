"""The leder's list of ended cases and when each is anonymised."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from participants.models import Adressebeskyttelse, Phase
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db
URL = reverse("participants:retention")


def ended(years_ago: float, **fields):
    return ParticipantFactory(
        phase=Phase.AVSLUTTET,
        phase_entered_at=timezone.now() - datetime.timedelta(days=365 * years_ago),
        **fields,
    )


def test_leder_sees_which_ended_cases_are_due_and_when(client, settings, leder, veileder):
    settings.RETENTION_YEARS = 5
    due = ended(6, veileder=veileder, last_name="Forfaltsen")
    later = ended(1, veileder=veileder, last_name="Senereby")
    ParticipantFactory(veileder=veileder, last_name="Aktivsen")
    ended(6, veileder=veileder, last_name="Anonymsen", anonymised_at=timezone.now())
    ended(
        6, veileder=veileder, last_name="Beskyttet", adressebeskyttelse=Adressebeskyttelse.FORTROLIG
    )
    ended(6, last_name="Annetkontor")
    client.force_login(leder)
    html = client.get(URL).content.decode()
    assert html.index("Forfaltsen") < html.index("Senereby")
    assert "Forfalt" in html
    when = timezone.localtime(later.phase_entered_at + datetime.timedelta(days=365 * 5))
    assert f"{when:%d.%m.%Y}" in html
    for absent in ("Aktivsen", "Anonymsen", "Beskyttet", "Annetkontor"):
        assert absent not in html
    listed = AuditEvent.objects.filter(action=AuditAction.LIST, actor=leder).latest("id")
    assert set(listed.participant_ids) == {due.pk, later.pk}


def test_the_office_list_links_to_it_for_a_leder(client, leder):
    client.force_login(leder)
    assert URL in client.get(reverse("participants:office")).content.decode()


def test_query_count_is_the_same_for_10_and_50_rows(
    client, leder, veileder, django_assert_num_queries
):
    for n in range(60):
        ended(1 + n / 100, veileder=veileder)
    client.force_login(leder)
    client.get(URL)  # warm the session
    # session, user, roles, grants, permissions x2, count, rows, unread notifications, audit row
    for size in (10, 50):
        with django_assert_num_queries(6):
            response = client.get(URL, {"per_side": size})
        assert response.content.decode().count("/deltakere/") >= size
