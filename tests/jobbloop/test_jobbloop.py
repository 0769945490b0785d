import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.bounds import add_months
from core.exceptions import DomainError
from core.identity import make_identity
from jobbloop.models import LoopCandidate, LoopStatus
from jobbloop.schedule import candidate_periods, loop_schedule, position_on
from jobbloop.selectors import loops_visible_to
from jobbloop.services import (
    loop_candidate_add,
    loop_candidate_leave,
    loop_close,
    loop_create,
    mentor_set,
)
from participants.models import Participant
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
    return born_on(veileder, born)


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


@pytest.mark.parametrize(
    "start,rotations,gatherings,ends_on",
    [
        # Leap day start: later months clamp to their own last day, 29 Feb the year after.
        (
            D(2028, 2, 29),
            (D(2028, 6, 29), D(2028, 10, 29)),
            (D(2028, 6, 15), D(2028, 10, 15)),
            D(2029, 2, 28),
        ),
        # Rotation falls on a leap day; counted from the start, so it does not drift to the 29th.
        (
            D(2027, 10, 31),
            (D(2028, 2, 29), D(2028, 6, 30)),
            (D(2028, 2, 15), D(2028, 6, 16)),
            D(2028, 10, 31),
        ),
        (
            D(2026, 10, 31),
            (D(2027, 2, 28), D(2027, 6, 30)),
            (D(2027, 2, 14), D(2027, 6, 16)),
            D(2027, 10, 31),
        ),
        # Over New Year.
        (
            D(2026, 11, 30),
            (D(2027, 3, 30), D(2027, 7, 30)),
            (D(2027, 3, 16), D(2027, 7, 16)),
            D(2027, 11, 30),
        ),
    ],
)
def test_rotation_and_gathering_dates_at_month_ends_and_leap_years(
    start, rotations, gatherings, ends_on
):
    schedule = loop_schedule(start)
    assert (schedule.rotations, schedule.gatherings, schedule.ends_on) == (
        rotations,
        gatherings,
        ends_on,
    )


def test_the_three_candidates_are_always_at_three_different_companies():
    start = D(2026, 3, 1)
    for day in (start, D(2026, 6, 30), D(2026, 7, 1), D(2026, 11, 1), D(2027, 2, 28)):
        where = loop_schedule(start, on=day).where
        assert sorted(where.values()) == [1, 2, 3], day
    assert loop_schedule(start, on=D(2026, 7, 1)).where == {1: 2, 2: 3, 3: 1}
    assert set(loop_schedule(start, on=D(2026, 2, 28)).where.values()) == {None}


def test_next_rotation_and_gathering_on_a_day():
    start = D(2026, 1, 31)
    before = loop_schedule(start, on=D(2026, 5, 1))
    assert (before.next_gathering, before.next_rotation) == (D(2026, 5, 17), D(2026, 5, 31))
    # Between the gathering and the rotation the gathering is done; the rotation is next.
    between = loop_schedule(start, on=D(2026, 5, 20))
    assert (between.next_gathering, between.next_rotation) == (D(2026, 9, 16), D(2026, 5, 31))
    after = loop_schedule(start, on=D(2026, 10, 1))
    assert (after.next_gathering, after.next_rotation) == (None, None)


def born_on(veileder, born):
    """A participant born on ``born`` with a fødselsnummer no one else in the test has."""
    number = next(
        n
        for i in range(500, 999)
        if (n := make_identity(born, i if born.year >= 2000 else i - 500))
        and not Participant.objects.filter(fodselsnummer=n).exists()
    )
    return ParticipantFactory(veileder=veileder, fodselsnummer=number, birth_date=born)


def new_loop(actor, start=None, companies=None):
    return loop_create(
        actor=actor,
        name="Loop Trondheim",
        start_date=start or D(2026, 9, 1),
        companies=companies or [CompanyFactory() for _ in range(3)],
    )


@pytest.mark.django_db
def test_age_is_counted_on_the_start_day(veileder):
    start = D(2026, 9, 1)
    loop = new_loop(veileder, start)
    turns_18_that_day = born_on(veileder, D(2008, 9, 1))
    turns_31_next_day = born_on(veileder, D(1995, 9, 2))
    turned_31_day_before = born_on(veileder, D(1995, 8, 31))
    turns_18_next_day = born_on(veileder, D(2008, 9, 2))
    loop_candidate_add(loop=loop, participant=turns_18_that_day, start_position=1, actor=veileder)
    loop_candidate_add(loop=loop, participant=turns_31_next_day, start_position=2, actor=veileder)
    for too_old_or_young in (turned_31_day_before, turns_18_next_day):
        with pytest.raises(DomainError) as exc:
            loop_candidate_add(
                loop=loop, participant=too_old_or_young, start_position=3, actor=veileder
            )
        assert "mellom 18 og 30 år" in exc.value.message
        assert "ved oppstart 01.09.2026" in exc.value.message


