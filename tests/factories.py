import datetime
import itertools

import factory
from django.contrib.auth.models import Group

from accounts.models import NavKontor, User
from core.identity import make_identity
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


class NavKontorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NavKontor

    enhetsnummer = factory.Sequence(lambda n: f"{9000 + n:04d}")
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
