import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consent.models import Consent, ConsentPurpose, ConsentWithdrawal
from consent.services import consent_valid

pytestmark = pytest.mark.django_db


def test_record_consent_given_in_a_meeting(client, veileder, participant):
    client.force_login(veileder)
    response = client.post(
        reverse("consent:create", args=[participant.uuid]),
        {
            "purpose": ConsentPurpose.SHARE_WITH_COUNTY,
            "method": "meeting",
            "given_on": timezone.localdate().isoformat(),
            "shared_what": "Navn og fødselsdato",
            "shared_with": "Trøndelag fylkeskommune",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.recorded_by == veileder
    assert (
        consent_valid(participant=participant, purpose=ConsentPurpose.SHARE_WITH_COUNTY) == consent
    )


def test_signed_form_is_uploaded_with_the_consent(
    client, veileder, participant, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(veileder)
    scan = SimpleUploadedFile("samtykke.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    client.post(
        reverse("consent:create", args=[participant.uuid]),
        {
            "purpose": ConsentPurpose.KOMPETANSEKARTLEGGING,
            "method": "signed_form",
            "given_on": timezone.localdate().isoformat(),
            "document": scan,
        },
    )
    assert Consent.objects.get().document.read() == b"%PDF-1.4 signed"


def test_consent_in_the_future_is_refused_and_nothing_is_lost(client, veileder, participant):
    client.force_login(veileder)
    response = client.post(
        reverse("consent:create", args=[participant.uuid]),
        {
            "purpose": ConsentPurpose.SHARE_WITH_COUNTY,
            "method": "meeting",
            "given_on": "2099-01-01",
            "shared_with": "Fylket",
        },
    )
    body = response.content.decode()
    assert "kan ikke være i fremtiden" in body and 'value="Fylket"' in body
    assert not Consent.objects.exists()


def test_withdrawal_asks_for_confirmation_first(client, veileder, participant):
    consent = Consent.objects.create(
        participant=participant,
        purpose=ConsentPurpose.SHARE_GUIDANCE_NOTE,
        given_on=timezone.localdate(),
        method="meeting",
        recorded_by=veileder,
    )
    client.force_login(veileder)
    url = reverse("consent:withdraw", args=[participant.uuid, consent.uuid])
    assert "Trekk tilbake samtykke?" in client.get(url).content.decode()
    assert not ConsentWithdrawal.objects.exists()
    client.post(url, {"note": "Ønsker ikke å dele"})
    assert ConsentWithdrawal.objects.get().recorded_by == veileder
    assert (
        consent_valid(participant=participant, purpose=ConsentPurpose.SHARE_GUIDANCE_NOTE) is None
    )
    assert Consent.objects.filter(pk=consent.pk).exists()  # history kept
