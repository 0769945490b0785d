import uuid

from django.conf import settings
from django.db import models


class DocumentKind(models.TextChoices):
    INNSYN = "innsyn", "Innsyn i egne opplysninger"
    CONSENT_FORM = "samtykkeskjema", "Samtykkeskjema"
    AGREEMENT = "oppfolgingsavtale", "Oppfølgingsavtale"
    MEETING = "motereferat", "Møtereferat"
    LOOP_CERTIFICATE = "felles_attest", "Felles attest – JobbLoop"


class DocumentStatus(models.TextChoices):
    PENDING = "pending", "Lages"
    READY = "ready", "Klar"
    FAILED = "failed", "Feilet"


class Document(models.Model):
    """A PDF asked for on a page and rendered by a worker (documents.tasks.render).

    ``source_html`` is exactly what the worker lays out, so the file matches the data at the
    moment it was asked for; ``inputs_hash`` is that HTML without its print time, so asking
    again while nothing changed serves the stored file instead of rendering anew."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    inputs_hash = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    source_html = models.TextField(blank=True)
    file = models.FileField(upload_to="documents/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When a worker was last handed it; the sweep hands on rows whose message got lost.
    dispatched_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    # What the status page calls it, the name it downloads as and where to ask again if it
    # failed (blank on the first innsyn rows: the kind's defaults).
    title = models.CharField(max_length=200, blank=True)
    download_name = models.CharField(max_length=100, blank=True)
    ask_path = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "dokument"
        verbose_name_plural = "dokumenter"
        constraints = [
            # One render per participant, kind and content: two asks at once share a row.
            models.UniqueConstraint(
                fields=["participant", "kind", "inputs_hash"], name="document_unique_inputs"
            )
        ]
        indexes = [
            models.Index(
                fields=["status", "dispatched_at"],
                name="document_pending_idx",
                condition=models.Q(status="pending"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def display_title(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def filename(self) -> str:
        return self.download_name or f"{self.kind}-{self.participant.uuid}.pdf"
