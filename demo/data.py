"""Deterministic synthetic demo data: offices in use, users for every role, participants.

Every value comes from one ``random.Random(seed)`` and a fixed reference date, so the same
``--participants N --seed S`` gives the same rows on every machine. Identity numbers are
synthetic (Tenor style, month + 80): they can never belong to a real person.
"""

import datetime
import random
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import NavKontor, User
from accounts.roles import Role
from audit.models import AuditEvent
from core.identity import make_identity
from demo.activity import reset_activity, seed_activity
from demo.companies import seed_companies
from participants.models import Adressebeskyttelse, Innsatsgruppe, Laerefag, Participant, Phase
from phases.models import ChecklistItem, EndReason, Fagbrev, PhaseTransition
from phases.rules import CHECKLISTS

REFERENCE_DATE = datetime.date(2026, 1, 1)
DEMO_PASSWORD = "demo"
BATCH = 5000

FIRST_NAMES = [
    "Emma",
    "Nora",
    "Sofie",
    "Ella",
    "Olivia",
    "Ada",
    "Sara",
    "Ingrid",
    "Maja",
    "Leah",
    "Frida",
    "Astrid",
    "Selma",
    "Tiril",
    "Hedda",
    "Thea",
    "Amalie",
    "Ida",
    "Mathilde",
    "Live",
    "Oda",
    "Vilde",
    "Julie",
    "Hanna",
    "Marte",
    "Silje",
    "Ane",
    "Kaja",
    "Eline",
    "Synne",
    "Jakob",
    "Emil",
    "Noah",
    "Oliver",
    "Filip",
    "William",
    "Lucas",
    "Liam",
    "Henrik",
    "Oskar",
    "Aksel",
    "Theodor",
    "Elias",
    "Kasper",
    "Magnus",
    "Isak",
    "Tobias",
    "Sander",
    "Jonas",
    "Mathias",
    "Sindre",
    "Eirik",
    "Vegard",
    "Ola",
    "Knut",
    "Håkon",
    "Øystein",
    "Ørjan",
    "Ahmed",
    "Mohammed",
    "Fatima",
    "Amina",
    "Yusuf",
    "Zainab",
    "Ali",
    "Hassan",
    "Maryam",
    "Omar",
    "Aleksander",
    "Natalia",
    "Piotr",
]
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
    "Svendsen",
    "Eide",
    "Knutsen",
    "Martinsen",
    "Paulsen",
    "Bakken",
    "Kristoffersen",
    "Mathisen",
    "Lie",
    "Amundsen",
    "Nguyen",
    "Rasmussen",
    "Ali",
    "Lunde",
    "Solheim",
    "Berge",
    "Moe",
    "Nygård",
    "Bakke",
    "Kristensen",
    "Fredriksen",
    "Holm",
    "Lien",
    "Hauge",
    "Christensen",
    "Andresen",
    "Nielsen",
    "Knudsen",
    "Evensen",
    "Sæther",
    "Aas",
    "Myhre",
    "Hanssen",
    "Ahmed",
    "Haugland",
    "Thomassen",
    "Sivertsen",
    "Simonsen",
    "Danielsen",
    "Berntsen",
    "Sandvik",
    "Rønning",
    "Arnesen",
    "Antonsen",
    "Næss",
    "Vik",
    "Haug",
    "Ellingsen",
    "Thorsen",
    "Edvardsen",
    "Birkeland",
    "Isaksen",
    "Gulbrandsen",
    "Ruud",
    "Aasen",
    "Strøm",
    "Myklebust",
    "Tangen",
    "Ødegård",
    "Eliassen",
    "Helland",
    "Aune",
    "Stene",
    "Hoel",
    "Skjærvø",
    "Vollan",
    "Grønli",
    "Fossum",
    "Bjørgum",
    "Trøan",
    "Grande",
    "Lyngstad",
    "Sødahl",
    "Rønne",
]
STREETS = [
    "Storgata",
    "Kongens",
    "gate",
    "Innherredsveien",
    "Elgeseter",
    "gate",
    "Olav",
    "Tryggvasons",
    "gate",
    "Sjøgata",
    "Havnegata",
    "Skolegata",
    "Kirkegata",
    "Fjordgata",
]

