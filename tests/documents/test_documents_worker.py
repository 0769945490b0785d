"""PDFs rendered by a real Celery worker through the real broker, followed on the page."""

import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audit.models import AuditAction, AuditEvent
from documents.models import Document, DocumentStatus
from documents.services import REDISPATCH_AFTER
from documents.tasks import sweep
from tests.celery_worker import Workers, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(settings, tmp_path):
    w = Workers(log_dir=tmp_path)
    # The worker writes files where this process reads them.
    w.start(MEDIA_ROOT=str(settings.MEDIA_ROOT))
    with override_settings(DOCUMENTS_QUEUE=w.queue):
        yield w
    w.stop()


def _ready(document) -> bool:
    document.refresh_from_db()
    return document.status == DocumentStatus.READY


def test_a_worker_renders_the_innsyn_and_the_page_offers_it(client, worker, veileder, participant):
    client.force_login(veileder)
    response = client.get(reverse("documents:innsyn_pdf", args=[participant.uuid]))
    status_url = response["Location"]
    document = Document.objects.get(participant=participant)
    assert document.dispatched_at is not None  # handed to the broker after the commit

    def page_says_ready():
        fragment = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
        return "PDF-en er klar" in fragment

    assert wait_for(page_says_ready, timeout=90), (worker.log_dir / "worker0.log").read_text()
    # Asked again with nothing changed: the stored file, no second render.
    again = client.get(reverse("documents:innsyn_pdf", args=[participant.uuid]))
    assert again["Location"] == status_url
    assert Document.objects.filter(participant=participant).count() == 1

    download = client.get(
        reverse("documents:document_download", args=[participant.uuid, document.uuid])
    )
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert participant.full_name in reader.pages[0].extract_text()
    assert AuditEvent.objects.filter(participant=participant, action=AuditAction.PDF).count() == 1


def test_the_sweep_hands_on_a_document_whose_message_was_lost(worker, veileder, participant):
    from documents.innsyn import innsyn_sections
    from documents.services import document_request

    document, _new = document_request(
        participant=participant,
        kind="innsyn",
        template="documents/innsyn.html",
        context={
            "title": "Innsyn i egne opplysninger",
            "participant": participant,
            "sections": innsyn_sections(participant),
            "office_name": participant.nav_kontor.name,
        },
        actor=veileder,
    )
    # Never handed on (the broker was away when it was asked for), and old enough.
    Document.objects.filter(pk=document.pk).update(created_at=timezone.now() - REDISPATCH_AFTER * 2)
    assert sweep() == 1
    assert wait_for(lambda: _ready(document), timeout=90)
    assert sweep() == 0
