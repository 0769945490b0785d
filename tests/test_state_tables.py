"""Every state table of every app (core.states, found in each app's ``rules`` module) is
walked edge by edge through its service, and every pair not in the table is refused.

A table added later joins by itself; it needs a driver in DRIVERS below, or this fails.
"""

import datetime
import itertools
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from careerguidance.models import Appointment, KompetanseRequest  # noqa: F401
from careerguidance.services import appointment_book, appointment_set_status
from core.exceptions import DomainError
from core.states import StateTable
from jobbloop.models import Loop
from jobbloop.services import loop_close, loop_create
from matching import services as matching
from matching.models import Match
from matching.rules import MARKEDSRADGIVER
from participants.models import Phase
from phases.models import ActivityCard, ActivityKind, EndReason
from phases.services import activity_card_create, activity_card_set_status, phase_transition
from tests.factories import CompanyFactory, MatchFactory, ParticipantFactory
from tests.phases.test_transitions import satisfy

pytestmark = pytest.mark.django_db


def all_tables() -> dict[str, StateTable]:
    tables = {}
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "rules"):
            continue
        module = import_module(f"{config.name}.rules")
        for value in vars(module).values():
            if isinstance(value, StateTable):
                tables[value.name] = value
    return tables


# --- one driver per table: (edge source, target, personas) -> the state after the call ---


def drive_phases(source, target, p):
    participant = ParticipantFactory(veileder=p["veileder"], phase=source)
    satisfy(participant, target, p["veileder"])
    end_reason = EndReason.ANNET if target == Phase.AVSLUTTET else ""
    phase_transition(
        participant=participant, to_phase=target, actor=p["veileder"], end_reason=end_reason
    )
    participant.refresh_from_db()
    return participant.phase


def drive_activities(source, target, p):
    participant = ParticipantFactory(veileder=p["veileder"])
    card = activity_card_create(
        participant=participant, actor=p["veileder"], title="CV", kind=ActivityKind.AKTIVITET
    )
    ActivityCard.objects.filter(pk=card.pk).update(status=source)
    card.refresh_from_db()
    activity_card_set_status(card=card, actor=p["veileder"], status=target)
    return ActivityCard.objects.get(pk=card.pk).status


def drive_matches(source, target, p):
    match = MatchFactory(participant=ParticipantFactory(veileder=p["veileder"]), status=source)
    edge = matching.MATCHES.edge(source, target)
    side = edge.side if edge else None
    actor = p["markedsradgiver"] if side == MARKEDSRADGIVER else p["veileder"]
    matching.match_transition(
        actor=actor,
        match=match,
        to_status=target,
        comment="Fordi",
        start_date=datetime.date(2027, 1, 4),
    )
    return Match.objects.get(pk=match.pk).status


def drive_appointments(source, target, p):
    participant = ParticipantFactory(veileder=p["veileder"])
    appointment = appointment_book(
        participant=participant,
        actor=p["veileder"],
        starts_at=timezone.now() + datetime.timedelta(days=7),
        mode="telefon",
        karriereveileder=p["karriereveileder"],
    )
    Appointment.objects.filter(pk=appointment.pk).update(status=source)
    appointment.refresh_from_db()
    appointment_set_status(appointment=appointment, actor=p["karriereveileder"], status=target)
    return Appointment.objects.get(pk=appointment.pk).status


def drive_loops(source, target, p):
    # Closing is the only move a service makes; it is tried whatever the target.
    loop = loop_create(
        actor=p["veileder"],
        name="Loop",
        start_date=datetime.date(2025, 1, 6),
        companies=[CompanyFactory() for _ in range(3)],
    )
    Loop.objects.filter(pk=loop.pk).update(status=source)
    loop.refresh_from_db()
    loop_close(loop=loop, actor=p["veileder"], today=datetime.date(2026, 6, 1))
    return Loop.objects.get(pk=loop.pk).status


DRIVERS = {
    "phases": drive_phases,
    "activities": drive_activities,
    "matches": drive_matches,
    "appointments": drive_appointments,
    "loops": drive_loops,
}


def test_every_table_has_a_driver():
    tables = all_tables()
    assert set(tables) == set(DRIVERS), "a state table without a driver in this test"


def _cases(allowed: bool):
    for name, table in sorted(all_tables().items()):
        for source, target in itertools.permutations(table.states.values, 2):
            if table.allows(source, target) is allowed:
                yield pytest.param(name, source, target, id=f"{name}:{source}->{target}")


@pytest.fixture
def personas(veileder, markedsradgiver, karriereveileder):
    return {
        "veileder": veileder,
        "markedsradgiver": markedsradgiver,
        "karriereveileder": karriereveileder,
    }


@pytest.mark.parametrize(("name", "source", "target"), list(_cases(True)))
def test_every_edge_is_taken_by_its_service(name, source, target, personas):
    assert DRIVERS[name](source, target, personas) == target


@pytest.mark.parametrize(("name", "source", "target"), list(_cases(False)))
def test_every_pair_outside_the_table_is_refused(name, source, target, personas):
    """Refused with a message, or (where no service leads there at all) not reached."""
    try:
        reached = DRIVERS[name](source, target, personas)
    except DomainError as refused:
        assert refused.message
    else:
        assert reached != target
