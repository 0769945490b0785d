import io
import json
import os

import pytest
from django.urls import reverse
from pypdf import PdfReader

from audit.models import AuditAction, AuditEvent
from documents.models import Document
from documents.render import StaticOnlyFetcher, render_pdf
from documents.services import document_render
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<img src="file:///etc/passwd">'


def innsyn_pdf(client, participant):
    """Ask for it, render it as the worker would (tests/documents/test_documents_worker.py
    does it with a real one), and download it."""
    status = client.get(reverse("documents:innsyn_pdf", args=[participant.uuid]))
    document = Document.objects.get(uuid=status["Location"].rstrip("/").split("/")[-1])
    document_render(document_id=document.pk)
    return client.get(
        reverse("documents:document_download", args=[participant.uuid, document.uuid])
    )


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_innsyn_pdf_holds_her_data_her_history_and_who_looked(client, veileder, leder, participant):
    client.force_login(leder)
    client.get(reverse("participants:detail", args=[participant.uuid]))
    client.force_login(veileder)
    response = innsyn_pdf(client, participant)
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = pdf_text(b"".join(response.streaming_content))
    assert participant.full_name in text
    assert participant.fodselsnummer in text
    assert participant.nav_kontor.name in text  # page header
    assert "Hvem har sett på opplysningene dine" in text
    assert leder.nav_ident in text
    assert "Side 1 av" in text
    assert AuditEvent.objects.filter(participant=participant, action=AuditAction.PDF).count() == 1


def test_innsyn_json_is_machine_readable_and_complete(client, veileder, participant):
    client.force_login(veileder)
    response = client.get(reverse("documents:innsyn_json", args=[participant.uuid]))
    data = json.loads(response.content)
    titles = [s["tittel"] for s in data["seksjoner"]]
    assert titles[0] == "Personopplysninger"
    assert data["seksjoner"][0]["felter"]["Fødselsnummer/D-nummer"] == participant.fodselsnummer
    assert "Hvem har sett på opplysningene dine" in titles
    assert (
        AuditEvent.objects.filter(participant=participant, action=AuditAction.EXPORT).count() == 1
    )


def test_norwegian_letters_survive_into_the_pdf(client, veileder):
    p = ParticipantFactory(veileder=veileder, first_name="Æsa Øydis", last_name="Ålmo")
    client.force_login(veileder)
    text = pdf_text(b"".join(innsyn_pdf(client, p).streaming_content))
    assert "Æsa Øydis Ålmo" in text


def test_hostile_name_is_text_not_markup_and_nothing_outside_static_is_read(client, veileder):
    p = ParticipantFactory(veileder=veileder, first_name=HOSTILE, last_name="Hansen")
    client.force_login(veileder)
    text = pdf_text(b"".join(innsyn_pdf(client, p).streaming_content))
    assert 'src="file:///etc/passwd"' in text  # shown as the literal name
    assert "root:x:0:0" not in text


def test_fetcher_refuses_files_network_and_traversal():
    fetcher = StaticOnlyFetcher()
    for url in [
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://nav.no/x.css",
        "static:///../../etc/passwd",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert b"@page" in fetcher.fetch("static:///css/print.css").read()


def test_markup_that_tries_to_load_a_local_file_loads_nothing(tmp_path, settings):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPPHEMMELIG")
    from django.template import engines

    engine = engines["django"]
    template = engine.from_string(
        '<html><body><p>x</p><img src="file://'
        + str(secret)
        + '"><iframe src="file://'
        + str(secret)
        + '"></iframe></body></html>'
    )
    settings.TEMPLATES[0]["OPTIONS"]["debug"] = False
    from weasyprint import HTML

    from documents.render import BASE_URL, _fetcher

    pdf = HTML(string=template.render({}), base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()
    assert "TOPPHEMMELIG" not in pdf_text(pdf)


def test_render_pdf_is_a_tagged_pdf_ua_document(participant):
    from django.utils import timezone

    from documents.innsyn import innsyn_sections

    pdf = render_pdf(
        "documents/innsyn.html",
        {
            "title": "Innsyn",
            "participant": participant,
            "sections": innsyn_sections(participant),
            "printed_at": timezone.now(),
        },
    )
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata is not None


def test_who_looked_is_one_line_per_day_user_and_kind(client, veileder, participant):
    client.force_login(veileder)
    for _ in range(40):  # her veileder opens the caseload forty times
        client.get(reverse("participants:caseload"))
    client.get(reverse("participants:detail", args=[participant.uuid]))
    data = json.loads(client.get(reverse("documents:innsyn_json", args=[participant.uuid])).content)
    looks = next(
        s for s in data["seksjoner"] if s["tittel"] == "Hvem har sett på opplysningene dine"
    )
    lists = [r for r in looks["rader"] if r["Hva"].startswith("Treffliste")]
    assert len(lists) == 1 and lists[0]["Antall ganger"] == "40"
    assert lists[0]["Bruker"] == veileder.nav_ident
    views = [r for r in looks["rader"] if r["Hva"].startswith("Så på")]
    assert len(views) == 1  # however many looks that day


def test_without_harfbuzz_subset_the_checks_warn(monkeypatch):
    from weasyprint.text import ffi

    from documents.checks import check_font_subsetter, font_subsetter

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    assert font_subsetter() == "fonttools"
    [warning] = check_font_subsetter()
    assert warning.id == "documents.W001"
    assert "libharfbuzz-subset0" in warning.hint


@pytest.mark.skipif(
    not os.environ.get("TRONDELAG_CI"), reason="CI installs libharfbuzz-subset0; a laptop may not"
)
def test_ci_subsets_pdf_fonts_with_harfbuzz():
    from documents.checks import check_font_subsetter, font_subsetter

    assert font_subsetter() == "harfbuzz"
    assert check_font_subsetter() == []
