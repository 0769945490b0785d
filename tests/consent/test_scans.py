"""The signed consent form: printed, signed, scanned and attached to the consent record."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from consent.models import Consent, ConsentPurpose

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 signert skjema"


@pytest.fixture
def oral(participant, veileder):
    return Consent.objects.create(
        participant=participant,
        purpose=ConsentPurpose.SHARE_WITH_COUNTY,
        given_on=datetime.date(2026, 1, 5),
        method="meeting",
        recorded_by=veileder,
    )


def upload(client, consent, content=PDF, name="skjema.pdf"):
    return client.post(
        reverse("consent:scan_upload", args=[consent.participant.uuid, consent.uuid]),
        {"document": SimpleUploadedFile(name, content)},
    )


def test_veileder_prints_attaches_and_downloads_the_signed_form(client, veileder, oral):
    client.force_login(veileder)
    detail = client.get(reverse("participants:detail", args=[oral.participant.uuid]))
    html = detail.content.decode()
    assert reverse("consent:scan_upload", args=[oral.participant.uuid, oral.uuid]) in html
    assert reverse("documents:consent_form", args=[oral.participant.uuid, oral.purpose]) in html

    assert upload(client, oral).status_code == 302
    oral.refresh_from_db()
    assert oral.document.read() == PDF
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, what__startswith="Signert samtykkeskjema lastet opp"
    ).exists()

    url = reverse("consent:scan_download", args=[oral.participant.uuid, oral.uuid])
    assert (
        url
        in client.get(reverse("participants:detail", args=[oral.participant.uuid])).content.decode()
    )
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(action=AuditAction.PDF, participant=oral.participant).exists()


def test_a_scan_is_never_replaced(client, veileder, oral):
    client.force_login(veileder)
    upload(client, oral)
    response = upload(client, oral, content=b"%PDF-1.4 another")
    assert "allerede lastet opp" in response.content.decode()
    oral.refresh_from_db()
    assert oral.document.read() == PDF


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<html><script>alert(1)</script>", "skjema.pdf"),  # a name does not make a PDF
        (b"MZ\x90\x00 executable", "skjema.png"),
    ],
)
def test_only_pdf_jpeg_or_png_by_content(client, veileder, oral, content, name):
    client.force_login(veileder)
    response = upload(client, oral, content=content, name=name)
    assert response.status_code == 200
    assert "må være en PDF, JPEG eller PNG" in response.content.decode()
    oral.refresh_from_db()
    assert not oral.document


def test_the_same_check_when_the_consent_is_registered_with_its_scan(client, veileder, participant):
    client.force_login(veileder)
    response = client.post(
        reverse("consent:create", args=[participant.uuid]),
        {
            "purpose": ConsentPurpose.KOMPETANSEKARTLEGGING,
            "method": "signed_form",
            "given_on": "2026-01-05",
            "document": SimpleUploadedFile("skjema.pdf", b"not a pdf"),
        },
    )
    assert "må være en PDF, JPEG eller PNG" in response.content.decode()
    assert not Consent.objects.exists()


def test_no_scan_is_404(client, veileder, oral):
    client.force_login(veileder)
    url = reverse("consent:scan_download", args=[oral.participant.uuid, oral.uuid])
    assert client.get(url).status_code == 404


def test_someone_else_s_consent_is_404(client, veileder, other_veileder, oral):
    client.force_login(veileder)
    upload(client, oral)
    client.force_login(other_veileder)
    url = reverse("consent:scan_download", args=[oral.participant.uuid, oral.uuid])
    assert client.get(url).status_code == 404
    assert upload(client, oral).status_code == 404
