"""The demo gives a newcomer something on every page (issue 22): meeting places, JobbLoops in
several rotations, appointments, pending matches, shared notes, agreements and meetings."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from careerguidance.models import Appointment, AppointmentStatus, GuidanceNote
from consent.models import Consent, ConsentPurpose
from demo.data import seed_demo
from events.models import Event, Invitation, Outcome
from jobbloop.models import Loop, LoopCandidate
from jobbloop.schedule import position_on
from matching.models import Match, MatchStatus
from participants.access import CHANGE, visible_q
from participants.models import Participant
from phases.models import ActivityCard, FollowUpAgreement, Laerekontrakt, Meeting, WaitingFor
from workday.statuses import laerekontrakt_ending_q, praksis_ending_q

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 2)


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    seed_demo(participants=300, seed=5, today=TODAY)
    return User.objects.get(nav_ident="Z990001")


def test_demo_fills_every_page_with_something(seeded, client):
    vera = seeded
    events = Event.objects.all()
    assert events.filter(date__lt=TODAY).count() == 2 and events.filter(date__gt=TODAY).count() == 2
    assert Invitation.objects.exclude(outcome=Outcome.IKKE_AVKLART).exists()

    loops = list(Loop.objects.order_by("start_date"))
    assert len(loops) == 3
    rotations = {
        position_on(loop.start_date, c.start_position, TODAY)
        for loop in loops
        for c in LoopCandidate.objects.filter(loop=loop)
    }
    assert len(rotations) == 3  # candidates at their first, second and third company

    assert Match.objects.filter(status=MatchStatus.TIL_VURDERING).exists()
    assert Match.objects.filter(status=MatchStatus.FORESLATT).exists()
    assert Appointment.objects.filter(status=AppointmentStatus.BOOKED).exists()
    shared = Consent.objects.filter(purpose=ConsentPurpose.SHARE_GUIDANCE_NOTE).values_list(
        "participant", flat=True
    )
    assert GuidanceNote.objects.filter(appointment__participant__in=shared).exists()
    assert FollowUpAgreement.objects.exclude(activated_at=None).exists()
    assert FollowUpAgreement.objects.filter(activated_at=None).exists()
    assert Meeting.objects.exists()

    # Only Vera's own participants she may change, never a protected one beyond her clearance.
    touched = Participant.objects.filter(matches__isnull=False).distinct()
    assert not touched.exclude(visible_q(vera, CHANGE)).exists()

    client.force_login(User.objects.get(nav_ident="Z990020"))
    queue = client.get(reverse("matching:queue")).content.decode()
    waiting = Match.objects.filter(status=MatchStatus.TIL_VURDERING).select_related("company")
    assert any(m.company.name in queue for m in waiting)


def test_demo_activity_is_removed_and_made_again_on_reset(seeded):
    first = sorted(Loop.objects.values_list("name", "start_date"))
    seed_demo(participants=300, seed=5, today=TODAY, reset=True)
    assert sorted(Loop.objects.values_list("name", "start_date")) == first
    assert Event.objects.count() == 4


def test_demo_shows_waiting_dialogues_unread_messages_and_endings(seeded, client):
    vera = seeded
    waiting = ActivityCard.objects.filter(participant__veileder=vera)
    assert waiting.filter(waiting_for=WaitingFor.NAV).exists()
    assert waiting.filter(waiting_for=WaitingFor.DELTAKER).exists()
    assert waiting.filter(waiting_for=WaitingFor.NONE, messages__isnull=False).exists()
    horizon = TODAY + datetime.timedelta(days=14)
    mine = Participant.objects.filter(veileder=vera)
    assert mine.filter(praksis_ending_q(TODAY, horizon)).exists()
    assert mine.filter(laerekontrakt_ending_q(TODAY, horizon)).exists()
    assert Laerekontrakt.objects.filter(ends_on__gt=horizon).exists()
    client.force_login(vera)
    blocks = client.get(reverse("workday:today")).context["blocks"]
    dialog = next(b for b in blocks if b.key == "dialog")
    assert dialog.lines and any("fra deltakeren" in ln.text for ln in dialog.lines)
