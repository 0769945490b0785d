import pytest
from django.contrib.auth.models import Permission
from guardian.shortcuts import assign_perm

from participants.access import CHANGE, REASSIGN, VIEW
from participants.models import Adressebeskyttelse
from participants.selectors import participants_visible_to
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def sees(user, participant, perm=VIEW) -> bool:
    in_list = participants_visible_to(user, perm).filter(pk=participant.pk).exists()
    # The object check and the queryset are the same rule; they must never disagree.
    assert user.has_perm(perm, participant) == in_list
    return in_list


def test_veileder_sees_and_changes_only_her_own(participant, veileder, colleague, other_veileder):
    assert sees(veileder, participant)
    assert sees(veileder, participant, CHANGE)
    assert not sees(veileder, participant, REASSIGN)
    assert not sees(colleague, participant)
    assert not sees(other_veileder, participant)


def test_leder_sees_whole_office_and_may_reassign(participant, leder, other_leder):
    assert sees(leder, participant)
    assert sees(leder, participant, REASSIGN)
    assert not sees(other_leder, participant)


@pytest.mark.parametrize(
    "persona", ["markedsradgiver", "karriereveileder", "fagopplaering", "outsider"]
)
def test_other_roles_see_no_participant_case(request, participant, persona):
    assert not sees(request.getfixturevalue(persona), participant)


@pytest.mark.parametrize(
    "protection",
    [
        {"adressebeskyttelse": Adressebeskyttelse.STRENGT_FORTROLIG},
        {"adressebeskyttelse": Adressebeskyttelse.FORTROLIG},
        {"skjermet": True},
    ],
)
def test_protected_participant_hidden_even_from_own_veileder_and_leder(
    veileder, leder, cleared_veileder, protection
):
    protected = ParticipantFactory(veileder=veileder, nav_kontor=veileder.nav_kontor, **protection)
    assert not sees(veileder, protected)
    assert not sees(leder, protected)
    protected_for_cleared = ParticipantFactory(
        veileder=cleared_veileder, nav_kontor=cleared_veileder.nav_kontor, **protection
    )
    assert sees(cleared_veileder, protected_for_cleared)


def test_clearance_is_per_kind(veileder):
    veileder.user_permissions.add(
        Permission.objects.get(codename="view_fortrolig", content_type__app_label="participants")
    )
    kode7 = ParticipantFactory(
        veileder=veileder,
        nav_kontor=veileder.nav_kontor,
        adressebeskyttelse=Adressebeskyttelse.FORTROLIG,
    )
    kode6 = ParticipantFactory(
        veileder=veileder,
        nav_kontor=veileder.nav_kontor,
        adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG,
    )
    veileder = type(veileder).objects.get(pk=veileder.pk)  # fresh permission cache
    assert sees(veileder, kode7)
    assert not sees(veileder, kode6)


def test_explicit_guardian_grant_gives_a_stand_in_access(participant, colleague):
    assign_perm("participants.view_participant", colleague, participant)
    colleague = type(colleague).objects.get(pk=colleague.pk)
    assert sees(colleague, participant)
    assert not sees(colleague, participant, CHANGE)


def test_inactive_user_sees_nothing(participant, veileder):
    veileder.is_active = False
    veileder.save()
    assert not participants_visible_to(veileder).exists()
