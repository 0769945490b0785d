import datetime

import pytest
from django.db.models import Count, Max

from accounts.models import User
from core.identity import parse_identity
from demo.data import demo_logins, seed_demo
from participants.models import Participant, Phase
from phases.models import Fagbrev, PhaseTransition

pytestmark = pytest.mark.django_db


def snapshot():
    return list(
        Participant.objects.order_by("fodselsnummer").values_list(
            "fodselsnummer",
            "first_name",
            "last_name",
            "phase",
            "next_followup_due",
            "veileder__nav_ident",
            "uuid",
        )
    )


def test_same_seed_gives_the_same_rows(settings):
    settings.DEBUG = True
    seed_demo(participants=300, seed=7)
    first = snapshot()
    seed_demo(participants=300, seed=7, reset=True)
    assert snapshot() == first
    seed_demo(participants=300, seed=8, reset=True)
    assert snapshot() != first


def test_identities_are_valid_synthetic_numbers_and_ages_fit_the_target_groups():
    seed_demo(participants=200, seed=1)
    for number, born in Participant.objects.values_list("fodselsnummer", "birth_date"):
        identity = parse_identity(number, allow_synthetic=True)
        assert identity.is_synthetic and identity.birth_date == born
        assert 15 <= (datetime.date(2026, 1, 1) - born).days // 365 <= 35


def test_personas_for_every_role_and_passwords_only_when_debug(settings):
    settings.DEBUG = False
    seed_demo(participants=150, seed=1)
    vera = User.objects.get(nav_ident="Z990001")
    assert set(vera.groups.values_list("name", flat=True)) == {"veileder"}
    assert not vera.has_usable_password()
    roles = set(
        User.objects.filter(nav_ident__startswith="Z99").values_list("groups__name", flat=True)
    )
    assert {"veileder", "leder", "markedsradgiver", "karriereveileder", "fagopplaering"} <= roles
    assert Participant.objects.filter(veileder=vera).count() == 60
    assert len(demo_logins()) == 9

    settings.DEBUG = True
    seed_demo(participants=150, seed=1, reset=True)
    assert User.objects.get(nav_ident="Z990001").check_password("demo")


def test_follow_up_dates_are_set_for_phases_with_a_rhythm_around_today():
    today = datetime.date(2026, 11, 24)
    seed_demo(participants=400, seed=3, today=today)
    followed = Participant.objects.filter(phase__in=[Phase.PRAKSIS, Phase.SKOLE, Phase.LARETID])
    assert followed.exists()
    assert not followed.filter(next_followup_due__isnull=True).exists()
    assert not Participant.objects.filter(
        phase=Phase.KARTLEGGE, next_followup_due__isnull=False
    ).exists()
    dues = followed.values_list("next_followup_due", flat=True)
    assert min(dues) >= today - datetime.timedelta(days=10)
    assert max(dues) <= today + datetime.timedelta(days=28)


def test_every_seeded_participant_has_a_timeline_ending_in_her_phase():
    seed_demo(participants=300, seed=11)
    per_person = dict(PhaseTransition.objects.values_list("participant").annotate(n=Count("id")))
    assert len(per_person) == Participant.objects.count()
    assert max(per_person.values()) >= 3  # several phases behind some of them
    last = dict(PhaseTransition.objects.values_list("participant").annotate(at=Max("created_at")))
    for p in Participant.objects.all():
        newest = PhaseTransition.objects.filter(participant=p).order_by("-created_at", "-id")[0]
        assert newest.to_phase == p.phase and last[p.pk] == p.phase_entered_at
        first = PhaseTransition.objects.filter(participant=p).order_by("created_at", "id")[0]
        assert first.from_phase == ""
    for f in Fagbrev.objects.select_related("participant"):
        assert f.participant.phase == "jobb"


def test_protected_persons_belong_only_to_veiledere_cleared_for_them(settings):
    import io

    from django.core.management import call_command

    from participants.access import cleared_for

    settings.DEBUG = True
    seed_demo(participants=1500, seed=5)
    protected = Participant.objects.exclude(adressebeskyttelse="", skjermet=False)
    assert protected.count() > 10
    others = protected.exclude(veileder__nav_ident="Z990004")
    assert others.exists()  # protected persons at other offices too
    for p in protected.select_related("veileder"):
        assert p.veileder is None or cleared_for(p.veileder, p), p.pk
    out = io.StringIO()
    call_command("demo_info", stdout=out)
    text = out.getvalue()
    assert "Z990004" in text
    for ident in others.exclude(veileder=None).values_list("veileder__nav_ident", flat=True):
        assert ident in text