@pytest.mark.django_db
def test_only_her_veileder_or_leder_adds_her(veileder, colleague, leder):
    loop = new_loop(veileder)
    with pytest.raises(DomainError):
        loop_candidate_add(
            loop=loop,
            participant=age_participant(veileder, 22, loop.start_date),
            start_position=1,
            actor=colleague,
        )
    added = loop_candidate_add(
        loop=loop,
        participant=age_participant(veileder, 22, loop.start_date),
        start_position=1,
        actor=leder,
    )
    assert added.added_by == leder


@pytest.mark.django_db
def test_leaving_twice_is_a_no_op_and_leaving_ends_her_certificate_claim(veileder, colleague):
    loop = new_loop(veileder)
    candidate = loop_candidate_add(
        loop=loop,
        participant=age_participant(veileder, 24, loop.start_date),
        start_position=2,
        actor=veileder,
    )
    assert candidate.certificate_due_at == D(2027, 9, 1)
    with pytest.raises(DomainError):
        loop_candidate_leave(
            candidate=candidate, actor=colleague, left_on=D(2026, 10, 1), reason="annet"
        )
    with pytest.raises(DomainError):
        loop_candidate_leave(
            candidate=candidate, actor=veileder, left_on=D(2027, 9, 2), reason="annet"
        )
    loop_candidate_leave(
        candidate=candidate, actor=veileder, left_on=D(2026, 10, 1), reason="ordinaert_arbeid"
    )
    again = loop_candidate_leave(
        candidate=candidate, actor=veileder, left_on=D(2026, 12, 1), reason="annet"
    )
    assert (again.left_on, again.left_reason) == (D(2026, 10, 1), "ordinaert_arbeid")
    assert again.certificate_due_at is None


@pytest.mark.django_db
def test_closing_waits_for_the_year_or_for_everyone_to_leave(veileder, other_leder):
    loop = new_loop(veileder)
    candidate = loop_candidate_add(
        loop=loop,
        participant=age_participant(veileder, 24, loop.start_date),
        start_position=1,
        actor=veileder,
    )
    with pytest.raises(DomainError):
        loop_close(loop=loop, actor=veileder, today=D(2027, 8, 31))
    with pytest.raises(DomainError):
        loop_close(loop=loop, actor=other_leder, today=D(2027, 9, 1))
    loop_candidate_leave(
        candidate=candidate, actor=veileder, left_on=D(2026, 12, 1), reason="ordinaert_arbeid"
    )
    closed = loop_close(loop=loop, actor=veileder, today=D(2026, 12, 2))
    assert (closed.status, closed.closed_by) == (LoopStatus.CLOSED, veileder)
    first_closed_at = closed.closed_at
    assert loop_close(loop=loop, actor=veileder, today=D(2027, 9, 1)).closed_at == first_closed_at
    with pytest.raises(DomainError):
        loop_candidate_add(
            loop=loop,
            participant=age_participant(veileder, 22, loop.start_date),
            start_position=2,
            actor=veileder,
        )


@pytest.mark.django_db
def test_create_form_refuses_the_same_company_twice(client, veileder):
    company, other = CompanyFactory(), CompanyFactory()
    client.force_login(veileder)
    response = client.post(
        reverse("jobbloop:create"),
        {
            "name": "Loop",
            "start_date": "2026-09-01",
            "company_1": company.pk,
            "company_2": company.pk,
            "company_3": other.pk,
        },
    )
    assert response.status_code == 200
    assert "tre ulike bedrifter" in response.content.decode()


@pytest.mark.django_db
def test_detail_shows_who_is_where_and_names_only_to_whom_it_may(
    client, veileder, colleague, markedsradgiver
):
    today = timezone.localdate()
    companies = [CompanyFactory(name=f"Loopbedrift {i}") for i in (1, 2, 3)]
    loop = new_loop(veileder, start=add_months(today, -5), companies=companies)
    sara = age_participant(veileder, 24, loop.start_date)
    sara.first_name, sara.last_name = "Sara", "Solberg"
    sara.save()
    loop_candidate_add(loop=loop, participant=sara, start_position=1, actor=veileder)
    url = reverse("jobbloop:detail", args=[loop.uuid])
    client.force_login(veileder)
    response = client.get(url)
    row = response.context["rows"][0]
    assert (row.name, row.now) == ("Sara Solberg", companies[1])  # rotated after 4 months
    assert response.context["schedule"].next_rotation == add_months(loop.start_date, 8)
    client.force_login(colleague)
    body = client.get(url).content.decode()
    assert "Sara" not in body and "Kandidat 1" in body
    client.force_login(markedsradgiver)
    body = client.get(url).content.decode()
    assert "Sara Solberg" in body and sara.phone not in body and sara.fodselsnummer not in body


