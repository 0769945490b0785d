import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.bounds import DateWindowValidator
from core.files import AppNamed


class ConsentPurpose(models.TextChoices):
    SHARE_WITH_COUNTY = (
        "share_with_county",
        "Dele navn og fødselsdato med fylkeskommunen (foreløpig opplæringsplan)",
    )
    KOMPETANSEKARTLEGGING = (
        "kompetansekartlegging",
        "Sende forespørsel om kompetansekartlegging til fagopplæringen",
    )
    SHARE_GUIDANCE_NOTE = "share_guidance_note", "Dele notatet fra karriereveiledningen med NAV"


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", "Signert skjema (skannet og lastet opp)"
    MEETING = "meeting", "Gitt muntlig i møte med veileder"


class Consent(models.Model):
    """A consent as given: never edited or deleted; withdrawal is a row of its own."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField("formål", max_length=30, choices=ConsentPurpose.choices)
    shared_what = models.CharField("hva som deles", max_length=300, blank=True)
    shared_with = models.CharField("med hvem", max_length=300, blank=True)
    given_on = models.DateField("gitt", validators=[DateWindowValidator("past")])
    method = models.CharField("hvordan", max_length=20, choices=ConsentMethod.choices)
    document = models.FileField(
        "signert skjema", upload_to=AppNamed("samtykker", "pdf"), blank=True
    )
    valid_until = models.DateField(
        "gyldig til", validators=[DateWindowValidator("case")], null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrert av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "samtykke"
        verbose_name_plural = "samtykker"
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["participant", "purpose"], name="consent_participant_idx")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on:%d.%m.%Y})"


class ConsentWithdrawal(models.Model):
    consent = models.OneToOneField(Consent, on_delete=models.CASCADE, related_name="withdrawal")
    withdrawn_on = models.DateField("trukket", validators=[DateWindowValidator("past")])
    note = models.CharField("merknad", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrert av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "tilbaketrekking"
        verbose_name_plural = "tilbaketrekkinger"

    def __str__(self) -> str:
        return f"Trukket {self.withdrawn_on:%d.%m.%Y}"
