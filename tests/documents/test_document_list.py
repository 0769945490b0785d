"""Every document a participant has, listed on her page and downloadable from there."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consent.models import ConsentPurpose
from documents.models import Document, DocumentKind
from documents.services import document_render
from jobbloop.models import LoopCandidate
from jobbloop.services import loop_create
from phases.models import ApprovalParty, OnBehalfReason
from phases.services import agreement_approve, agreement_save, meeting_record
from tests.documents.pdfs import download, pdf_text, rendered
from tests.factories import CompanyFactory, ParticipantFactory, give_consent
from tests.phases.test_plan import AGREEMENT

pytestmark = pytest.mark.django_db


def _documents(participant, veileder, *, n: int) -> None:
    give_consent(participant, veileder, ConsentPurpose.SHARE_WITH_COUNTY)
    for i in range(n):
        agreement_save(participant=participant, actor=veileder, **{**AGREEMENT, "goals": f"M{i}"})
        meeting_record(
            participant=participant,
            actor=veileder,
            kind="samtale",
            held_on=timezone.localdate() - datetime.timedelta(days=i),
            place="telefon",
        )
        loop = loop_create(
            actor=veileder,
            name=f"Loop {i}",
            start_date=datetime.date(2026, 1, 5) + datetime.timedelta(days=i),
            companies=[CompanyFactory() for _ in range(3)],
        )
        LoopCandidate.objects.create(
            loop=loop, participant=participant, start_position=1, added_by=veileder
        )


def _links(body: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for url, kind in re.findall(r'href="([^"]+)" data-document="([a-z_]+)"', body):
        found.setdefault(kind, []).append(url)
    return found


def test_page_lists_every_document_and_each_link_downloads(client, veileder):
    p = ParticipantFactory(veileder=veileder)
    _documents(p, veileder, n=2)
    agreement_approve(
        agreement=p.agreements.order_by("-version").first(),
        actor=veileder,
        party=ApprovalParty.DELTAKER,
        on_behalf_reason=OnBehalfReason.NO_BANKID,
    )
    client.force_login(veileder)
    body = client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    links = _links(body)
    assert {k: len(v) for k, v in links.items()} == {
        "samtykke": 1,
        "oppfolgingsavtale": 2,
        "motereferat": 2,
        "felles_attest": 2,
    }
    assert "Oppfølgingsavtale versjon 2" in body and "Oppfølgingsavtale versjon 1" in body
    kinds = {
        "samtykke": DocumentKind.CONSENT_FORM,
        "oppfolgingsavtale": DocumentKind.AGREEMENT,
        "motereferat": DocumentKind.MEETING,
        "felles_attest": DocumentKind.LOOP_CERTIFICATE,
    }
    for listed, urls in links.items():
        for url in urls:
            # Each link asks a worker for its PDF (tests/documents/test_documents.py follows
            # them through a real one); rendered here as the worker would.
            response = rendered(client, url)
            assert response["Content-Type"] == "application/pdf", url
            assert Document.objects.get(ask_path=url).kind == kinds[listed]


def test_each_agreement_version_downloads_as_itself(client, veileder, participant):
    agreement_save(participant=participant, actor=veileder, **{**AGREEMENT, "goals": "Første"})
    agreement_save(participant=participant, actor=veileder, **{**AGREEMENT, "goals": "Andre"})
    client.force_login(veileder)
    first = rendered(client, reverse("documents:agreement_version", args=[participant.uuid, 1]))
    assert first["Content-Disposition"].endswith('oppfolgingsavtale-v1.pdf"')
    missing = client.get(reverse("documents:agreement_version", args=[participant.uuid, 9]))
    assert missing.status_code == 404


def test_the_list_costs_the_same_whatever_the_number_of_documents(client, veileder):
    few = ParticipantFactory(veileder=veileder)
    many = ParticipantFactory(veileder=veileder)
    _documents(few, veileder, n=1)
    _documents(many, veileder, n=5)
    client.force_login(veileder)
    client.get(reverse("participants:caseload"))
    counts = []
    for p in (few, many):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("participants:detail", args=[p.uuid])).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("who", ["markedsradgiver", "karriereveileder", "colleague"])
def test_the_list_is_only_for_those_the_document_views_answer(client, personas, veileder, who):
    p = ParticipantFactory(veileder=veileder)
    _documents(p, veileder, n=1)
    client.force_login(personas[who])
    body = client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    assert "data-document" not in body


def test_leder_sees_the_list(client, leder, veileder):
    p = ParticipantFactory(veileder=veileder, nav_kontor=veileder.nav_kontor)
    _documents(p, veileder, n=1)
    client.force_login(leder)
    body = client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    assert len(_links(body)["motereferat"]) == 1


def test_agreement_pdf_states_the_approvals_in_fixed_queries(
    client, veileder, participant, django_assert_num_queries
):
    agreement = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    url = reverse("documents:agreement_version", args=[participant.uuid, 1])
    client.force_login(veileder)
    client.get(reverse("participants:caseload"))
    # The same queries with one approval as with two: the approvals come in one query.
    counts = []
    for party, extra in (
        (ApprovalParty.DELTAKER, {"on_behalf_reason": OnBehalfReason.NO_BANKID}),
        (ApprovalParty.ARBEIDSGIVER, {"approver_name": "Kari Bedrift"}),
    ):
        agreement_approve(agreement=agreement, actor=veileder, party=party, **extra)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    # Each approval changed the document: a new one was asked for each time.
    document = Document.objects.get(uuid=response["Location"].rstrip("/").split("/")[-1])
    assert Document.objects.filter(participant=participant).count() == 2
    document_render(document_id=document.pk)
    text = pdf_text(download(client, document))
    assert "på deltakerens vegne" in text and "Kari Bedrift" in text
    assert "ikke aktiv" in text
