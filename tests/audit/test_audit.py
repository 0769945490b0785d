import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from audit.selectors import audit_for_participant
from participants.permissions import get_participant_for_user
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_opening_a_participant_writes_one_view_event_with_who_where_and_request(
    client, veileder, participant
):
    client.force_login(veileder)
    response = client.get(
        reverse("participants:detail", args=[participant.uuid]), REMOTE_ADDR="10.1.2.3"
    )
    event = AuditEvent.objects.get(participant=participant, action=AuditAction.VIEW)
    assert event.actor == veileder
    assert event.actor_ident == veileder.nav_ident
    assert event.actor_roles == "veileder"
    assert event.actor_office == veileder.nav_kontor.enhetsnummer
    assert event.ip == "10.1.2.3"
    assert event.request_id == response["X-Request-ID"]
    assert event.path == reverse("participants:detail", args=[participant.uuid])


def test_a_refused_look_writes_nothing(client, colleague, participant):
    client.force_login(colleague)
    assert client.get(reverse("participants:detail", args=[participant.uuid])).status_code == 404
    assert not AuditEvent.objects.exists()


def test_list_page_writes_one_event_naming_who_was_on_it(client, veileder):
    shown = ParticipantFactory.create_batch(3, veileder=veileder)
    client.force_login(veileder)
    client.get(reverse("participants:caseload"))
    event = AuditEvent.objects.get(action=AuditAction.LIST)
    assert sorted(event.participant_ids) == sorted(p.pk for p in shown)
    assert AuditEvent.objects.count() == 1
    assert list(audit_for_participant(shown[0])) == [event]


def test_showing_the_full_fodselsnummer_is_audited(client, veileder, participant):
    client.force_login(veileder)
    client.get(
        reverse("participants:fodselsnummer", args=[participant.uuid]), HTTP_HX_REQUEST="true"
    )
    assert (
        AuditEvent.objects.filter(participant=participant, action=AuditAction.SHOW_FNR).count() == 1
    )


def test_a_change_is_audited_with_what_changed(client, veileder, participant):
    client.force_login(veileder)
    client.post(
        reverse("participants:edit_contact", args=[participant.uuid]),
        {
            "phone": "40000000",
            "email": "",
            "street_address": "",
            "postal_code": "",
            "postal_place": "",
        },
    )
    change = AuditEvent.objects.get(participant=participant, action=AuditAction.CHANGE)
    assert "telefon" in change.what


def test_the_look_is_logged_once_per_request_and_survives_a_failing_request(veileder, participant):
    from audit.context import RequestContext, _current

    token = _current.set(RequestContext(request_id="r1", ip=None, path="/x"))
    try:
        get_participant_for_user(veileder, participant.uuid)
        get_participant_for_user(veileder, participant.uuid)
        with pytest.raises(RuntimeError):
            # The request fails after the read; the read is already on record.
            raise RuntimeError("view crashed after reading")
    finally:
        _current.reset(token)
    assert AuditEvent.objects.filter(participant=participant, request_id="r1").count() == 1


@pytest.mark.postgres
def test_the_database_refuses_to_edit_or_delete_audit_rows(client, veileder, participant):
    client.force_login(veileder)
    client.get(reverse("participants:detail", args=[participant.uuid]))
    event = AuditEvent.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(what="forfalsket")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert connection.vendor == "postgresql"


