"""A move stores when the stay it ends began: the overview's days per phase read it."""

import datetime

import pytest
from django.utils import timezone

from overview.durations import days_in_phase
from overview.filters import Period
from participants.models import Participant, Phase
from phases.services import phase_transition
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_a_move_records_when_the_previous_stay_began(veileder):
    began = timezone.now() - datetime.timedelta(days=12)
    p = ParticipantFactory(veileder=veileder, phase=Phase.KARTLEGGE, phase_entered_at=began)
    move = phase_transition(participant=p, to_phase=Phase.MATCHING, actor=veileder)
    assert move.from_phase_since == began
    today = timezone.localdate()
    spread = days_in_phase(Participant.objects.filter(pk=p.pk), Period(today, today))[
        Phase.KARTLEGGE
    ]
    assert spread.n == 1 and round(spread.median) == 12
