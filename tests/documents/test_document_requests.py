"""Asking for a PDF writes a document row for a worker; the page follows its state."""

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from documents.models import Document, DocumentStatus
from documents.services import document_render
from documents.tasks import sweep
from tests.celery_worker import broker

pytestmark = pytest.mark.django_db
DEAD_PORT = 8799  # nothing listens here (this helper's range)


def ask(client, participant):
    response = client.get(reverse("documents:innsyn_pdf", args=[participant.uuid]))
    assert response.status_code == 302
    document = Document.objects.get(uuid=response["Location"].rstrip("/").split("/")[-1])
    assert response["Location"] == reverse(
        "documents:document", args=[participant.uuid, document.uuid]
    )
    return document


def test_asking_writes_a_pending_document_and_renders_nothing_in_the_request(
    client, veileder, participant
):
    client.force_login(veileder)
    document = ask(client, participant)
    assert document.status == DocumentStatus.PENDING
    assert not document.file
    assert participant.full_name in document.source_html
    # Nothing was read by the asker yet: the download is the look that is logged.
    assert not AuditEvent.objects.filter(participant=participant, action=AuditAction.PDF).exists()


def test_asking_again_for_unchanged_data_finds_the_same_document(client, veileder, participant):
    client.force_login(veileder)
    first = ask(client, participant)
    assert ask(client, participant) == first
    document_render(document_id=first.pk)
    assert ask(client, participant) == first
    assert Document.objects.filter(participant=participant).count() == 1
    participant.phone = "41234567"
    participant.save()
    changed = ask(client, participant)
    assert changed != first
    document_render(document_id=changed.pk)
    # A download is a look her innsyn reports: the next copy holds it.
    client.get(reverse("documents:document_download", args=[participant.uuid, changed.uuid]))
    assert ask(client, participant) not in (first, changed)


def test_status_page_polls_while_pending_and_offers_the_download_when_ready(
    client, veileder, participant
):
    client.force_login(veileder)
    document = ask(client, participant)
    url = reverse("documents:document", args=[participant.uuid, document.uuid])
    download = reverse("documents:document_download", args=[participant.uuid, document.uuid])
    page = client.get(url).content.decode()
    assert 'aria-live="polite"' in page
    assert 'hx-trigger="every 1s"' in page
    assert "PDF-en lages" in page
    assert f'href="{url}"' in page  # the text alternative: ask again without htmx
    assert download not in page
    assert client.get(download).status_code == 404

    document_render(document_id=document.pk)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "hx-trigger" not in fragment  # polling stops
    assert "PDF-en er klar" in fragment
    assert download in fragment