# Demo personas: (ident, name, role, office index or None, clearances)
PERSONAS = [
    ("Z990001", "Vera Veileder", Role.VEILEDER, 0, ()),
    ("Z990002", "Ola Kollega", Role.VEILEDER, 0, ()),
    ("Z990003", "Kari Annetkontor", Role.VEILEDER, 1, ()),
    (
        "Z990004",
        "Sigrid Sikkerhetsklarert",
        Role.VEILEDER,
        0,
        ("view_strengt_fortrolig", "view_fortrolig", "view_skjermet"),
    ),
    ("Z990010", "Liv Leder", Role.LEDER, 0, ()),
    ("Z990020", "Magnus Markedsrådgiver", Role.MARKEDSRADGIVER, 0, ()),
    ("Z990030", "Karin Karriereveileder", Role.KARRIEREVEILEDER, None, ()),
    ("Z990040", "Frode Fagopplæring", Role.FAGOPPLAERING, None, ()),
]
ADMIN_IDENT = "Z990099"
DEMO_IDENTS = [p[0] for p in PERSONAS] + [ADMIN_IDENT]
# The offices the demo personas work at; the first gets the best-known demo data.
HOME_OFFICES = ("Nav Falkenborg", "Nav Inn-Trøndelag")


# Every clearance: a cleared demo veileder may see every kind of protected person.
ALL_CLEARANCES = ("view_strengt_fortrolig", "view_fortrolig", "view_skjermet")
CLEARED_IDENT = "S{:06d}"  # one cleared veileder per office that has protected persons


@dataclass
class SeedResult:
    participants: int
    users: int
    offices: int
    skipped: bool = False


def _offices() -> list[NavKontor]:
    offices = list(NavKontor.objects.order_by("enhetsnummer"))
    if not offices:
        raise RuntimeError("Ingen NAV-kontorer i databasen: kjør migrate først.")
    by_name = {o.name: o for o in offices}
    home = [by_name[n] for n in HOME_OFFICES if n in by_name]
    rest = [o for o in offices if o not in home]
    return home + rest


def _make_users(
    rng: random.Random, offices: list[NavKontor], n_participants: int, with_passwords: bool
):
    groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
    password = DEMO_PASSWORD if with_passwords else None
    personas = []
    for ident, name, role, office_idx, clearances in PERSONAS:
        user = User(
            nav_ident=ident,
            name=name,
            email=f"{ident.lower()}@demo.nav.no",
            nav_kontor=offices[office_idx] if office_idx is not None else None,
        )
        user.set_password(password)
        personas.append((user, role, clearances))
    admin = User(nav_ident=ADMIN_IDENT, name="Ada Administrator", is_staff=True, is_superuser=True)
    admin.set_password(password)

    # About one veileder per 100 participants and a leder per office, like a real county.
    n_veiledere = max(len(offices), n_participants // 100)
    generated = []
    hashed = User(nav_ident="Z000000")
    hashed.set_unusable_password()
    for i in range(n_veiledere):
        generated.append(
            (
                User(
                    nav_ident=f"V{100000 + i:06d}",
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    nav_kontor=offices[i % len(offices)],
                    password=hashed.password,
                ),
                Role.VEILEDER,
            )
        )
    for i, office in enumerate(offices):
        generated.append(
            (
                User(
                    nav_ident=f"L{100000 + i:06d}",
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    nav_kontor=office,
                    password=hashed.password,
                ),
                Role.LEDER,
            )
        )
    all_users = [u for u, _r, _c in personas] + [admin] + [u for u, _r in generated]
    User.objects.bulk_create(all_users, batch_size=BATCH)
    saved = {
        u.nav_ident: u for u in User.objects.filter(nav_ident__in=[u.nav_ident for u in all_users])
    }
    memberships = []
    Membership = User.groups.through
    for user, role, _c in personas:
        memberships.append(Membership(user_id=saved[user.nav_ident].pk, group_id=groups[role].pk))
    for user, role in generated:
        memberships.append(Membership(user_id=saved[user.nav_ident].pk, group_id=groups[role].pk))
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    perms = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="participants")
    }
    for user, _role, clearances in personas:
        if clearances:
            saved[user.nav_ident].user_permissions.add(*(perms[c] for c in clearances))
    veiledere_by_office: dict[int, list[User]] = {}
    for user, role in generated:
        if role == Role.VEILEDER:
            veiledere_by_office.setdefault(user.nav_kontor.pk, []).append(saved[user.nav_ident])
    return saved, veiledere_by_office


