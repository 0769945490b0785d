"""An office with a kode 6, a kode 7 and a skjermet person, each with what a case holds (a
match, a møteplass invitation, a JobbLoop place, an appointment, consents, a request to
fagopplæring, sporingslogg rows), all kept by cleared colleagues. Shared by the no-trace
and log tests."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from core.identity import make_identity
from participants.models import Adressebeskyttelse, Participant
from tests.factories import CompanyFactory, ParticipantFactory, UserFactory, give_consent

ALL_CLEARANCES = ["view_strengt_fortrolig", "view_fortrolig", "view_skjermet"]

# Names and birth dates found nowhere else in the app, so a hit is a leak.
PEOPLE = [
    ("Kodeseks", "Hemmeligsen", datetime.date(1997, 2, 13), {"adressebeskyttelse": "sf"}),
    ("Kodesju", "Skjultvik", datetime.date(1998, 7, 19), {"adressebeskyttelse": "f"}),
    ("Skjermine", "Lukkedal", datetime.date(1999, 11, 23), {"skjermet": True}),
    # Wrongly given to an uncleared veileder: the rule must hold for her too.
    ("Villfaren", "Feilplassert", datetime.date(1996, 5, 27), {"adressebeskyttelse": "sf"}),
]
_PROTECTION = {
    "sf": Adressebeskyttelse.STRENGT_FORTROLIG,
    "f": Adressebeskyttelse.FORTROLIG,
}


@dataclass
class Scenario:
    people: list[Participant]
    cleared_veileder: object
    cleared_markedsradgiver: object
    cleared_karriereveileder: object
    cleared_fagopplaering: object
    event: object
    loop: object
    companies: list
    objects: dict = field(default_factory=dict)  # name -> {param: uuid} of her things

    def secrets(self) -> dict[str, str]:
        """Every string that would betray one of them, with what it is."""
        found = {}
        for p in self.people:
            found[p.first_name] = f"first name of {p.last_name}"
            found[p.last_name] = f"last name of {p.last_name}"
            found[p.fodselsnummer] = f"fødselsnummer of {p.last_name}"
            found[p.fodselsnummer[:6] + " *"] = f"masked fødselsnummer of {p.last_name}"
            found[p.birth_date.strftime("%d.%m.%Y")] = f"birth date of {p.last_name}"
            found[p.birth_date.isoformat()] = f"ISO birth date of {p.last_name}"
            found[str(p.uuid)] = f"uuid of {p.last_name}"
            found[p.email] = f"e-mail of {p.last_name}"
        for owner, things in self.objects.items():
            for kind, value in things.items():
                found[str(value)] = f"{kind} uuid of {owner}"
        return found


def identity_for(born: datetime.date) -> str:
    for individual in range(400, 500):
        if number := make_identity(born, individual):
            return number
    raise AssertionError(born)


def build(kontor, personas) -> Scenario:
    from careerguidance.services import appointment_book, kompetanse_request_send
    from consent.models import ConsentPurpose
    from events.services import event_create, invitation_create
    from jobbloop.services import loop_candidate_add, loop_create
    from matching.services import match_propose, match_transition
    from participants.permissions import get_participant_for_user

    cleared = {
        role: UserFactory(
            nav_kontor=kontor if role in ("veileder", "markedsradgiver") else None,
            roles=[role],
            clearances=ALL_CLEARANCES,
            name=f"Klarert {role}",
        )
        for role in ("veileder", "markedsradgiver", "karriereveileder", "fagopplaering")
    }
    veileder = cleared["veileder"]
    # The office's own (uncleared) markedsrådgiver keeps the companies.
    companies = [CompanyFactory(markedsradgiver=personas["markedsradgiver"]) for _ in range(3)]
    today = timezone.localdate()
    event = event_create(
        actor=veileder,
        kind="moteplass",
        title="Møteplass med skjulte",
        date=today + datetime.timedelta(days=10),
        place="Trondheim",
        companies=companies,
    )
    loop = loop_create(
        actor=veileder,
        name="Loop med skjulte",
        start_date=today - datetime.timedelta(days=30),
        companies=companies,
    )
    people, objects = [], {}
    for position, (first, last, born, protection) in enumerate(PEOPLE, start=1):
        stray = position == 4
        person = ParticipantFactory(
            first_name=first,
            last_name=last,
            fodselsnummer=identity_for(born),
            birth_date=born,
            email=f"{first.lower()}@example.no",
            veileder=personas["veileder"] if stray else veileder,
            nav_kontor=kontor,
            adressebeskyttelse=_PROTECTION.get(protection.get("adressebeskyttelse"), ""),
            skjermet=protection.get("skjermet", False),
            next_followup_due=today - datetime.timedelta(days=3),
        )
        people.append(person)
        if stray:
            continue
        things = {}
        get_participant_for_user(veileder, person.uuid)  # a sporingslogg row about her
        for purpose in (
            ConsentPurpose.SHARE_WITH_COUNTY,
            ConsentPurpose.KOMPETANSEKARTLEGGING,
            ConsentPurpose.SHARE_GUIDANCE_NOTE,
        ):
            things[f"consent {purpose}"] = give_consent(person, veileder, purpose).uuid
        match = match_propose(
            actor=veileder,
            participant=person,
            company=companies[position - 1],
            motivation="Passer godt.",
        )
        match_transition(actor=veileder, match=match, to_status="til_vurdering")
        things["match"] = match.uuid
        things["invitation"] = invitation_create(
            event=event, participant=person, actor=veileder
        ).uuid
        things["candidate"] = loop_candidate_add(
            loop=loop, participant=person, start_position=position, actor=veileder
        ).uuid
        things["appointment"] = appointment_book(
            participant=person,
            actor=veileder,
            starts_at=timezone.now() + datetime.timedelta(hours=12),
            mode="telefon",
            karriereveileder=cleared["karriereveileder"],
            participant_wants_veileder=True,
            veileder_attends=True,
        ).uuid
        things["kk_request"] = kompetanse_request_send(participant=person, actor=veileder).uuid
        objects[last] = things
    return Scenario(
        people=people,
        cleared_veileder=veileder,
        cleared_markedsradgiver=cleared["markedsradgiver"],
        cleared_karriereveileder=cleared["karriereveileder"],
        cleared_fagopplaering=cleared["fagopplaering"],
        event=event,
        loop=loop,
        companies=companies,
        objects=objects,
    )


def url_for_her(name: str, base_kwargs: dict, scenario, person) -> str | None:
    """``name`` with her objects in place of the ordinary participant's; None if none fit."""
    things = scenario.objects.get(person.last_name, {})
    mine = {
        "uuid": person.uuid,
        "match": things.get("match"),
        "appointment": things.get("appointment"),
        "kk_request": things.get("kk_request"),
        "candidate": things.get("candidate"),
        "consent": things.get("consent share_with_county"),
        "event": scenario.event.uuid,
        "loop": scenario.loop.uuid,
        # The company her match is with: its page must not tell of her either.
        "company": scenario.companies[scenario.people.index(person) % 3].uuid,
    }
    if not set(base_kwargs) & {k for k, v in mine.items() if v}:
        return None
    kwargs = {k: (mine.get(k) or v) for k, v in base_kwargs.items()}
    return reverse(name, kwargs=kwargs)
