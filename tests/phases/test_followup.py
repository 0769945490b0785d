import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Phase
from phases.rules import next_followup_due
from phases.services import meeting_record
from tests.factories import ParticipantFactory

D = datetime.date


@pytest.mark.parametrize(
    "entered,last,agreed,expected",
    [
        (D(2026, 1, 10), None, None, D(2026, 2, 7)),  # four weeks after the start
        (D(2026, 1, 10), D(2026, 1, 31), None, D(2026, 2, 28)),  # across the end of January
        (D(2028, 2, 1), D(2028, 2, 15), None, D(2028, 3, 14)),  # leap year February
        (D(2026, 3, 20), D(2026, 3, 27), None, D(2026, 4, 24)),  # across the spring DST change
        (D(2026, 10, 10), D(2026, 10, 20), None, D(2026, 11, 17)),  # across the autumn change
        (D(2026, 12, 15), D(2026, 12, 20), None, D(2027, 1, 17)),  # across the new year
        (D(2026, 1, 10), D(2026, 1, 20), D(2026, 1, 30), D(2026, 1, 30)),  # sooner agreed date wins
        (
            D(2026, 1, 10),
            D(2026, 1, 20),
            D(2026, 3, 30),
            D(2026, 2, 17),
        ),  # later agreed: 4 weeks rule
    ],
)
def test_next_follow_up_is_at_most_four_weeks_after_the_last(entered, last, agreed, expected):
    assert (
        next_followup_due(
            phase=Phase.PRAKSIS, phase_entered_on=entered, last_followup_on=last, agreed_on=agreed
        )
        == expected
    )


@pytest.mark.parametrize("phase", [Phase.KARTLEGGE, Phase.MATCHING, Phase.JOBB, Phase.AVSLUTTET])
def test_phases_without_a_rhythm_have_no_due_date(phase):
    assert (
        next_followup_due(
            phase=phase, phase_entered_on=D(2026, 1, 1), last_followup_on=None, agreed_on=None
        )
        is None
    )


@pytest.mark.django_db
def test_a_follow_up_meeting_moves_the_stored_due_date_and_clears_overdue(client, veileder):
    today = timezone.localdate()
    p = ParticipantFactory(
        veileder=veileder,
        phase=Phase.PRAKSIS,
        phase_entered_at=timezone.now() - datetime.timedelta(days=40),
        next_followup_due=today - datetime.timedelta(days=12),
    )
    client.force_login(veileder)
    page = client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    assert "Forfalt" in page
    meeting_record(
        participant=p,
        actor=veileder,
        kind="oppfolgingsmote",
        held_on=today,
        place="arbeidsplassen",
        attendees="Kandidat, leder",
    )
    p.refresh_from_db()
    assert p.next_followup_due == today + datetime.timedelta(days=28)
    assert (
        "Forfalt" not in client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    )