def test_admin_cannot_change_or_delete_audit_rows(client, admin_user, veileder, participant):
    client.force_login(veileder)
    client.get(reverse("participants:detail", args=[participant.uuid]))
    event = AuditEvent.objects.get()
    client.force_login(admin_user)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert (
        client.post(
            reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_leder_searches_her_office_only(
    client, leder, other_leder, veileder, other_veileder, participant
):
    other_participant = ParticipantFactory(veileder=other_veileder)
    client.force_login(veileder)
    client.get(reverse("participants:detail", args=[participant.uuid]))
    client.force_login(other_veileder)
    client.get(reverse("participants:detail", args=[other_participant.uuid]))

    client.force_login(leder)
    events = list(client.get(reverse("audit:log")).context["page"].object_list)
    assert [e.participant for e in events] == [participant]
    # Searched by POST: the number is kept behind a token, never in the URL (core.search).
    by_fnr = client.post(
        reverse("audit:log"), {"fodselsnummer": other_participant.fodselsnummer}, follow=True
    )
    assert list(by_fnr.context["page"].object_list) == []
    by_ident = client.get(reverse("audit:log"), {"nav_ident": veileder.nav_ident.lower()})
    assert [e.actor for e in by_ident.context["page"].object_list] == [veileder]


def test_audit_search_rejects_bad_input_with_a_message(client, leder):
    client.force_login(leder)
    response = client.post(
        reverse("audit:log"),
        {"fodselsnummer": "123", "date_from": "2026-02-01", "date_to": "2026-01-01"},
        follow=True,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "11 sifre" in body


def test_audit_log_query_count_is_fixed(client, leder, veileder, django_assert_num_queries):
    for p in ParticipantFactory.create_batch(30, veileder=veileder):
        client.force_login(veileder)
        client.get(reverse("participants:detail", args=[p.uuid]))
    client.force_login(leder)
    client.get(reverse("audit:log"))
    # +2: the leder's own and her groups' permissions, read once for the protection rule
    # (rows about protected persons only for users cleared for them).
    for size in (10, 25):
        with django_assert_num_queries(5):
            response = client.get(reverse("audit:log"), {"per_side": size})
        assert len(response.context["page"].object_list) == size


def test_each_look_is_one_cef_line_for_the_central_audit_system(
    client, veileder, participant, caplog
):
    import logging

    client.force_login(veileder)
    with caplog.at_level(logging.INFO, logger="auditLogger"):
        client.get(reverse("participants:detail", args=[participant.uuid]))
    [record] = [r for r in caplog.records if r.name == "auditLogger"]
    line = record.getMessage()
    assert record.levelno == logging.INFO
    assert line.startswith("CEF:0|trondelag|AuditLogger|1.0|audit:view|Så på|INFO|")
    assert f"suid={veileder.nav_ident}" in line
    assert f"duid={participant.uuid}" in line
    assert participant.fodselsnummer not in line and participant.last_name not in line


def test_a_look_at_a_protected_person_is_a_cef_warning(client, cleared_veileder, caplog):
    import logging

    from participants.models import Adressebeskyttelse
    from tests.factories import ParticipantFactory

    protected = ParticipantFactory(
        nav_kontor=cleared_veileder.nav_kontor,
        veileder=cleared_veileder,
        adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG,
    )
    client.force_login(cleared_veileder)
    with caplog.at_level(logging.INFO, logger="auditLogger"):
        response = client.get(reverse("participants:detail", args=[protected.uuid]))
    assert response.status_code == 200
    [record] = [r for r in caplog.records if r.name == "auditLogger"]
    assert record.levelno == logging.WARNING
    assert "|WARN|" in record.getMessage()


def test_rows_about_a_protected_person_only_for_a_cleared_reader(client, leder, cleared_veileder):
    from participants.models import Adressebeskyttelse
    from tests.factories import UserFactory

    protected = ParticipantFactory(
        veileder=cleared_veileder, adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG
    )
    ordinary = ParticipantFactory(veileder=cleared_veileder)
    client.force_login(cleared_veileder)
    for p in (protected, ordinary):
        client.get(reverse("participants:detail", args=[p.uuid]))
    client.get(reverse("participants:caseload"))  # a list row naming both

    client.force_login(leder)
    response = client.get(reverse("audit:log"))
    body = response.content.decode()
    events = list(response.context["page"].object_list)
    assert [e.participant for e in events if e.participant] == [ordinary]
    assert protected.last_name not in body and protected.masked_fodselsnummer not in body
    assert "1 i listen" in body and "2 i listen" not in body
    searched = client.post(
        reverse("audit:log"), {"fodselsnummer": protected.fodselsnummer}, follow=True
    )
    assert list(searched.context["page"].object_list) == []

    cleared_leder = UserFactory(
        nav_kontor=leder.nav_kontor, roles=["leder"], clearances=["view_strengt_fortrolig"]
    )
    client.force_login(cleared_leder)
    body = client.get(reverse("audit:log")).content.decode()
    assert protected.last_name in body and "2 i listen" in body
