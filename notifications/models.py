import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    """Something a user should know about, shown in the app (and later sent by e-mail).

    Generic on purpose: ``kind`` says what happened, ``url`` where to look, and
    ``dedup_key`` makes creating the same notification twice a no-op, so a retried task
    or a repeated service call never notifies twice. ``group_key`` folds repeats of one
    kind about one thing (a participant's overdue follow-up) into the one unread notice,
    updated, instead of a pile of copies. The participant it is about is linked rather
    than written into the text: her name is shown from the link (anonymisation replaces
    it there), and only to users cleared for her (NOTIFICATION_SCOPE).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="mottaker",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # Whom it is about, when it is about a participant: her innsyn lists it and her
    # anonymisation wipes the text, which may name her.
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="gjelder deltaker",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField("type", max_length=50)
    text = models.CharField("tekst", max_length=500)
    url = models.CharField("lenke", max_length=300, blank=True)
    dedup_key = models.CharField("unik nøkkel", max_length=200)
    group_key = models.CharField("gruppe", max_length=200, blank=True)
    repeats = models.PositiveIntegerField("antall ganger", default=1)
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    read_at = models.DateTimeField("lest", null=True, blank=True)

    class Meta:
        verbose_name = "varsel"
        verbose_name_plural = "varsler"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_created_idx"),
            models.Index(
                fields=["participant"],
                condition=models.Q(participant__isnull=False),
                name="notif_participant_idx",
            ),
            # The unread count in every page header.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notif_unread_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"], name="notification_unique_per_recipient"
            ),
            # One unread notice per group; a read one leaves room for the next.
            models.UniqueConstraint(
                fields=["recipient", "group_key"],
                condition=models.Q(read_at__isnull=True) & ~models.Q(group_key=""),
                name="notification_one_unread_per_group",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
