import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from stdnum.no import orgnr

from core.bounds import DateWindowValidator


def validate_orgnr(value: str) -> None:
    if not orgnr.is_valid(value or ""):
        raise ValidationError(
            "Organisasjonsnummeret er ikke gyldig. Det skal være ni sifre med riktig kontrollsiffer.",
            code="orgnr",
        )


class Company(models.Model):
    """A company (bedrift) that takes candidates in praksis, as apprentices or as employees."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    orgnr = models.CharField(
        "organisasjonsnummer", max_length=9, unique=True, validators=[validate_orgnr]
    )
    name = models.CharField("navn", max_length=200)
    street_address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("postnummer", max_length=4, blank=True)
    municipality = models.CharField("kommune", max_length=100, blank=True)
    bransje = models.CharField("bransje", max_length=120, blank=True)
    contact_name = models.CharField("kontaktperson", max_length=150, blank=True)
    contact_phone = models.CharField("telefon til kontaktperson", max_length=20, blank=True)
    contact_email = models.EmailField("e-post til kontaktperson", blank=True)
    is_laerebedrift = models.BooleanField("godkjent lærebedrift", default=False)
    opplaeringskontor = models.CharField("opplæringskontor", max_length=200, blank=True)
    markedsradgiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ansvarlig markedsrådgiver",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="companies",
    )
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "bedrift"
        verbose_name_plural = "bedrifter"
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["municipality"], name="company_municipality_idx"),
            models.Index(fields=["name"], name="company_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class CompanyNeed(models.Model):
    """Which lærefag a company wants candidates for, how many and from when."""

    company = models.ForeignKey(
        Company, verbose_name="bedrift", on_delete=models.CASCADE, related_name="needs"
    )
    laerefag = models.ForeignKey(
        "participants.Laerefag", verbose_name="lærefag", on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveSmallIntegerField("antall", default=1)
    from_date = models.DateField(
        "fra dato", validators=[DateWindowValidator("case")], null=True, blank=True
    )
    note = models.CharField("merknad", max_length=300, blank=True)

    class Meta:
        verbose_name = "behov"
        verbose_name_plural = "behov"
        indexes = [models.Index(fields=["laerefag", "company"], name="need_laerefag_company_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(count__gte=1), name="need_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.company}: {self.count} × {self.laerefag}"


def make_orgnr(base8: int) -> str:
    """A valid organisasjonsnummer from eight digits, or '' when they have no check digit.

    For demo data and tests; real numbers come from Brønnøysundregistrene.
    """
    digits = f"{base8:08d}"
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    check = (11 - sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11) % 11
    if check == 10:
        return ""
    return digits + str(check)
