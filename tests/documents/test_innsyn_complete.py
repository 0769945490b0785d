"""The innsyn copy covers every declared table: new models join by being declared."""

import json

import pytest
from django.db import models
from django.urls import reverse

from core.personal_data import declarations, derived_sections, rows_of, value_of
from documents.innsyn import _text, innsyn_json
from tests.factories import loaded_participant

pytestmark = pytest.mark.django_db


def _candidates(declaration, obj) -> set[str]:
    """What of a row could show in the copy: its own text and its columns as printed."""
    found = {
        str(getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and getattr(obj, f.attname)
    }
    found |= {_text(value_of(obj, accessor)) for _label, accessor in declaration.columns}
    return {v for v in found if len(v) >= 5 and v not in {"Nei", "Ja"}}


# Declared (and anonymised) like the rest, but described in the innsyn instead of listed.
DESCRIBED_NOT_LISTED = {
    "documents.Document": "stored copies of the innsyn itself (documents/personal_data.py)",
}


def test_a_fully_loaded_participant_sees_a_value_from_every_declared_model(client):
    participant = loaded_participant()
    client.force_login(participant.veileder)
    response = client.get(reverse("documents:innsyn_json", args=[participant.uuid]))
    assert response.status_code == 200
    data = json.loads(response.content)
    by_title = {s["tittel"]: json.dumps(s, ensure_ascii=False) for s in data["seksjoner"]}
    for declaration in declarations():
        if declaration.model in DESCRIBED_NOT_LISTED:
            assert declaration.title in by_title
            continue
        rows = list(rows_of(declaration, participant))
        assert rows, f"loaded_participant() makes no {declaration.model}: add a factory"
        section = by_title.get(declaration.title)
        assert section is not None, declaration.title
        for obj in rows:
            assert any(v in section for v in _candidates(declaration, obj)), (
                f"{declaration.model} row {obj.pk} is not in the section «{declaration.title}»"
            )
        if declaration.history_model is not None and declaration.history_title:
            # Earlier versions as changes: the first one made, then what each edit changed.
            history = json.loads(by_title[declaration.history_title])
            records = list(rows_of(declaration, participant, history=True))
            assert len(records) >= 2
            assert len(history["rader"]) == len(records)
            assert history["rader"][-1]["Endring"] == "Opprettet"
    assert "Bor hos Qvistbakken-familien" in by_title["Kartlegging – tidligere versjoner"]
    # Her change history and the disclosures come from several tables.
    assert "98765431" in by_title["Endringer i opplysningene"]
    assert "Fagopplæringen" in by_title["Utleverte opplysninger"]
    assert "Qvistbakken liker dyr" in by_title["Utleverte opplysninger"]
    assert len(derived_sections()) >= 2


def test_sections_follow_her_journey_and_empty_ones_say_so(client, participant):
    client.force_login(participant.veileder)
    data = json.loads(client.get(reverse("documents:innsyn_json", args=[participant.uuid])).content)
    titles = [s["tittel"] for s in data["seksjoner"]]
    assert titles[0] == "Personopplysninger"
    assert titles.index("Kartlegging") < titles.index("Møter") < titles.index("Samtykker")
    assert titles.index("Matcher med bedrifter") < titles.index("Fagbrev")
    assert titles[-1] == "Hvem har sett på opplysningene dine"
    meetings = next(s for s in data["seksjoner"] if s["tittel"] == "Møter")
    assert meetings["rader"] == []


def test_the_pdf_says_ingen_opplysninger_for_an_empty_section(client, participant):
    from tests.documents.test_innsyn import innsyn_pdf, pdf_text

    client.force_login(participant.veileder)
    text = pdf_text(b"".join(innsyn_pdf(client, participant).streaming_content))
    assert "Kartlegging" in text
    assert "Ingen opplysninger." in text


def test_innsyn_queries_do_not_grow_with_rows_per_section(django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories as f

    participant = loaded_participant()
    with CaptureQueriesContext(connection) as once:
        innsyn_json(participant)
    for n in range(4):
        participant.phone = f"9000000{n}"
        participant.save()
        f.PhaseTransitionFactory(participant=participant)
        f.MeetingFactory(participant=participant)
        f.ActivityMessageFactory(card=f.ActivityCardFactory(participant=participant))
        f.FollowUpAgreementFactory(participant=participant)
        f.ConsentWithdrawalFactory(consent=f.ConsentFactory(participant=participant))
        f.GuidanceNoteFactory(appointment=f.AppointmentFactory(participant=participant))
        f.KompetanseRequestFactory(participant=participant)
        f.MatchEventFactory(match=f.MatchFactory(participant=participant, shared_summary="x"))
        f.MentorFactory(candidate=f.LoopCandidateFactory(participant=participant))
        f.InvitationFactory(participant=participant)
        f.NotificationFactory(participant=participant)
        f.DeliveryFactory(participant=participant)
        f.AuditEventFactory(participant=participant)
        f.EmploymentFactory(participant=participant)
    with django_assert_num_queries(len(once.captured_queries)):
        data = innsyn_json(participant)
    meetings = next(s for s in data["seksjoner"] if s["tittel"] == "Møter")
    assert len(meetings["rader"]) == 5
