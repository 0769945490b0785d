"""Django admin is no back door to participant data."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from core.admin import PersonalDataAdmin, participant_path
from core.personal_data import linked_models
from participants.models import Adressebeskyttelse, Laerefag, Participant
from phases.models import Meeting
from tests.factories import MeetingFactory, ParticipantFactory, UserFactory, loaded_participant

pytestmark = pytest.mark.django_db

ROLES = ["veileder", "leder", "markedsradgiver", "karriereveileder", "fagopplaering"]


def participant_admins():
    linked = set(linked_models().values())
    return {
        model: model_admin for model, model_admin in admin.site._registry.items() if model in linked
    }


def staff_with_every_permission(role):
    """The most an admin user of a role could be given: every permission there is."""
    user = UserFactory(roles=[role], is_staff=True)
    user.user_permissions.add(*Permission.objects.all())
    return user


def an_object_of(model, participant):
    path = participant_path(model)
    return model._default_manager.filter(
        **({"pk": participant.pk} if not path else {path: participant})
    ).first()


def test_every_participant_linked_model_in_admin_uses_the_locked_admin():
    admins = participant_admins()
    assert Participant in admins and Meeting in admins
    for model, model_admin in admins.items():
        assert isinstance(model_admin, PersonalDataAdmin), model


def test_every_participant_change_page_is_read_only_for_every_role(client, admin_user):
    participant = loaded_participant()
    users = [admin_user, *(staff_with_every_permission(role) for role in ROLES)]
    for user in users:
        client.force_login(user)
        for model, _model_admin in participant_admins().items():
            obj = an_object_of(model, participant)
            assert obj is not None, model
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
            )
            page = client.get(url)
            assert page.status_code == 200, (model, user, page.status_code)
            html = page.content.decode()
            assert 'name="_save"' not in html, (model, user)
            assert 'name="_continue"' not in html, (model, user)
            assert participant.fodselsnummer not in html, (model, user)
            assert client.post(url, {"first_name": "Endret"}).status_code in (302, 403)
    participant.refresh_from_db()
    assert participant.first_name == "Sigrunhild"


def test_no_bulk_delete_of_participants(client, admin_user, participant):
    client.force_login(admin_user)
    page = client.get(reverse("admin:participants_participant_changelist"))
    assert page.status_code == 200
    assert "delete_selected" not in page.content.decode()
    response = client.post(
        reverse("admin:participants_participant_changelist"),
        {"action": "delete_selected", "_selected_action": [participant.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert Participant.objects.filter(pk=participant.pk).exists()
    delete_url = reverse("admin:participants_participant_delete", args=[participant.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_protected_persons_are_absent_for_an_uncleared_admin(client, admin_user, veileder):
    kode6 = ParticipantFactory(
        veileder=veileder,
        last_name="Skjultesen",
        adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG,
    )
    skjermet = ParticipantFactory(veileder=veileder, last_name="Skjermesen", skjermet=True)
    MeetingFactory(participant=kode6, summary="Referat om Skjultesen")
    visible = ParticipantFactory(veileder=veileder, last_name="Synligsen")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:participants_participant_changelist")).content.decode()
    assert "Synligsen" in listing
    assert "Skjultesen" not in listing and "Skjermesen" not in listing
    change = client.get(reverse("admin:participants_participant_change", args=[kode6.pk]))
    assert change.status_code == 302  # as for an id that does not exist
    meetings = client.get(reverse("admin:phases_meeting_changelist")).content.decode()
    assert "Skjultesen" not in meetings
    assert (
        client.get(
            reverse("admin:participants_participant_permissions", args=[skjermet.pk])
        ).status_code
        == 404
    )
    assert not AuditEvent.objects.filter(participant__in=[kode6, skjermet]).exists()

    # An explicit clearance, not superuser status, lets her see them.
    admin_user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="participants",
            codename__in=["view_strengt_fortrolig", "view_fortrolig", "view_skjermet"],
        )
    )
    client.force_login(admin_user)
    listing = client.get(reverse("admin:participants_participant_changelist")).content.decode()
    assert "Skjultesen" in listing and "Skjermesen" in listing and visible.last_name in listing


def test_opening_participant_data_in_admin_writes_an_audit_row(client, admin_user, participant):
    client.force_login(admin_user)
    client.get(reverse("admin:participants_participant_change", args=[participant.pk]))
    looks = AuditEvent.objects.filter(
        participant=participant, action=AuditAction.VIEW, actor=admin_user
    )
    assert looks.count() == 1
    assert looks.get().what.startswith("Admin:")
    meeting = MeetingFactory(participant=participant)
    client.get(reverse("admin:phases_meeting_change", args=[meeting.pk]))
    assert looks.count() == 2
    client.get(reverse("admin:participants_participant_changelist"))
    listed = AuditEvent.objects.filter(action=AuditAction.LIST, actor=admin_user).latest("id")
    assert participant.pk in listed.participant_ids
    client.get(reverse("admin:participants_participant_permissions", args=[participant.pk]))
    assert looks.count() == 3


def test_admin_keeps_full_control_of_reference_data_users_and_grants(
    client, admin_user, participant
):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:participants_laerefag_add"),
        {"code": "TST9-99", "name": "Testfag for admin", "programomrade": "HO"},
    )
    assert response.status_code == 302
    assert Laerefag.objects.filter(code="TST9-99").exists()
    grants = client.get(
        reverse("admin:participants_participant_permissions", args=[participant.pk])
    )
    assert grants.status_code == 200
    user = UserFactory()
    assert client.get(reverse("admin:accounts_user_change", args=[user.pk])).status_code == 200