def _identity(rng: random.Random, used: set[str]) -> tuple[str, datetime.date]:
    while True:
        age_days = rng.randint(15 * 365 + 4, 35 * 365)
        born = REFERENCE_DATE - datetime.timedelta(days=age_days)
        individual = rng.randint(0, 499) if born.year < 2000 else rng.randint(500, 999)
        number = make_identity(born, individual, synthetic=True)
        if number and number not in used:
            used.add(number)
            return number, born


# Roughly where a county's participants are at a given time.
PHASE_WEIGHTS = [
    (Phase.KARTLEGGE, 30),
    (Phase.MATCHING, 20),
    (Phase.PRAKSIS, 20),
    (Phase.SKOLE, 8),
    (Phase.LARETID, 12),
    (Phase.JOBB, 5),
    (Phase.AVSLUTTET, 5),
]
FOLLOWED_UP = {Phase.PRAKSIS, Phase.SKOLE, Phase.LARETID}


class _ClearedVeiledere:
    """The veileder a protected person is given to: one cleared for her, never another.

    Sigrid at the first office; elsewhere a cleared veileder made for the office the first
    time it needs one (named from the office, so the main random sequence is untouched)."""

    def __init__(self, offices, saved, with_passwords: bool):
        self.by_office = {offices[0].pk: saved["Z990004"]}
        self.index = {o.pk: i for i, o in enumerate(offices)}
        self.password = DEMO_PASSWORD if with_passwords else None
        self.perms = list(
            Permission.objects.filter(
                content_type__app_label="participants", codename__in=ALL_CLEARANCES
            )
        )
        self.group = Group.objects.get(name=Role.VEILEDER)

    def for_office(self, office: NavKontor) -> User:
        if office.pk not in self.by_office:
            rng = random.Random(f"cleared-{office.enhetsnummer}")
            user = User(
                nav_ident=CLEARED_IDENT.format(100000 + self.index[office.pk]),
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                email=f"s{100000 + self.index[office.pk]}@demo.nav.no",
                nav_kontor=office,
            )
            user.set_password(self.password)
            user.save()
            user.groups.add(self.group)
            user.user_permissions.add(*self.perms)
            self.by_office[office.pk] = user
        return self.by_office[office.pk]


def _participant_rows(rng, n, offices, saved, veiledere_by_office, laerefag, today, cleared):
    vera = saved["Z990001"]
    ola = saved["Z990002"]
    kari = saved["Z990003"]
    sigrid = saved["Z990004"]
    used: set[str] = set()
    reference = timezone.make_aware(datetime.datetime.combine(today, datetime.time(9)))
    phases = [p for p, _ in PHASE_WEIGHTS]
    phase_weights = [w for _, w in PHASE_WEIGHTS]
    innsats = [c for c, _ in Innsatsgruppe.choices]
    weights = [45, 35, 15, 5]
    for i in range(n):
        # The first rows fill the demo personas' caseloads so their pages show real lists.
        if i < 60:
            office, veileder = offices[0], vera
        elif i < 100:
            office, veileder = offices[0], ola
        elif i < 130:
            office, veileder = offices[1 % len(offices)], kari
        elif i < 140:
            office, veileder = offices[0], sigrid
        else:
            office = offices[rng.randrange(len(offices))]
            pool = veiledere_by_office.get(office.pk) or [None]
            veileder = pool[rng.randrange(len(pool))]
        number, born = _identity(rng, used)
        roll = rng.random()
        protection = Adressebeskyttelse.INGEN
        skjermet = False
        if 130 <= i < 140:
            # Sigrid's caseload holds the protected people the demo shows.
            protection = [Adressebeskyttelse.STRENGT_FORTROLIG, Adressebeskyttelse.FORTROLIG, ""][
                i % 3
            ]
            skjermet = i % 3 == 2
        elif i < 130:
            pass  # Vera, Ola and Kari are not cleared: none of theirs is protected.
        elif roll < 0.002:
            protection = Adressebeskyttelse.STRENGT_FORTROLIG
        elif roll < 0.008:
            protection = Adressebeskyttelse.FORTROLIG
        elif roll < 0.012:
            skjermet = True
        if (protection or skjermet) and veileder is not None and veileder != sigrid:
            # Only a veileder cleared for her may have her (and her reminders).
            veileder = cleared.for_office(office)
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        phase = rng.choices(phases, phase_weights)[0]
        created_at = reference - datetime.timedelta(
            days=rng.randint(30, 900), minutes=rng.randint(0, 600)
        )
        phase_entered_at = max(created_at, reference - datetime.timedelta(days=rng.randint(0, 400)))
        # Follow-up every 4 weeks at most: the next one falls from ten days overdue to four
        # weeks ahead of "today".
        due = (
            today + datetime.timedelta(days=rng.randint(-10, 28)) if phase in FOLLOWED_UP else None
        )
        yield Participant(
            uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
            fodselsnummer=number,
            birth_date=born,
            first_name=first,
            last_name=last,
            phone=f"9{rng.randint(0, 9999999):07d}",
            email=f"{first.lower()}.{last.lower()}{i}@example.no".replace("ø", "o")
            .replace("å", "a")
            .replace("æ", "ae"),
            street_address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            postal_code=f"{rng.randint(7000, 7994):04d}",
            postal_place=office.municipality or "Trondheim",
            nav_kontor=office,
            veileder=veileder,
            innsatsgruppe=rng.choices(innsats, weights)[0],
            vgs_completed=rng.random() < 0.55,
            sluttkompetanse=laerefag[rng.randrange(len(laerefag))]
            if laerefag and rng.random() < 0.7
            else None,
            adressebeskyttelse=protection,
            skjermet=skjermet,
            created_at=created_at,
            phase=phase,
            phase_entered_at=phase_entered_at,
            next_followup_due=due,
        )