def test_download_serves_the_stored_file_and_is_audited(client, veileder, participant):
    client.force_login(veileder)
    document = ask(client, participant)
    assert document_render(document_id=document.pk) == "ready"
    assert document_render(document_id=document.pk) == "skipped"  # safe to run twice
    document.refresh_from_db()
    assert document.source_html == ""  # the file holds her data now, not a second copy
    response = client.get(
        reverse("documents:document_download", args=[participant.uuid, document.uuid])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(participant=participant, action=AuditAction.PDF).count() == 1


def test_another_participants_document_is_not_found_through_this_one(client, veileder, participant):
    from tests.factories import ParticipantFactory

    other = ParticipantFactory(veileder=veileder)
    client.force_login(veileder)
    document = ask(client, other)
    url = reverse("documents:document", args=[participant.uuid, document.uuid])
    assert client.get(url).status_code == 404


def test_status_page_query_count_is_fixed(client, veileder, participant, django_assert_num_queries):
    client.force_login(veileder)
    document = ask(client, participant)
    url = reverse("documents:document", args=[participant.uuid, document.uuid])
    client.get(url)
    # session, user, participant (visible_q; no look is logged), document, unread count
    with django_assert_num_queries(5):
        client.get(url)


def test_asking_with_the_broker_down_answers_and_leaves_the_row_to_the_sweep(
    client, veileder, participant, django_capture_on_commit_callbacks
):
    client.force_login(veileder)
    with broker(f"redis://127.0.0.1:{DEAD_PORT}/0"):
        with django_capture_on_commit_callbacks(execute=True):
            document = ask(client, participant)
        document.refresh_from_db()
        assert document.status == DocumentStatus.PENDING
        assert document.dispatched_at is None
        # Too fresh for the sweep: the hand-off may still be on its way.
        assert sweep() == 0


def _meeting(participant, veileder):
    import datetime

    from phases.services import meeting_record

    return meeting_record(
        participant=participant,
        actor=veileder,
        kind="oppstartsmote",
        held_on=datetime.date(2026, 11, 2),
        place="nav",
        summary="Avtalt første uke.",
    )


def test_the_other_pdfs_are_asked_for_like_the_innsyn_and_logged_as_today(
    client, veileder, participant
):
    from tests.documents.pdfs import ask as follow_link
    from tests.documents.pdfs import download

    meeting = _meeting(participant, veileder)
    client.force_login(veileder)
    url = reverse("documents:meeting", args=[participant.uuid, meeting.uuid])
    document = follow_link(client, url)
    assert document.status == DocumentStatus.PENDING and not document.file
    assert document.kind == "motereferat" and document.ask_path == url
    # Asking is a look, as the page rendering it was; nothing downloaded yet.
    assert AuditEvent.objects.filter(participant=participant, action=AuditAction.VIEW).exists()
    assert not AuditEvent.objects.filter(participant=participant, action=AuditAction.PDF).exists()
    # Unchanged: the same document.
    assert follow_link(client, url) == document
    status = client.get(reverse("documents:document", args=[participant.uuid, document.uuid]))
    assert "Møtereferat: Oppstartsmøte (PDF)" in status.content.decode()
    document_render(document_id=document.pk)
    response = download(client, document)
    assert response["Content-Disposition"].endswith('motereferat-2026-11-02.pdf"')
    pdf = AuditEvent.objects.get(participant=participant, action=AuditAction.PDF)
    assert pdf.what == "Møtereferat: Oppstartsmøte (PDF)"


def test_a_failed_pdf_offers_to_ask_again_where_it_was_asked(client, veileder, participant):
    from tests.documents.pdfs import ask as follow_link

    client.force_login(veileder)
    url = reverse("documents:consent_form", args=[participant.uuid, "kompetansekartlegging"])
    document = follow_link(client, url)
    Document.objects.filter(pk=document.pk).update(status=DocumentStatus.FAILED)
    status = client.get(reverse("documents:document", args=[participant.uuid, document.uuid]))
    assert f'href="{url}">Prøv igjen' in status.content.decode()
    assert follow_link(client, url) != document  # a new try


def test_who_may_only_see_her_follows_her_innsyn_but_not_the_pdfs_for_who_may_change_her(
    client, veileder, colleague, participant
):
    from guardian.shortcuts import assign_perm

    meeting = _meeting(participant, veileder)
    client.force_login(veileder)
    made = ask(client, participant)
    client.get(reverse("documents:meeting", args=[participant.uuid, meeting.uuid]))
    notes = Document.objects.get(participant=participant, kind="motereferat")
    for document in (made, notes):
        document_render(document_id=document.pk)
    assign_perm("participants.view_participant", colleague, participant)
    client.force_login(colleague)
    assert (
        client.get(reverse("documents:meeting", args=[participant.uuid, meeting.uuid])).status_code
        == 404
    )

    def get(name, document):
        return client.get(reverse(name, args=[participant.uuid, document.uuid])).status_code

    assert get("documents:document", made) == 200
    assert get("documents:document_download", made) == 200
    assert get("documents:document", notes) == 404
    assert get("documents:document_download", notes) == 404