@pytest.mark.django_db
def test_her_veileder_in_another_office_sees_the_loop_she_is_in(veileder, other_veileder):
    loop = new_loop(veileder)
    sara = age_participant(veileder, 24, loop.start_date)
    loop_candidate_add(loop=loop, participant=sara, start_position=1, actor=veileder)
    assert list(loops_visible_to(other_veileder)) == []
    Participant.objects.filter(pk=sara.pk).update(veileder=other_veileder)
    assert list(loops_visible_to(other_veileder)) == [loop]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["karriereveileder", "fagopplaering", "outsider"])
def test_roles_outside_nav_see_no_loops(persona, request, veileder):
    new_loop(veileder)
    assert list(loops_visible_to(request.getfixturevalue(persona))) == []


@pytest.mark.django_db
def test_participant_page_shows_her_place_in_the_loop(client, veileder):
    today = timezone.localdate()
    companies = [CompanyFactory(name=f"Loopbedrift {i}") for i in (1, 2, 3)]
    loop = new_loop(veileder, start=add_months(today, -1), companies=companies)
    sara = age_participant(veileder, 24, loop.start_date)
    candidate = loop_candidate_add(loop=loop, participant=sara, start_position=3, actor=veileder)
    mentor_set(candidate=candidate, company=companies[2], name="Mona Mentor", actor=veileder)
    client.force_login(veileder)
    section = reverse("jobbloop:participant_section", args=[sara.uuid])
    assert (
        f'hx-get="{section}"'
        in client.get(reverse("participants:detail", args=[sara.uuid])).content.decode()
    )
    body = client.get(section, headers={"HX-Request": "true"}).content.decode()
    assert "Er nå hos Loopbedrift 3, mentor Mona Mentor" in body
    assert add_months(loop.start_date, 4).strftime("%d.%m.%Y") in body


LOOP_LIST_QUERIES = 5
# Roles, clearances and grants come with the session (accounts.access_cache).
LOOP_DETAIL_QUERIES = 11


@pytest.mark.django_db
def test_loop_list_query_count_is_fixed(client, veileder, django_assert_num_queries):
    companies = [CompanyFactory() for _ in range(3)]
    for i in range(12):
        new_loop(veileder, start=D(2026, 1, 1 + i), companies=companies)
    client.force_login(veileder)
    client.get(reverse("jobbloop:list"))
    for size in (10, 50):
        with django_assert_num_queries(LOOP_LIST_QUERIES):
            response = client.get(reverse("jobbloop:list"), {"per_side": size})
        assert len(response.context["page"].object_list) == min(size, 12)


@pytest.mark.django_db
def test_loop_detail_query_count_does_not_grow_with_candidates(
    client, veileder, django_assert_num_queries
):
    companies = [CompanyFactory() for _ in range(3)]
    loop = new_loop(veileder, companies=companies)
    client.force_login(veileder)
    url = reverse("jobbloop:detail", args=[loop.uuid])
    # With a third candidate the add form goes away, and its query with it.
    for position in (1, 2):
        candidate = loop_candidate_add(
            loop=loop,
            participant=age_participant(veileder, 20 + position, loop.start_date),
            start_position=position,
            actor=veileder,
        )
        mentor_set(candidate=candidate, company=companies[0], name="Mentor", actor=veileder)
        client.get(url)
        with django_assert_num_queries(LOOP_DETAIL_QUERIES):
            client.get(url)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_veiledere_adding_the_last_place_at_once_give_one_candidate(kontor):
    from tests.factories import UserFactory

    first, second = (UserFactory(nav_kontor=kontor, roles=["veileder"]) for _ in range(2))
    loop = new_loop(first)
    for position in (1, 2):
        loop_candidate_add(
            loop=loop,
            participant=age_participant(first, 22, loop.start_date),
            start_position=position,
            actor=first,
        )
    adders = [(first, 3), (second, 3)]
    participants = [age_participant(actor, 23, loop.start_date) for actor, _ in adders]
    barrier = threading.Barrier(2)
    outcomes = []

    def add(actor, position, participant):
        try:
            barrier.wait(timeout=10)
            loop_candidate_add(
                loop=loop, participant=participant, start_position=position, actor=actor
            )
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=add, args=(actor, position, p))
        for (actor, position), p in zip(adders, participants, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["Loopen har allerede tre kandidater.", "ok"]
    assert LoopCandidate.objects.filter(loop=loop).count() == 3
