"""History is for what a person changed: derived columns write no copy of her."""

import datetime

import pytest
from django.utils import timezone

from participants.models import DERIVED_FIELDS, Participant, Phase
from participants.services import participant_update_contact
from phases.services import meeting_record, phase_transition

pytestmark = pytest.mark.django_db


def test_derived_columns_are_not_tracked():
    tracked = {f.name for f in Participant.history.model._meta.fields}
    assert not set(DERIVED_FIELDS) & tracked
    assert {"first_name", "phone", "veileder"} <= tracked


def test_recording_a_meeting_or_moving_phase_writes_no_history_row(veileder, participant):
    before = participant.history.count()
    meeting_record(
        participant=participant,
        actor=veileder,
        kind="oppfolgingsmote",
        held_on=timezone.localdate(),
        place="nav",
        next_agreed_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    assert participant.meetings.count() == 1
    phase_transition(participant=participant, to_phase=Phase.MATCHING, actor=veileder, reason="")
    assert Participant.objects.get(pk=participant.pk).phase == Phase.MATCHING
    assert participant.history.count() == before


def test_a_change_a_person_made_is_still_recorded(veileder, participant):
    before = participant.history.count()
    participant_update_contact(actor=veileder, participant=participant, phone="40404040")
    assert participant.history.count() == before + 1
    assert participant.history.first().history_user == veileder
