"""Roles, clearances and grants come from the session until they change; a change takes
effect on the next request (accounts.access_cache)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from guardian.shortcuts import assign_perm, remove_perm

from participants.models import Adressebeskyttelse
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _clearance(codename):
    return Permission.objects.get(content_type__app_label="participants", codename=codename)


def _tables_read(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(q["sql"] for q in ctx.captured_queries)


def test_steady_pages_read_no_roles_permissions_or_grants(client, veileder, participant):
    client.force_login(veileder)
    url = reverse("participants:detail", args=[participant.uuid])
    for _ in range(2):
        sql = _tables_read(client, url)
        assert "auth_group" not in sql
        assert "auth_permission" not in sql
        assert "participantuserobjectpermission" not in sql


def test_losing_a_role_takes_effect_on_the_next_request(client, veileder):
    client.force_login(veileder)
    caseload = reverse("participants:caseload")
    assert client.get(caseload).status_code == 200
    veileder.groups.remove(Group.objects.get(name="veileder"))
    assert client.get(caseload).status_code == 404
    # Given back from the group's side this time.
    Group.objects.get(name="veileder").user_set.add(veileder)
    assert client.get(caseload).status_code == 200


def test_a_clearance_takes_effect_on_the_next_request(client, veileder):
    hidden = ParticipantFactory(
        veileder=veileder,
        nav_kontor=veileder.nav_kontor,
        adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG,
    )
    url = reverse("participants:detail", args=[hidden.uuid])
    client.force_login(veileder)
    assert client.get(url).status_code == 404
    veileder.user_permissions.add(_clearance("view_strengt_fortrolig"))
    assert client.get(url).status_code == 200
    veileder.user_permissions.clear()
    assert client.get(url).status_code == 404


def test_a_clearance_through_a_group_takes_effect_on_the_next_request(client, veileder):
    hidden = ParticipantFactory(veileder=veileder, nav_kontor=veileder.nav_kontor, skjermet=True)
    url = reverse("participants:detail", args=[hidden.uuid])
    client.force_login(veileder)
    assert client.get(url).status_code == 404
    group = Group.objects.get(name="veileder")
    group.permissions.add(_clearance("view_skjermet"))
    assert client.get(url).status_code == 200
    group.permissions.remove(_clearance("view_skjermet"))
    assert client.get(url).status_code == 404


def test_a_grant_takes_effect_on_the_next_request(client, colleague, participant):
    url = reverse("participants:detail", args=[participant.uuid])
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    assign_perm("participants.view_participant", colleague, participant)
    assert client.get(url).status_code == 200
    remove_perm("participants.view_participant", colleague, participant)
    assert client.get(url).status_code == 404


def test_another_users_session_entry_is_not_used(client, veileder, colleague, participant):
    client.force_login(veileder)
    url = reverse("participants:detail", args=[participant.uuid])
    assert client.get(url).status_code == 200
    session = client.session
    entry = session["_access"]
    client.force_login(colleague)
    session = client.session
    # A stale or foreign entry (same version number, other user) is read again, not trusted.
    session["_access"] = {**entry, "v": colleague.access_version}
    session.save()
    assert client.get(url).status_code == 404


def test_an_entry_from_before_a_superuser_change_is_read_again(veileder):
    from accounts.access_cache import restore, snapshot

    entry = snapshot(veileder)
    assert restore(veileder, entry)
    veileder.is_superuser = True
    veileder.save(update_fields=["is_superuser"])
    # Her permissions were kept for a non-superuser; the flag on her row says they are stale.
    assert not restore(veileder, entry)
