"""Anonymisation from the declarations: nothing of hers is left anywhere afterwards."""

import logging
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, models

from consent.models import Consent
from core.exceptions import DomainError
from core.personal_data import Keep, Wipe, declarations, rows_of
from participants.models import Participant, Phase
from participants.services import NOT_ENDED_MESSAGE, participant_anonymise
from phases.models import Kartlegging
from tests.factories import ParticipantFactory, loaded_participant

pytestmark = pytest.mark.django_db

# PostgreSQL type oids of the columns that hold text: text, varchar, char, json, jsonb.
TEXT_TYPES = {25, 1042, 1043, 114, 3802}


def her_values(participant) -> set[str]:
    """Every free-text value of hers in a declared table (and its history), as stored now."""
    values = {
        participant.first_name,
        participant.last_name,
        participant.full_name,
        participant.fodselsnummer,
        participant.email,
        participant.phone,
        participant.street_address,
        participant.postal_place,
    }
    for d in declarations():
        if isinstance(d.anonymise, Keep):
            continue
        kept = d.anonymise.keep if isinstance(d.anonymise, Wipe) else {}
        rows = list(rows_of(d, participant))
        if d.history_model is not None:
            rows += list(rows_of(d, participant, history=True))
        for obj in rows:
            for f in obj._meta.concrete_fields:
                if (
                    isinstance(f, models.CharField | models.TextField)
                    and not f.choices
                    and f.name not in kept
                    and not f.name.startswith("history_")
                ):
                    value = getattr(obj, f.attname)
                    if value and len(value) >= 5:
                        values.add(value)
    return values


def every_text_in_the_database() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name
                for c in connection.introspection.get_table_description(cursor, table)
                if c.type_code in TEXT_TYPES
            ]
            if not columns:
                continue
            select = ", ".join(f'"{c}"::text' for c in columns)
            cursor.execute(f'SELECT {select} FROM "{table}"')  # names from the catalog
            for row in cursor.fetchall():
                chunks.extend(v for v in row if v)
    return "\n".join(chunks)


def every_stored_file(settings) -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.postgres
def test_nothing_of_hers_is_left_in_any_table_or_in_media(
    settings, django_capture_on_commit_callbacks
):
    participant = loaded_participant()
    values = her_values(participant)
    files_before = every_stored_file(settings)
    assert any(b"skannet-samtykke" in content for content in files_before.values())
    assert participant.fodselsnummer in every_text_in_the_database()  # the search works

    with django_capture_on_commit_callbacks(execute=True):
        assert participant_anonymise(participant=participant) is True

    everything = every_text_in_the_database()
    left = sorted(v for v in values if v in everything)
    assert left == []
    assert not any(b"skannet-samtykke" in c for c in every_stored_file(settings).values())
    participant.refresh_from_db()
    assert participant.first_name == "Anonymisert"
    assert participant.fodselsnummer == f"A{participant.pk:010d}"
    assert participant.birth_date.month == participant.birth_date.day == 1
    assert participant.history.count() == 0
    assert Kartlegging.history.filter(participant=participant).count() == 0
    assert Consent.objects.filter(participant=participant).exclude(document="").count() == 0


def test_anonymising_twice_changes_nothing_the_second_time(django_capture_on_commit_callbacks):
    participant = loaded_participant()
    with django_capture_on_commit_callbacks(execute=True):
        assert participant_anonymise(participant=participant) is True
    participant.refresh_from_db()
    first = participant.anonymised_at
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert participant_anonymise(participant=participant) is False
    assert callbacks == []
    participant.refresh_from_db()
    assert participant.anonymised_at == first


def test_a_case_that_is_not_ended_is_refused_with_a_message():
    participant = ParticipantFactory(phase=Phase.PRAKSIS, first_name="Fortsattaktiv")
    with pytest.raises(DomainError) as refused:
        participant_anonymise(participant=participant)
    assert str(refused.value) == NOT_ENDED_MESSAGE
    assert "ikke avsluttet" in NOT_ENDED_MESSAGE
    participant.refresh_from_db()
    assert participant.first_name == "Fortsattaktiv"
    assert participant.anonymised_at is None


def test_a_file_already_missing_from_storage_is_logged_not_a_crash(
    caplog, django_capture_on_commit_callbacks
):
    participant = loaded_participant()
    consent = Consent.objects.filter(participant=participant).exclude(document="").first()
    consent.document.storage.delete(consent.document.name)
    with (
        caplog.at_level(logging.WARNING, logger="core.personal_data"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert participant_anonymise(participant=participant) is True
    assert "already missing" in caplog.text
    assert Participant.objects.get(pk=participant.pk).anonymised_at is not None


def test_the_command_anonymises_one_case_or_every_due_case(
    capsys, django_capture_on_commit_callbacks
):
    participant = loaded_participant()
    active = ParticipantFactory(phase=Phase.SKOLE)
    with pytest.raises(CommandError, match="ikke avsluttet"):
        call_command("anonymise", str(active.uuid))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise", str(participant.uuid))
    assert "anonymisert" in capsys.readouterr().out
    call_command("anonymise", str(participant.uuid))
    assert "allerede anonymisert" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("anonymise")
    due = loaded_participant()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise", "--due")
    assert "Anonymiserte 1 saker" in capsys.readouterr().out
    assert Participant.objects.get(pk=due.pk).anonymised_at is not None
    assert Participant.objects.get(pk=active.pk).anonymised_at is None
