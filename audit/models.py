from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    VIEW = "view", "Så på"
    LIST = "list", "Treffliste"
    CHANGE = "change", "Endret"
    CREATE = "create", "Registrerte"
    SHOW_FNR = "show_fnr", "Viste fullt fødselsnummer"
    EXPORT = "export", "Eksporterte"
    PDF = "pdf", "Lastet ned dokument"
    REGISTER_EXISTING = "reg_existing", "Forsøkte å registrere en som er registrert"


class AuditEvent(models.Model):
    """One look at or change of personal data (sporingslogg). Append-only.

    Who is copied into text columns as well as linked, so the row still says who it was
    after a user is deactivated or renamed; the participant is linked (anonymisation keeps
    the row and replaces the person's data, so the log holds only the pseudonym).
    """

    created_at = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruker",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    actor_ident = models.CharField("NAV-ident", max_length=7)
    actor_roles = models.CharField("roller", max_length=200, blank=True)
    actor_office = models.CharField("kontor", max_length=4, blank=True)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField("handling", max_length=12, choices=AuditAction.choices)
    what = models.CharField("hva", max_length=200, blank=True)
    # For a list: the participant ids on the page, so innsyn can tell who saw her in a list.
    participant_ids = models.JSONField("deltakere i listen", default=list, blank=True)
    ip = models.GenericIPAddressField("IP-adresse", null=True, blank=True)
    request_id = models.CharField("forespørsel", max_length=64, blank=True)
    path = models.CharField("adresse", max_length=300, blank=True)

    class Meta:
        verbose_name = "sporingslogg-hendelse"
        verbose_name_plural = "sporingslogg"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["participant", "created_at"], name="audit_participant_idx"),
            models.Index(fields=["actor", "created_at"], name="audit_actor_idx"),
            models.Index(fields=["actor_office", "created_at"], name="audit_office_idx"),
            # "Not yet seen" in the caseload (participants.statuses): has she looked at him?
            models.Index(
                fields=["actor", "participant"],
                condition=models.Q(action="view"),
                name="audit_actor_seen_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_ident} {self.get_action_display()}"
