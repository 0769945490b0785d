import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.exceptions import DomainError
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


UTC = datetime.UTC


def _praksis_since(veileder, entered_at):
    return ParticipantFactory(veileder=veileder, phase=Phase.PRAKSIS, phase_entered_at=entered_at)


def _meeting(p, actor, held_on, kind="oppfolgingsmote", next_agreed_on=None):
    meeting_record(
        participant=p,
        actor=actor,
        kind=kind,
        held_on=held_on,
        place="arbeidsplassen",
        next_agreed_on=next_agreed_on,
    )
    p.refresh_from_db()
    return p.next_followup_due


@pytest.mark.django_db
@pytest.mark.parametrize(
    "entered_at,expected",
    [
        # 23:30 UTC on the night DST starts is already 29 March in Oslo: the phase began then.
        (datetime.datetime(2026, 3, 28, 23, 30, tzinfo=UTC), D(2026, 4, 26)),
        # 22:30 UTC on the night DST ends is 00:30 CEST on 25 October in Oslo.
        (datetime.datetime(2026, 10, 24, 22, 30, tzinfo=UTC), D(2026, 11, 22)),
        # 23:15 UTC on 31 January is 1 February in Oslo.
        (datetime.datetime(2026, 1, 31, 23, 15, tzinfo=UTC), D(2026, 3, 1)),
    ],
)
def test_stored_due_date_counts_from_the_oslo_day_the_phase_began(veileder, entered_at, expected):
    p = _praksis_since(veileder, entered_at)
    # A samtale neither restarts the four weeks nor agrees a date: only the phase start counts.
    assert _meeting(p, veileder, D(2026, 1, 1), kind="samtale") == expected


@pytest.mark.django_db
def test_the_newest_agreement_wins_over_an_older_later_one(veileder):
    p = _praksis_since(veileder, datetime.datetime(2026, 1, 5, 9, tzinfo=UTC))
    assert _meeting(p, veileder, D(2026, 1, 10), next_agreed_on=D(2026, 2, 5)) == D(2026, 2, 5)
    assert _meeting(p, veileder, D(2026, 1, 20), next_agreed_on=D(2026, 1, 27)) == D(2026, 1, 27)


@pytest.mark.django_db
def test_a_phone_samtale_may_agree_a_sooner_date_without_restarting_the_clock(veileder):
    p = _praksis_since(veileder, datetime.datetime(2026, 1, 5, 9, tzinfo=UTC))
    assert _meeting(p, veileder, D(2026, 1, 30)) == D(2026, 2, 27)
    assert _meeting(p, veileder, D(2026, 2, 2), kind="samtale", next_agreed_on=D(2026, 2, 12)) == (
        D(2026, 2, 12)
    )
    # A far agreement on the phone cannot stretch the four weeks from the last meeting: it is
    # refused with the latest date allowed, not quietly moved.
    with pytest.raises(DomainError, match=r"senere enn 27\.02\.2026"):
        _meeting(p, veileder, D(2026, 2, 3), kind="samtale", next_agreed_on=D(2026, 4, 1))
    p.refresh_from_db()
    assert p.next_followup_due == D(2026, 2, 12)


@pytest.mark.django_db
def test_a_next_meeting_beyond_four_weeks_is_refused_in_the_form(client, veileder):
    from django.urls import reverse

    from phases.models import Meeting

    p = _praksis_since(veileder, timezone.now() - datetime.timedelta(days=3))
    today = timezone.localdate()
    client.force_login(veileder)
    response = client.post(
        reverse("phases:meeting_create", args=[p.uuid]),
        {
            "kind": "oppfolgingsmote",
            "held_on": today.isoformat(),
            "place": "nav",
            "next_agreed_on": (today + datetime.timedelta(days=40)).isoformat(),
        },
    )
    assert response.status_code == 200
    latest = today + datetime.timedelta(days=28)
    assert f"senere enn {latest:%d.%m.%Y}" in response.content.decode()
    assert not Meeting.objects.filter(participant=p).exists()


@pytest.mark.django_db
def test_meetings_before_the_phase_began_do_not_count(veileder):
    p = _praksis_since(veileder, datetime.datetime(2026, 3, 1, 9, tzinfo=UTC))
    assert _meeting(p, veileder, D(2026, 2, 20)) == D(2026, 3, 29)


@pytest.mark.django_db
def test_leaving_the_followed_up_phases_clears_the_due_date(veileder):
    from phases.services import employment_register, phase_transition

    p = _praksis_since(veileder, timezone.now() - datetime.timedelta(days=3))
    _meeting(p, veileder, timezone.localdate())
    assert p.next_followup_due is not None
    employment_register(participant=p, actor=veileder, found_herself=True, note="Butikkjobb")
    phase_transition(participant=p, to_phase=Phase.JOBB, actor=veileder)
    p.refresh_from_db()
    assert p.next_followup_due is None


@pytest.mark.django_db
def test_entering_praksis_sets_the_due_date_in_the_same_transaction(veileder):
    from matching.models import MatchStatus
    from phases.services import phase_transition
    from tests.factories import MatchFactory

    p = ParticipantFactory(veileder=veileder, phase=Phase.MATCHING)
    MatchFactory(participant=p, status=MatchStatus.STARTET, start_date=timezone.localdate())
    phase_transition(participant=p, to_phase=Phase.PRAKSIS, actor=veileder)
    p.refresh_from_db()
    assert p.next_followup_due == timezone.localdate(p.phase_entered_at) + datetime.timedelta(28)


@pytest.mark.parametrize(
    "due,today,overdue",
    [
        (None, D(2026, 3, 29), False),
        (D(2026, 3, 29), D(2026, 3, 29), False),  # due today is not late yet
        (D(2026, 3, 28), D(2026, 3, 29), True),
        (D(2026, 2, 28), D(2026, 3, 1), True),  # across the end of February
    ],
)
def test_overdue_means_the_due_day_has_passed(due, today, overdue):
    from participants.followup import is_overdue

    assert is_overdue(due, today=today) is overdue


@pytest.mark.django_db
def test_overdue_flag_follows_the_oslo_day_not_utc(veileder, monkeypatch):
    from phases.selectors import phase_section

    # 23:30 UTC on 28 March 2026 is 00:30 on 29 March in Oslo (the night DST starts).
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 3, 28, 23, 30, tzinfo=UTC))
    entered = datetime.datetime(2026, 2, 1, 9, tzinfo=UTC)
    late = ParticipantFactory(
        veileder=veileder,
        phase=Phase.PRAKSIS,
        phase_entered_at=entered,
        next_followup_due=D(2026, 3, 28),
    )
    on_time = ParticipantFactory(
        veileder=veileder,
        phase=Phase.PRAKSIS,
        phase_entered_at=entered,
        next_followup_due=D(2026, 3, 29),
    )
    assert phase_section(late)["overdue"] is True
    assert phase_section(on_time)["overdue"] is False
    assert phase_section(on_time)["days_in_phase"] == 56

    from participants.selectors import CaseloadFilter, caseload

    assert list(caseload(veileder, filters=CaseloadFilter(overdue=True))) == [late]
