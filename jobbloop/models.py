import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.bounds import DateWindowValidator

from .schedule import loop_schedule


class LoopStatus(models.TextChoices):
    ACTIVE = "active", "Aktiv"
    CLOSED = "closed", "Avsluttet"


class Loop(models.Model):
    """A JobbLoop (seed 003): three companies, up to three candidates rotating every 4 months."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("navn", max_length=200)
    start_date = models.DateField("oppstart", validators=[DateWindowValidator("case")])
    nav_kontor = models.ForeignKey(
        "accounts.NavKontor", verbose_name="NAV-kontor", on_delete=models.PROTECT, related_name="+"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="koordinator",
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        "status", max_length=10, choices=LoopStatus.choices, default=LoopStatus.ACTIVE
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField("avsluttet", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="avsluttet av",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "JobbLoop"
        verbose_name_plural = "JobbLooper"
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["status", "start_date"], name="loop_status_start_idx"),
            models.Index(fields=["nav_kontor", "start_date"], name="loop_kontor_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class LoopCompany(models.Model):
    loop = models.ForeignKey(Loop, on_delete=models.CASCADE, related_name="loop_companies")
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField("plass i loopen")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["loop", "position"], name="one_company_per_position"),
            models.UniqueConstraint(fields=["loop", "company"], name="company_once_per_loop"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=3), name="loop_position_1_to_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.company}"


class LeaveReason(models.TextChoices):
    ORDINAERT_ARBEID = "ordinaert_arbeid", "Ordinært arbeid"
    UTDANNING = "utdanning", "Utdanning"
    ANNET = "annet", "Annet"


class LoopCandidate(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    loop = models.ForeignKey(Loop, on_delete=models.CASCADE, related_name="candidates")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="loop_places"
    )
    start_position = models.PositiveSmallIntegerField("starter hos bedrift nr.")
    left_on = models.DateField(
        "gikk ut", validators=[DateWindowValidator("case")], null=True, blank=True
    )
    left_reason = models.CharField("årsak", max_length=20, choices=LeaveReason.choices, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "kandidat i JobbLoop"
        verbose_name_plural = "kandidater i JobbLoop"
        ordering = ["start_position"]
        constraints = [
            models.UniqueConstraint(
                fields=["loop", "start_position"], name="one_candidate_per_start"
            ),
            models.UniqueConstraint(
                fields=["loop", "participant"], name="participant_once_per_loop"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} i {self.loop}"

    @property
    def certificate_due_at(self) -> datetime.date | None:
        """The felles attest is due when she has stood the whole year (seed 003); derived from
        the one schedule function rather than stored, so it cannot disagree with it."""
        if self.left_on is not None:
            return None
        return loop_schedule(self.loop.start_date).ends_on


class Mentor(models.Model):
    candidate = models.ForeignKey(LoopCandidate, on_delete=models.CASCADE, related_name="mentors")
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("mentor", max_length=150)
    phone = models.CharField("telefon", max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "company"], name="one_mentor_per_company")
        ]

    def __str__(self) -> str:
        return self.name