# The phases a participant passed through before the one she is in now, so the timeline and
# the leder's overview (days per phase, flow) have a history to show.
PATHS: dict[str, list[list[str]]] = {
    Phase.KARTLEGGE: [[]],
    Phase.MATCHING: [[Phase.KARTLEGGE]],
    Phase.PRAKSIS: [[Phase.KARTLEGGE, Phase.MATCHING]],
    Phase.SKOLE: [[Phase.KARTLEGGE, Phase.MATCHING], [Phase.KARTLEGGE]],
    Phase.LARETID: [
        [Phase.KARTLEGGE, Phase.MATCHING, Phase.PRAKSIS],
        [Phase.KARTLEGGE, Phase.MATCHING],
    ],
    Phase.JOBB: [
        [Phase.KARTLEGGE, Phase.MATCHING, Phase.PRAKSIS, Phase.LARETID],
        [Phase.KARTLEGGE, Phase.MATCHING],
    ],
    Phase.AVSLUTTET: [[Phase.KARTLEGGE], [Phase.KARTLEGGE, Phase.MATCHING, Phase.PRAKSIS]],
}


def _history(p: Participant, actor_id: int):
    """The transitions of one participant, from registration to her current phase."""

    rng = random.Random(p.uuid.int)  # per person, so the main sequence stays as it was
    path = [*rng.choice(PATHS[p.phase]), p.phase]
    span = max((p.phase_entered_at - p.created_at).total_seconds(), 0)
    cuts = sorted(rng.uniform(0, span) for _ in range(len(path) - 2))
    times = [
        p.created_at,
        *(p.created_at + datetime.timedelta(seconds=c) for c in cuts),
        p.phase_entered_at,
    ][-len(path) :]
    previous, since = "", None
    for phase, at in zip(path, times, strict=True):
        yield PhaseTransition(
            participant=p,
            from_phase=previous,
            to_phase=phase,
            actor_id=actor_id,
            reason="Demodata",
            end_reason=rng.choice(EndReason.values) if phase == Phase.AVSLUTTET else "",
            created_at=at,
            from_phase_since=since,
        )
        previous, since = phase, at


def _save_batch(batch: list[Participant], *, fallback_actor: User) -> None:
    """Insert participants with their phase history (their timeline) and any fagbrev."""

    Participant.objects.bulk_create(batch)
    transitions = [t for p in batch for t in _history(p, p.veileder_id or fallback_actor.pk)]
    PhaseTransition.objects.bulk_create(transitions, batch_size=2000)
    Fagbrev.objects.bulk_create(
        Fagbrev(
            participant=t.participant,
            laerefag_id=t.participant.sluttkompetanse_id,
            passed_on=timezone.localdate(t.created_at),
            registered_by_id=t.actor_id,
            created_at=t.created_at,
        )
        for t in transitions
        if t.from_phase == Phase.LARETID
        and t.to_phase == Phase.JOBB
        and t.participant.sluttkompetanse_id
    )
    # Checklists only for the personas' own participants: what the demo shows.
    personas = {u for u in DEMO_IDENTS}
    items = [
        ChecklistItem(participant=p, phase=p.phase, key=key, label=label, position=i)
        for p in batch
        if p.veileder is not None and p.veileder.nav_ident in personas
        for i, (key, label) in enumerate(CHECKLISTS.get(p.phase, []))
    ]
    ChecklistItem.objects.bulk_create(items)


