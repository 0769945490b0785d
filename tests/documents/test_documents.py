"""The consent form, the agreement, the meeting notes and the JobbLoop certificate: each
link asks a real worker (through the real broker) for the PDF, the status page follows it."""

import datetime

import pytest
from django.urls import reverse

from jobbloop.models import LoopCandidate, Mentor
from jobbloop.services import loop_create
from phases.services import agreement_save, meeting_record
from tests.celery_worker import Workers
from tests.documents.pdfs import from_worker, pdf_text
from tests.factories import CompanyFactory

pytestmark = [pytest.mark.postgres, pytest.mark.broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def module_worker(tmp_path_factory):
    """One worker for the module (starting one costs seconds), writing where tests read."""
    w = Workers(log_dir=tmp_path_factory.mktemp("worker"))
    media = tmp_path_factory.mktemp("media")
    w.start(MEDIA_ROOT=str(media))
    w.media = media
    yield w
    w.stop()


@pytest.fixture
def worker(module_worker, settings, _media_in_tmp):
    settings.MEDIA_ROOT = module_worker.media
    settings.DOCUMENTS_QUEUE = module_worker.queue
    return module_worker


def text(client, url, worker) -> str:
    return pdf_text(from_worker(client, url, worker))


def test_consent_form_is_prefilled_with_signature_lines(client, worker, veileder, participant):
    client.force_login(veileder)
    body = text(
        client,
        reverse("documents:consent_form", args=[participant.uuid, "kompetansekartlegging"]),
        worker,
    )
    assert participant.full_name in body and participant.fodselsnummer in body
    assert "kompetansekartlegging" in body and "Underskrift" in body
    assert (
        client.get(reverse("documents:consent_form", args=[participant.uuid, "tull"])).status_code
        == 404
    )


def test_follow_up_agreement_prints_the_current_version(client, worker, veileder, participant):
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
    body = text(client, reverse("documents:agreement", args=[participant.uuid]), worker)
    assert "versjon 2" in body and "Hver 2. uke" in body and "Fast jobb som kokk" in body
    assert "Arbeidsgiver" in body


def test_meeting_record_pdf(client, worker, veileder, participant):
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
    body = text(client, reverse("documents:meeting", args=[participant.uuid, meeting.uuid]), worker)
    assert (
        "Oppstartsmøte" in body
        and "Avtalt HMS-kurs første uke." in body
        and "2. november 2026" in body
    )


def test_shared_certificate_lists_the_three_companies_periods_and_mentors(
    client, worker, veileder, participant
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
    url = reverse("documents:loop_certificate", args=[loop.uuid, candidate.uuid])
    body = text(client, url, worker)
    for c in companies:
        assert c.name in body
    assert "Mona Mentor" in body and "31. mai 2026" in body
