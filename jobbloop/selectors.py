"""Who sees which JobbLoop, decided here for every JobbLoop page and the certificate.

- veileder: the loops of her NAV office, and any loop where one of her participants is a
  candidate (a loop may be run by a neighbouring office).
- leder: the loops of her office.
- markedsrådgiver: the loops of her office (she keeps the companies in them).
- karriereveileder, fagopplæring and users without a NAV role: none; every page answers 404.

Inside a loop a candidate is named only to those who may see her case (her veileder, the
office's leder, anyone cleared for her) and, by name alone, to the office's markedsrådgiver
unless she is protected (adressebeskyttelse or skjermet). Colleagues see "Kandidat 2"; a
protected candidate is no row at all for those not cleared for her.
Changes to a candidate (mentor, leaving) need change permission on her; see services.py.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, QuerySet

from participants.access import named_and_changeable, office_list_q, protection_q

from .models import Loop, LoopCandidate, LoopCompany
from .schedule import Schedule, loop_schedule


def loops_visible_to(user) -> QuerySet[Loop]:
    candidates = LoopCandidate.objects.filter(loop=OuterRef("pk"))
    return Loop.objects.filter(office_list_q(user, candidates)).order_by("-start_date", "-id")


def loop_list(user) -> QuerySet[Loop]:
    return loops_visible_to(user).select_related("nav_kontor", "coordinator")


@dataclass
class CandidateRow:
    candidate: LoopCandidate
    name: str
    can_change: bool
    now: object | None  # the company she is at today
    periods: list[tuple]  # (company, start, end, mentor)


def loop_detail(user, loop: Loop, today: datetime.date) -> tuple[Schedule, dict, list]:
    """The schedule, the companies by position and one row per candidate; constant queries."""
    schedule = loop_schedule(loop.start_date, on=today)
    companies = {
        lc.position: lc.company
        for lc in LoopCompany.objects.filter(loop=loop).select_related("company")
    }
    # A protected candidate is no row for those not cleared for her (see events.selectors).
    candidates = list(
        LoopCandidate.objects.filter(protection_q(user, prefix="participant__"), loop=loop)
        .select_related("participant")
        .prefetch_related("mentors")
        .order_by("start_position")
    )
    named, changeable = named_and_changeable(
        user, [c.participant for c in candidates], office_id=loop.nav_kontor_id
    )
    rows = []
    for c in candidates:
        now, periods = _placement(c, schedule, companies)
        rows.append(
            CandidateRow(
                candidate=c,
                name=c.participant.full_name
                if c.participant_id in named
                else f"Kandidat {c.start_position}",
                can_change=c.participant_id in changeable,
                now=now,
                periods=periods,
            )
        )
    return schedule, companies, rows


def _placement(candidate: LoopCandidate, schedule: Schedule, companies: dict) -> tuple:
    """The company she is at today (none once she left, or outside the loop's year) and her
    three periods as (company, start, end, mentor); mentors prefetched on the candidate.

    A loop closes only after its year or once everyone has left, so a closed loop has no
    one "at" a company either."""
    mentors = {m.company_id: m for m in candidate.mentors.all()}
    where = None if candidate.left_on else schedule.where[candidate.start_position]
    periods = [
        (companies[p.position], p.start, p.end, mentors.get(companies[p.position].pk))
        for p in schedule.periods[candidate.start_position]
    ]
    return companies.get(where), periods


def participant_loop_places(participant, today: datetime.date) -> list[dict]:
    """Her places in loops with where she is today, for the participant page (three queries)."""
    places = (
        LoopCandidate.objects.filter(participant=participant)
        .select_related("loop")
        .prefetch_related(
            Prefetch(
                "loop__loop_companies", queryset=LoopCompany.objects.select_related("company")
            ),
            "mentors",
        )
        .order_by("-loop__start_date")
    )
    result = []
    for place in places:
        schedule = loop_schedule(place.loop.start_date, on=today)
        companies = {lc.position: lc.company for lc in place.loop.loop_companies.all()}
        now, periods = _placement(place, schedule, companies)
        mentor = next((m for company, _s, _e, m in periods if company == now), None)
        result.append(
            {"place": place, "schedule": schedule, "now": now, "mentor": mentor, "periods": periods}
        )
    return result