class _Steps:
    """Counted steps on stdout ("[2/3] Deltakere (1000 av 5000)"), so a long seed shows life."""

    def __init__(self, stdout, total: int):
        self.stdout, self.total, self.number = stdout, total, 0

    def __call__(self, text: str) -> None:
        self.number += 1
        self.again(text)

    def again(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"  [{self.number}/{self.total}] {text}")


def seed_demo(
    *,
    participants: int,
    seed: int,
    reset: bool = False,
    today: datetime.date = REFERENCE_DATE,
    stdout=None,
) -> SeedResult:
    """``today`` anchors phase and follow-up dates; the same seed and today give the same rows."""
    if reset:
        reset_demo()
    elif User.objects.filter(nav_ident__in=DEMO_IDENTS).exists():
        return SeedResult(0, 0, 0, skipped=True)
    step = _Steps(stdout, total=4)
    rng = random.Random(seed)
    offices = _offices()
    laerefag = list(Laerefag.objects.order_by("code"))
    with transaction.atomic():
        step("Brukere og kontorer")
        saved, veiledere_by_office = _make_users(rng, offices, participants, settings.DEBUG)
        step(f"Deltakere (0 av {participants})")
        batch = []
        created = 0
        cleared = _ClearedVeiledere(offices, saved, settings.DEBUG)
        for row in _participant_rows(
            rng, participants, offices, saved, veiledere_by_office, laerefag, today, cleared
        ):
            batch.append(row)
            if len(batch) == BATCH:
                _save_batch(batch, fallback_actor=saved[ADMIN_IDENT])
                created += len(batch)
                batch.clear()
                step.again(f"Deltakere ({created} av {participants})")
        _save_batch(batch, fallback_actor=saved[ADMIN_IDENT])
        created += len(batch)

    step("Bedrifter")
    seed_companies(seed=seed)
    step("Møteplasser, JobbLoop, matcher, veiledning og avtaler")
    seed_activity(seed=seed, today=today)
    if connection.vendor == "postgresql":
        # Fresh statistics, so the planner picks the caseload indexes right after seeding.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE participants_participant, accounts_user")
    return SeedResult(participants=created, users=len(saved), offices=len(offices))


def reset_demo() -> None:
    """Remove everything seed_demo made (participants and generated or demo users)."""
    with transaction.atomic():
        # The sporingslogg refuses row deletes; a demo reset empties it wholesale instead.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Rows the seed's services just wrote in this same transaction (a test's)
                # leave deferred foreign-key checks pending, which TRUNCATE refuses: run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("TRUNCATE audit_auditevent")
        else:
            AuditEvent.objects.all().delete()
        Participant.objects.all().delete()
        reset_activity()
        User.objects.filter(nav_ident__in=DEMO_IDENTS).delete()
        User.objects.filter(nav_ident__regex=r"^[VLS]1[0-9]{5}$").delete()


def demo_logins() -> list[tuple[str, str, str]]:
    """(ident, name, what they see) for the README and the run command."""
    described = {
        "Z990001": "veileder, Nav Falkenborg: Min portefølje med 60 deltakere",
        "Z990002": "veileder i samme kontor (ser ikke Veras deltakere)",
        "Z990003": "veileder i et annet kontor",
        "Z990004": "veileder med tilgang til kode 6/7 og skjermede",
        "Z990010": "leder, Nav Falkenborg: hele kontoret, tildeling",
        "Z990020": "markedsrådgiver",
        "Z990030": "karriereveileder (Karrieresenteret)",
        "Z990040": "fag- og yrkesopplæring",
        ADMIN_IDENT: "administrator (Django admin)",
    }
    names = dict(User.objects.filter(nav_ident__in=described).values_list("nav_ident", "name"))
    return [(ident, names[ident], text) for ident, text in described.items() if ident in names]


def cleared_demo_users() -> list[tuple[str, str, str]]:
    """(ident, name, office) of the veiledere cleared for kode 6/7 and skjermede persons."""
    return list(
        User.objects.filter(
            user_permissions__codename="view_strengt_fortrolig",
            nav_ident__regex=r"^(Z99|S1)",
        )
        .order_by("nav_ident")
        .values_list("nav_ident", "name", "nav_kontor__name")
    )
