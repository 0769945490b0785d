import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.bounds import DateWindowValidator


class MatchStatus(models.TextChoices):
    FORESLATT = "foreslatt", "Foreslått"
    TIL_VURDERING = "til_vurdering", "Til vurdering"
    MER_INFO = "mer_info", "Trenger mer informasjon"
    GODKJENT = "godkjent", "Godkjent"
    AVSLATT = "avslatt", "Avslått"
    MOTE_AVTALT = "mote_avtalt", "Møte avtalt"
    STARTET = "startet", "Startet"
    IKKE_STARTET = "ikke_startet", "Ikke startet"
    AVSLUTTET = "avsluttet", "Avsluttet"


class Match(models.Model):
    """A proposed placement of one participant at one company, reviewed by a markedsrådgiver."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="matches",
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name="bedrift",
        on_delete=models.PROTECT,
        related_name="matches",
    )
    status = models.CharField(
        "status", max_length=20, choices=MatchStatus.choices, default=MatchStatus.FORESLATT
    )
    motivation = models.TextField("begrunnelse", blank=True)
    # What the participant agreed to share with the markedsrådgiver (interests,
    # tilrettelegging); the only free text about her the review page shows.
    shared_summary = models.TextField(
        "opplysninger deltakeren har samtykket til å dele",
        blank=True,
        help_text="Interesser og behov for tilrettelegging som deltakeren har sagt ja til at markedsrådgiveren får se.",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="foreslått av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(
        "startdato", validators=[DateWindowValidator("case")], null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vurdert av",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("vurdert", null=True, blank=True)
    decision_reason = models.TextField("begrunnelse for vurderingen", blank=True)
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "match"
        verbose_name_plural = "matcher"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="match_status_created_idx"),
            models.Index(fields=["participant", "status"], name="match_participant_status_idx"),
            models.Index(fields=["company", "status"], name="match_company_status_idx"),
        ]
        constraints = [
            # Several proposals are fine; only one placement may run at a time.
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(status="startet"),
                name="one_started_match_per_participant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.company} ({self.get_status_display()})"


class MatchEvent(models.Model):
    """History of a match: every status change with who, when and why."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=20, choices=MatchStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=MatchStatus.choices)
    comment = models.TextField("kommentar", blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "hendelse"
        verbose_name_plural = "hendelser"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["match", "created_at"], name="matchevent_match_idx")]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"
