import datetime
import itertools

import factory
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import NavKontor, User
from core.identity import make_identity
from overview.models import FigureDay
from participants.models import Laerefag, Participant, Programomrade

_identities = itertools.count()


def next_identity() -> tuple[str, datetime.date]:
    """A fresh valid fødselsnummer (real format) with its birth date; ages 16-34."""
    while True:
        n = next(_identities)
        born = datetime.date(1992, 1, 1) + datetime.timedelta(days=(n * 37) % 6500)
        individual = (n * 7) % 500 if born.year < 2000 else 500 + (n * 7) % 500
        number = make_identity(born, individual)
        if number:
            return number, born


def participant_aged(age: int, **kwargs) -> Participant:
    """A participant ``age`` years old today (half a year past the birthday), with a
    fødselsnummer no one else in the test has."""
    today = timezone.localdate()
    born = today.replace(year=today.year - age) - datetime.timedelta(days=182)
    number = next(
        n
        for i in range(500, 999)
        if (n := make_identity(born, i if born.year >= 2000 else i - 500))
        and not Participant.objects.filter(fodselsnummer=n).exists()
    )
    return ParticipantFactory(fodselsnummer=number, birth_date=born, **kwargs)


class NavKontorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NavKontor

    # Four digits: the sequence wraps after a thousand offices (a long suite makes more).
    enhetsnummer = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")
    name = factory.Sequence(lambda n: f"NAV Testkontor {n}")
    municipality = "Trondheim"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    nav_ident = factory.Sequence(lambda n: f"T{n:06d}")
    name = factory.Sequence(lambda n: f"Test Bruker {n}")
    email = factory.LazyAttribute(lambda u: f"{u.nav_ident.lower()}@test.nav.no")
    nav_kontor = factory.SubFactory(NavKontorFactory)
    password = factory.django.Password("riktig-hemmelig-passord")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            # get_or_create: transactional tests flush what the data migrations made.
            self.groups.add(Group.objects.get_or_create(name=role)[0])

    @factory.post_generation
    def clearances(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Permission

        for codename in extracted or ():
            self.user_permissions.add(
                Permission.objects.get(content_type__app_label="participants", codename=codename)
            )


class LaerefagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Laerefag
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TST3-{n:02d}")
    name = factory.Sequence(lambda n: f"Testfaget {n}")
    programomrade = Programomrade.HELSE


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    class Params:
        identity = factory.LazyFunction(next_identity)

    fodselsnummer = factory.LazyAttribute(lambda p: p.identity[0])
    birth_date = factory.LazyAttribute(lambda p: p.identity[1])
    first_name = factory.Sequence(lambda n: f"Fornavn{n}")
    last_name = factory.Sequence(lambda n: f"Etternavn{n:05d}")
    phone = "91234567"
    email = factory.Sequence(lambda n: f"deltaker{n}@example.no")
    veileder = factory.SubFactory(UserFactory, roles=["veileder"])
    nav_kontor = factory.LazyAttribute(
        lambda p: p.veileder.nav_kontor if p.veileder else NavKontorFactory()
    )


_orgnr_seq = itertools.count(91000000)


def next_orgnr() -> str:
    from companies.models import make_orgnr

    while not (number := make_orgnr(next(_orgnr_seq))):
        pass
    return number


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "companies.Company"

    orgnr = factory.LazyFunction(next_orgnr)
    name = factory.Sequence(lambda n: f"Testbedrift {n} AS")
    municipality = "Trondheim"
    postal_code = "7010"
    bransje = "Helse og omsorg"
    contact_name = "Kari Kontakt"


class CompanyNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "companies.CompanyNeed"

    company = factory.SubFactory(CompanyFactory)
    laerefag = factory.SubFactory(LaerefagFactory)
    count = 1


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "matching.Match"

    participant = factory.SubFactory(ParticipantFactory)
    company = factory.SubFactory(CompanyFactory)
    proposed_by = factory.LazyAttribute(lambda m: m.participant.veileder)
    motivation = "Interessert i faget og bor nær bedriften."


def give_consent(participant, actor, purpose, *, given_on=None, **fields):
    """A consent given in a meeting, recorded through the service as a veileder would."""
    from django.utils import timezone

    from consent.services import consent_record

    return consent_record(
        participant=participant,
        actor=actor,
        purpose=purpose,
        method="meeting",
        given_on=given_on or timezone.localdate(),
        **fields,
    )


# --- one factory per participant-linked model (core.personal_data declarations) ----------
# Free text carries a marker naming the model and field, so the innsyn and anonymisation
# tests can find every value of hers wherever it went.


def _marker(model: str, field: str):
    return factory.Sequence(lambda n: f"{model}-{field}-hemmelig-{n:04d}")


def _now():
    from django.utils import timezone

    return timezone.now()


def _staff(obj):
    return obj.participant.veileder or UserFactory(roles=["veileder"])


class PhaseTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.PhaseTransition"

    participant = factory.SubFactory(ParticipantFactory)
    from_phase = "kartlegge"
    to_phase = "matching"
    actor = factory.LazyAttribute(_staff)
    reason = _marker("overgang", "begrunnelse")


class KartleggingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.Kartlegging"

    participant = factory.SubFactory(ParticipantFactory)
    interests = _marker("kartlegging", "interesser")
    career_direction = _marker("kartlegging", "karriereretning")
    resources_experience = _marker("kartlegging", "ressurser")
    tilrettelegging_work = _marker("kartlegging", "tilrettelegging-bedrift")
    tilrettelegging_school = _marker("kartlegging", "tilrettelegging-skole")
    economy = _marker("kartlegging", "okonomi")
    economic_measures = _marker("kartlegging", "virkemidler")
    housing = _marker("kartlegging", "bolig")
    health_treatment = _marker("kartlegging", "helse")
    family_situation = _marker("kartlegging", "familie")
    updated_by = factory.LazyAttribute(_staff)


class FollowUpAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.FollowUpAgreement"

    participant = factory.SubFactory(ParticipantFactory)
    version = factory.Sequence(lambda n: n + 1)
    goals = _marker("avtale", "mal")
    valid_from = factory.LazyFunction(datetime.date.today)
    extension = _marker("avtale", "forlengelse")
    followup_frequency = _marker("avtale", "frekvens")
    followup_purpose = _marker("avtale", "hensikt")
    responsible = _marker("avtale", "ansvarlig")
    created_by = factory.LazyAttribute(_staff)


class AgreementApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.AgreementApproval"

    agreement = factory.SubFactory(FollowUpAgreementFactory)
    party = "deltaker"
    approved_by = factory.LazyAttribute(lambda a: _staff(a.agreement))
    on_behalf_reason = "no_bankid"
    approver_name = "Arne Arbeidsgiver"


class ActivityCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.ActivityCard"

    participant = factory.SubFactory(ParticipantFactory)
    title = _marker("aktivitet", "tittel")
    kind = "aktivitet"
    description = _marker("aktivitet", "beskrivelse")
    created_by = factory.LazyAttribute(_staff)


class ActivityMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.ActivityMessage"

    card = factory.SubFactory(ActivityCardFactory)
    author = factory.LazyAttribute(lambda m: m.card.created_by)
    text = _marker("dialog", "melding")


class ActivityReadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.ActivityRead"

    card = factory.SubFactory(ActivityCardFactory)
    user = factory.LazyAttribute(lambda r: r.card.created_by)
    read_at = factory.LazyFunction(timezone.now)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.Meeting"

    participant = factory.SubFactory(ParticipantFactory)
    kind = "oppfolgingsmote"
    held_on = factory.LazyFunction(datetime.date.today)
    place = "nav"
    attendees = _marker("mote", "deltakere")
    summary = _marker("mote", "referat")
    recorded_by = factory.LazyAttribute(_staff)


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.ChecklistItem"

    participant = factory.SubFactory(ParticipantFactory)
    phase = "kartlegge"
    key = factory.Sequence(lambda n: f"oppgave-{n}")
    label = "Gjennomfør kartleggingssamtale"


class OpplaeringsplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.Opplaeringsplan"

    participant = factory.SubFactory(ParticipantFactory)
    received_on = factory.LazyFunction(datetime.date.today)
    school = _marker("opplaeringsplan", "skole")
    description = _marker("opplaeringsplan", "innhold")
    registered_by = factory.LazyAttribute(_staff)


class LaerekontraktFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.Laerekontrakt"

    participant = factory.SubFactory(ParticipantFactory)
    company = factory.SubFactory(CompanyFactory)
    laerefag = factory.SubFactory(LaerefagFactory)
    opplaeringskontor = _marker("laerekontrakt", "opplaeringskontor")
    signed_on = factory.LazyFunction(datetime.date.today)
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=730))
    registered_by = factory.LazyAttribute(_staff)


class FagbrevFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.Fagbrev"

    participant = factory.SubFactory(ParticipantFactory)
    laerefag = factory.SubFactory(LaerefagFactory)
    passed_on = factory.LazyFunction(datetime.date.today)
    registered_by = factory.LazyAttribute(_staff)


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "phases.Employment"

    participant = factory.SubFactory(ParticipantFactory)
    employer_name = _marker("arbeid", "arbeidsgiver")
    start_date = factory.LazyFunction(datetime.date.today)
    note = _marker("arbeid", "merknad")
    registered_by = factory.LazyAttribute(_staff)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "consent.Consent"

    participant = factory.SubFactory(ParticipantFactory)
    purpose = "kompetansekartlegging"
    shared_what = _marker("samtykke", "hva")
    shared_with = _marker("samtykke", "hvem")
    given_on = factory.LazyFunction(datetime.date.today)
    method = "signed_form"
    document = factory.django.FileField(
        filename="samtykke.pdf", data=b"%PDF-1.4 skannet-samtykke-hemmelig-innhold"
    )
    recorded_by = factory.LazyAttribute(_staff)


class ConsentWithdrawalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "consent.ConsentWithdrawal"

    consent = factory.SubFactory(ConsentFactory)
    withdrawn_on = factory.LazyFunction(datetime.date.today)
    note = _marker("tilbaketrekking", "merknad")
    recorded_by = factory.LazyAttribute(lambda w: w.consent.recorded_by)


class GuidanceInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "careerguidance.GuidanceInterest"

    participant = factory.SubFactory(ParticipantFactory)
    informed_on = factory.LazyFunction(datetime.date.today)
    note = _marker("interesse", "merknad")
    recorded_by = factory.LazyAttribute(_staff)


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "careerguidance.Appointment"

    participant = factory.SubFactory(ParticipantFactory)
    karriereveileder = factory.SubFactory(UserFactory, nav_kontor=None, roles=["karriereveileder"])
    starts_at = factory.LazyFunction(lambda: _now() - datetime.timedelta(days=30))
    mode = "fysisk"
    location = _marker("timeavtale", "sted")
    status = "held"
    booked_by = factory.LazyAttribute(_staff)


class GuidanceNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "careerguidance.GuidanceNote"

    appointment = factory.SubFactory(AppointmentFactory)
    school_work_experience = _marker("notat", "erfaring")
    interests = _marker("notat", "interesser")
    qualities = _marker("notat", "egenskaper")
    motivation_mastery = _marker("notat", "motivasjon")
    values = _marker("notat", "verdier")
    needs = _marker("notat", "behov")
    way_forward = _marker("notat", "veien-videre")
    open_questions = _marker("notat", "sporsmal")
    author = factory.LazyAttribute(lambda n: n.appointment.karriereveileder)


class KompetanseRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "careerguidance.KompetanseRequest"

    participant = factory.SubFactory(ParticipantFactory)
    consent = factory.SubFactory(ConsentFactory, participant=factory.SelfAttribute("..participant"))
    question = _marker("kompetanse", "sporsmal")
    requested_by = factory.LazyAttribute(_staff)
    completed_subjects = _marker("kompetanse", "fag")
    relevant_practice = _marker("kompetanse", "praksis")
    path = "laerekontrakt"
    estimated_months = 18
    plan_text = _marker("kompetanse", "plan")


class MatchEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "matching.MatchEvent"

    match = factory.SubFactory(MatchFactory)
    actor = factory.LazyAttribute(lambda e: e.match.proposed_by)
    from_status = "foreslatt"
    to_status = "til_vurdering"
    comment = _marker("matchhendelse", "kommentar")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Event"

    title = factory.Sequence(lambda n: f"Møteplass {n}")
    date = factory.LazyFunction(datetime.date.today)
    place = "Trondheim"
    nav_kontor = factory.SubFactory(NavKontorFactory)
    organiser = factory.SubFactory(UserFactory, roles=["markedsradgiver"])


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Invitation"

    event = factory.SubFactory(EventFactory)
    participant = factory.SubFactory(ParticipantFactory)
    invited_by = factory.LazyAttribute(_staff)
    outcome = "matchet"
    company = factory.SubFactory(CompanyFactory)


class LoopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "jobbloop.Loop"

    name = factory.Sequence(lambda n: f"JobbLoop {n}")
    start_date = factory.LazyFunction(datetime.date.today)
    nav_kontor = factory.SubFactory(NavKontorFactory)
    coordinator = factory.SubFactory(UserFactory, roles=["markedsradgiver"])


class LoopCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "jobbloop.LoopCandidate"

    loop = factory.SubFactory(LoopFactory)
    participant = factory.SubFactory(ParticipantFactory)
    start_position = 1
    added_by = factory.LazyAttribute(_staff)


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "jobbloop.Mentor"

    candidate = factory.SubFactory(LoopCandidateFactory)
    company = factory.SubFactory(CompanyFactory)
    name = _marker("mentor", "navn")
    phone = "47110815"


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notifications.Notification"

    participant = factory.SubFactory(ParticipantFactory)
    recipient = factory.LazyAttribute(_staff)
    kind = "match_decision"
    text = factory.LazyAttribute(lambda n: f"Match godkjent for {n.participant.full_name}.")
    dedup_key = factory.Sequence(lambda n: f"test:{n}")


class ParticipantMarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workday.ParticipantMark"

    participant = factory.SubFactory(ParticipantFactory)
    note = factory.LazyAttribute(lambda m: f"Ring {m.participant.first_name} om CV-en")
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=3))
    category = "lilla"
    updated_by = factory.LazyAttribute(_staff)


class ParticipantLookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workday.ParticipantLook"

    participant = factory.SubFactory(ParticipantFactory)
    user = factory.LazyAttribute(_staff)
    seen_at = factory.LazyFunction(timezone.now)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reminders.Delivery"

    participant = factory.SubFactory(ParticipantFactory)
    kind = "appointment"
    object_key = factory.Sequence(lambda n: f"appointment:{n}")
    period = "2026-01-01T10:00:00+01:00"
    address = factory.LazyAttribute(lambda d: f"email:{d.participant.email}")
    to_email = factory.LazyAttribute(lambda d: d.participant.email)
    subject = factory.LazyAttribute(lambda d: f"Påminnelse til {d.participant.first_name}")
    body = _marker("paminnelse", "tekst")
    status = "sent"


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "audit.AuditEvent"

    actor = factory.SubFactory(UserFactory, roles=["leder"])
    actor_ident = factory.LazyAttribute(lambda e: e.actor.nav_ident)
    participant = factory.SubFactory(ParticipantFactory)
    action = "view"
    what = "Deltakersiden"


class ParticipantGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "participants.ParticipantUserObjectPermission"

    content_object = factory.SubFactory(ParticipantFactory)
    user = factory.SubFactory(UserFactory, roles=["veileder"])
    permission = factory.LazyFunction(
        lambda: Permission.objects.get(
            content_type__app_label="participants", codename="view_participant"
        )
    )


def loaded_participant(**fields):
    """An ended case with at least one row of every declared model (core.personal_data),
    her own values distinctive enough to be searched for anywhere in the database."""
    from django.utils import timezone

    veileder = UserFactory(roles=["veileder"])
    defaults = dict(
        veileder=veileder,
        nav_kontor=veileder.nav_kontor,
        first_name="Sigrunhild",
        last_name="Qvistbakken",
        phone="98765431",
        email="sigrunhild.qvistbakken@example.no",
        street_address="Hemmeligveien 17",
        postal_code="7499",
        postal_place="Skjultvika",
        phase="avsluttet",
        phase_entered_at=timezone.now() - datetime.timedelta(days=365 * 6),
    )
    p = ParticipantFactory(**{**defaults, **fields})
    p.phone = "98765432"  # a second history row: a change a person made
    p.save()
    PhaseTransitionFactory(participant=p)
    kartlegging = KartleggingFactory(participant=p)
    kartlegging.housing = "Bor hos Qvistbakken-familien i Skjultvika"
    kartlegging.save()
    AgreementApprovalFactory(agreement=FollowUpAgreementFactory(participant=p))
    card = ActivityCardFactory(participant=p)
    ActivityMessageFactory(card=card)
    ActivityReadFactory(card=card)
    MeetingFactory(participant=p)
    ChecklistItemFactory(participant=p)
    OpplaeringsplanFactory(participant=p)
    LaerekontraktFactory(participant=p)
    FagbrevFactory(participant=p)
    # A day the overview's aggregate counted her (overview.aggregate.refresh writes these).
    FigureDay.objects.create(participant=p, figure="entered", day=datetime.date(2026, 1, 5))
    EmploymentFactory(participant=p)
    ConsentWithdrawalFactory(consent=ConsentFactory(participant=p))
    GuidanceInterestFactory(participant=p)
    GuidanceNoteFactory(appointment=AppointmentFactory(participant=p))
    KompetanseRequestFactory(participant=p)
    match = MatchFactory(
        participant=p, shared_summary="Qvistbakken liker dyr og trenger rolige arbeidsdager."
    )
    MatchEventFactory(match=match)
    InvitationFactory(participant=p)
    MentorFactory(candidate=LoopCandidateFactory(participant=p))
    NotificationFactory(participant=p)
    ParticipantMarkFactory(participant=p)
    ParticipantLookFactory(participant=p)
    DeliveryFactory(participant=p)
    AuditEventFactory(participant=p)
    ParticipantGrantFactory(content_object=p)
    return p
