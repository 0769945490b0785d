import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from jobbloop.models import LoopCandidate, Mentor
from jobbloop.services import loop_create
from phases.services import agreement_save, meeting_record
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_consent_form_is_prefilled_with_signature_lines(client, veileder, participant):
    client.force_login(veileder)
    body = text(
        client.get(
            reverse("documents:consent_form", args=[participant.uuid, "kompetansekartlegging"])
        )
    )
    assert participant.full_name in body and participant.fodselsnummer in body
    assert "kompetansekartlegging" in body and "Underskrift" in body
    assert (
        client.get(reverse("documents:consent_form", args=[participant.uuid, "tull"])).status_code
        == 404
    )


def test_follow_up_agreement_prints_the_current_version(client, veileder, participant):
    client.force_login(veileder)
    assert (
        client.get(reverse("documents:agreement", args=[participant.uuid])).status_code == 302
    )  # none yet
    base = {
        "goals": "Fast jobb som kokk",
        "valid_from": datetime.date(2026, 11, 1),
        "valid_to": None,
        "extension": "",
        "followup_frequency": "Hver 4. uke",
        "followup_purpose": "",
        "responsible": "NAV og mentor",
    }
    agreement_save(participant=participant, actor=veileder, **base)
    agreement_save(
        participant=participant, actor=veileder, **{**base, "followup_frequency": "Hver 2. uke"}
    )
    body = text(client.get(reverse("documents:agreement", args=[participant.uuid])))
    assert "versjon 2" in body and "Hver 2. uke" in body and "Fast jobb som kokk" in body
    assert "Arbeidsgiver" in body


def test_meeting_record_pdf(client, veileder, participant):
    meeting = meeting_record(
        participant=participant,
        actor=veileder,
        kind="oppstartsmote",
        held_on=datetime.date(2026, 11, 2),
        place="arbeidsplassen",
        attendees="Kandidat, leder, markedskontakt",
        summary="Avtalt HMS-kurs første uke.",
    )
    client.force_login(veileder)
    body = text(client.get(reverse("documents:meeting", args=[participant.uuid, meeting.uuid])))
    assert (
        "Oppstartsmøte" in body
        and "Avtalt HMS-kurs første uke." in body
        and "2. november 2026" in body
    )


def test_shared_certificate_lists_the_three_companies_periods_and_mentors(
    client, veileder, participant
):
    companies = [CompanyFactory(name=f"Loopbedrift {i}") for i in range(1, 4)]
    loop = loop_create(
        actor=veileder, name="Loop Sør", start_date=datetime.date(2026, 1, 31), companies=companies
    )
    candidate = LoopCandidate.objects.create(
        loop=loop, participant=participant, start_position=2, added_by=veileder
    )
    Mentor.objects.create(candidate=candidate, company=companies[1], name="Mona Mentor")
    client.force_login(veileder)
    body = text(client.get(reverse("documents:loop_certificate", args=[loop.uuid, candidate.uuid])))
    for c in companies:
        assert c.name in body
    assert "Mona Mentor" in body and "31. mai 2026" in body
