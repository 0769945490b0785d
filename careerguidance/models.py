import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.bounds import DateWindowValidator


class GuidanceInterest(models.Model):
    """Step 1 of seed 004: interest in a fagbrev found, Karrieresenteret explained."""

    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="guidance_interests"
    )
    informed_on = models.DateField(
        "informert om Karrieresenteret", validators=[DateWindowValidator("past")]
    )
    note = models.CharField("merknad", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "interesse for fagbrev"
        verbose_name_plural = "interesse for fagbrev"
        ordering = ["-informed_on", "-id"]

    def __str__(self) -> str:
        return f"Informert {self.informed_on:%d.%m.%Y}"


class AppointmentMode(models.TextChoices):
    FYSISK = "fysisk", "Fysisk oppmøte"
    TELEFON = "telefon", "Telefon"
    DIGITALT = "digitalt", "Digitalt (Teams)"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "Bestilt"
    HELD = "held", "Gjennomført"
    CANCELLED = "cancelled", "Avlyst"
    NO_SHOW = "no_show", "Møtte ikke"


class Appointment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="guidance_appointments"
    )
    karriereveileder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="karriereveileder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guidance_appointments",
    )
    starts_at = models.DateTimeField("tidspunkt", validators=[DateWindowValidator("planned")])
    duration_minutes = models.PositiveSmallIntegerField("varighet (minutter)", default=45)
    mode = models.CharField("form", max_length=10, choices=AppointmentMode.choices)
    location = models.CharField("sted", max_length=200, blank=True)
    session_number = models.PositiveSmallIntegerField("samtale nummer", default=1)
    participant_wants_veileder = models.BooleanField(
        "deltakeren ønsker at veileder er med", default=False
    )
    veileder_attends = models.BooleanField("veileder deltar", default=False)
    status = models.CharField(
        "status", max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "avtale om karriereveiledning"
        verbose_name_plural = "avtaler om karriereveiledning"
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["starts_at"], name="appointment_starts_idx"),
            models.Index(fields=["karriereveileder", "starts_at"], name="appointment_kv_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(session_number__gte=1, session_number__lte=3),
                name="appointment_session_1_to_3",
            )
        ]

    def __str__(self) -> str:
        return f"Karriereveiledning {self.session_number}. samtale"


class GuidanceNote(models.Model):
    """The summary note of seed 004: written with the participant, owned by her.

    NAV sees it only while she has a valid consent to share it (consent app).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    appointment = models.OneToOneField(Appointment, on_delete=models.CASCADE, related_name="note")
    school_work_experience = models.TextField("skole- og arbeidserfaring", blank=True)
    interests = models.TextField("interesser", blank=True)
    qualities = models.TextField("egenskaper brukt og utviklet", blank=True)
    motivation_mastery = models.TextField("motivasjons- og mestringsfaktorer", blank=True)
    values = models.TextField("verdier", blank=True)
    needs = models.TextField("behov", blank=True)
    way_forward = models.TextField("veien videre, med tips til videre utforskning", blank=True)
    open_questions = models.TextField("spørsmål til NAV eller fagopplæringen", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "notat fra karriereveiledning"
        verbose_name_plural = "notater fra karriereveiledning"

    def __str__(self) -> str:
        return f"Notat {self.appointment}"


class KartleggingPath(models.TextChoices):
    PRAKSISKANDIDAT = "praksiskandidat", "Praksiskandidat"
    LAEREKONTRAKT = "laerekontrakt", "Lærekontrakt"
    VGS = "vgs", "Kurs i videregående skole"


class KompetanseRequest(models.Model):
    """A request to fagopplæring for a kompetansekartlegging, sent with her consent."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="kompetanse_requests"
    )
    consent = models.ForeignKey("consent.Consent", on_delete=models.PROTECT, related_name="+")
    question = models.TextField("hva ønskes kartlagt", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    completed_subjects = models.TextField("fag som er fullført", blank=True)
    relevant_practice = models.TextField("relevant praksis", blank=True)
    path = models.CharField(
        "vei til fagbrev", max_length=20, choices=KartleggingPath.choices, blank=True
    )
    estimated_months = models.PositiveSmallIntegerField(
        "anslått varighet (måneder)", null=True, blank=True
    )
    plan_text = models.TextField("foreløpig opplæringsplan", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "forespørsel om kompetansekartlegging"
        verbose_name_plural = "forespørsler om kompetansekartlegging"
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["answered_at", "requested_at"], name="kk_open_idx")]

    def __str__(self) -> str:
        return f"Kompetansekartlegging {self.requested_at:%d.%m.%Y}"
