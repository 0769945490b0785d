import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.bounds import DateWindowValidator


class EventKind(models.TextChoices):
    MOTEPLASS = "moteplass", "Møteplass"
    KICK_OFF = "kick_off", "Kick-Off (JobbLoop)"


class Outcome(models.TextChoices):
    IKKE_AVKLART = "ikke_avklart", "Ikke avklart"
    MATCHET = "matchet", "Matchet med bedrift"
    IKKE_MATCHET = "ikke_matchet", "Ikke matchet"


class Event(models.Model):
    """A meeting place where companies meet candidates and choose whom to go on with."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(
        "type", max_length=12, choices=EventKind.choices, default=EventKind.MOTEPLASS
    )
    title = models.CharField("navn", max_length=200)
    date = models.DateField("dato", validators=[DateWindowValidator("case")])
    place = models.CharField("sted", max_length=200)
    nav_kontor = models.ForeignKey(
        "accounts.NavKontor", verbose_name="NAV-kontor", on_delete=models.PROTECT, related_name="+"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="arrangør",
        on_delete=models.PROTECT,
        related_name="+",
    )
    companies = models.ManyToManyField(
        "companies.Company", verbose_name="bedrifter til stede", related_name="events", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "møteplass"
        verbose_name_plural = "møteplasser"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["nav_kontor", "date"], name="event_kontor_date_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d.%m.%Y})"


class Invitation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(
        "utfall", max_length=15, choices=Outcome.choices, default=Outcome.IKKE_AVKLART
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name="matchet med",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "invitasjon"
        verbose_name_plural = "invitasjoner"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "participant"], name="one_invitation_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["participant", "outcome_at"], name="invitation_participant_idx")
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.event}"
