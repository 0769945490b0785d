import datetime

import pytest
from django.urls import reverse

from core.exceptions import DomainError
from jobbloop.models import LoopCandidate
from jobbloop.schedule import add_months, candidate_periods, loop_schedule, position_on
from jobbloop.services import loop_candidate_add, loop_candidate_leave, loop_create
from participants.identity import make_identity
from tests.factories import CompanyFactory, ParticipantFactory

D = datetime.date


@pytest.mark.parametrize(
    "day,months,expected",
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 10, 31), 4, D(2027, 2, 28)),
        (D(2026, 5, 15), 8, D(2027, 1, 15)),
        (D(2026, 8, 31), 12, D(2027, 8, 31)),
    ],
)
def test_calendar_months_clamp_at_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_rotations_at_4_and_8_months_gatherings_two_weeks_before_end_at_12():
    s = loop_schedule(D(2026, 1, 31))
    assert s.rotations == (D(2026, 5, 31), D(2026, 9, 30))
    assert s.gatherings == (D(2026, 5, 17), D(2026, 9, 16))
    assert s.ends_on == D(2027, 1, 31)


def test_each_candidate_visits_all_three_companies_in_turn():
    start = D(2026, 3, 1)
    assert [p.position for p in candidate_periods(start, 2)] == [2, 3, 1]
    assert position_on(start, 2, D(2026, 3, 1)) == 2
    assert position_on(start, 2, D(2026, 7, 1)) == 3  # rotated on 1 July
    assert position_on(start, 2, D(2027, 2, 28)) == 1
    assert position_on(start, 2, D(2027, 3, 1)) is None  # the loop is over


def age_participant(veileder, age_at, start):
    born = D(start.year - age_at, 6, 1) if start.month > 6 else D(start.year - age_at - 1, 6, 1)
    number = next(
        n
        for i in range(500, 999)
        if (n := make_identity(born, i if born.year >= 2000 else i - 500))
    )
    return ParticipantFactory(veileder=veileder, fodselsnummer=number, birth_date=born)


@pytest.mark.django_db
def test_candidates_are_18_to_30_at_most_three_each_starting_at_their_own_company(veileder):
    start = D(2026, 9, 1)
    loop = loop_create(
        actor=veileder,
        name="Loop Trondheim",
        start_date=start,
        companies=[CompanyFactory() for _ in range(3)],
    )
    with pytest.raises(DomainError) as exc:
        loop_candidate_add(
            loop=loop,
            participant=age_participant(veileder, 17, start),
            start_position=1,
            actor=veileder,
        )
    assert "mellom 18 og 30" in exc.value.message
    with pytest.raises(DomainError):
        loop_candidate_add(
            loop=loop,
            participant=age_participant(veileder, 31, start),
            start_position=1,
            actor=veileder,
        )
    loop_candidate_add(
        loop=loop,
        participant=age_participant(veileder, 19, start),
        start_position=1,
        actor=veileder,
    )
    with pytest.raises(DomainError) as exc:
        loop_candidate_add(
            loop=loop,
            participant=age_participant(veileder, 20, start),
            start_position=1,
            actor=veileder,
        )
    assert "starter allerede hos denne bedriften" in exc.value.message
    loop_candidate_add(
        loop=loop,
        participant=age_participant(veileder, 21, start),
        start_position=2,
        actor=veileder,
    )
    loop_candidate_add(
        loop=loop,
        participant=age_participant(veileder, 29, start),
        start_position=3,
        actor=veileder,
    )
    with pytest.raises(DomainError) as exc:
        loop_candidate_add(
            loop=loop,
            participant=age_participant(veileder, 22, start),
            start_position=1,
            actor=veileder,
        )
    assert "tre kandidater" in exc.value.message


@pytest.mark.django_db
def test_three_distinct_companies_are_required(veileder):
    company = CompanyFactory()
    with pytest.raises(DomainError):
        loop_create(
            actor=veileder,
            name="Feil",
            start_date=D(2026, 9, 1),
            companies=[company, company, CompanyFactory()],
        )


@pytest.mark.django_db
def test_leaving_early_for_ordinary_work(client, veileder):
    start = D(2026, 9, 1)
    loop = loop_create(
        actor=veileder,
        name="Loop",
        start_date=start,
        companies=[CompanyFactory() for _ in range(3)],
    )
    candidate = loop_candidate_add(
        loop=loop,
        participant=age_participant(veileder, 24, start),
        start_position=1,
        actor=veileder,
    )
    loop_candidate_leave(
        candidate=candidate, actor=veileder, left_on=D(2026, 11, 15), reason="ordinaert_arbeid"
    )
    assert LoopCandidate.objects.get(pk=candidate.pk).left_reason == "ordinaert_arbeid"
    client.force_login(veileder)
    page = client.get(reverse("jobbloop:detail", args=[loop.uuid])).content.decode()
    assert "Gikk ut 15.11.2026" in page


@pytest.mark.django_db
def test_gathering_and_end_reminders_come_once_each(veileder):
    from reminders.models import ReminderKind
    from reminders.services import reminders_scan

    start = D(2026, 1, 31)
    loop_create(
        actor=veileder,
        name="Loop",
        start_date=start,
        companies=[CompanyFactory() for _ in range(3)],
    )
    oslo_noon = lambda d: datetime.datetime(d.year, d.month, d.day, 11, tzinfo=datetime.UTC)  # noqa: E731
    assert reminders_scan(now=oslo_noon(D(2026, 5, 16))).created == 0
    first = reminders_scan(now=oslo_noon(D(2026, 5, 17)))
    assert first.created == 1
    assert reminders_scan(now=oslo_noon(D(2026, 5, 20))).created == 0
    assert reminders_scan(now=oslo_noon(D(2026, 9, 16))).created == 1
    from reminders.models import Delivery

    reminders_scan(now=oslo_noon(D(2027, 1, 31)))
    assert Delivery.objects.filter(kind=ReminderKind.JOBBLOOP_END).count() == 1


@pytest.mark.django_db
def test_a_mentor_per_candidate_per_company(client, veileder):
    start = D(2026, 9, 1)
    companies = [CompanyFactory() for _ in range(3)]
    loop = loop_create(actor=veileder, name="Loop", start_date=start, companies=companies)
    candidate = loop_candidate_add(
        loop=loop,
        participant=age_participant(veileder, 22, start),
        start_position=1,
        actor=veileder,
    )
    client.force_login(veileder)
    url = reverse("jobbloop:detail", args=[loop.uuid])
    client.post(
        url,
        {
            "action": "mentor",
            "candidate": candidate.uuid,
            "company": companies[0].pk,
            "name": "Mona Mentor",
            "phone": "90000000",
        },
    )
    client.post(
        url,
        {
            "action": "mentor",
            "candidate": candidate.uuid,
            "company": companies[0].pk,
            "name": "Morten Mentor",
        },
    )
    assert [m.name for m in candidate.mentors.all()] == ["Morten Mentor"]
    assert "Morten Mentor" in client.get(url).content.decode()
