from django.conf import settings
from django.db import models
from django.utils import timezone


class ReminderKind(models.TextChoices):
    FOLLOWUP_DUE = "followup_due", "Oppfølging forfaller snart"
    FOLLOWUP_OVERDUE = "followup_overdue", "Oppfølging er forfalt"
    APPOINTMENT = "appointment", "Påminnelse om karriereveiledning"
    JOBBLOOP_GATHERING = "jobbloop_gathering", "Samling før rullering i JobbLoop"
    JOBBLOOP_END = "jobbloop_end", "JobbLoop avsluttes: felles attest"
    LAREKONTRAKT = "larekontrakt", "Lærekontrakt signert"
    APPOINTMENT_BOOKED = "appointment_booked", "Bekreftelse på bestilt karriereveiledning"
    HUSKELAPP = "huskelapp", "Frist på huskelapp"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Venter"
    SENDING = "sending", "Sendes"
    SENT = "sent", "Sendt"
    FAILED = "failed", "Feilet"
    CANCELLED = "cancelled", "Avlyst"


class Delivery(models.Model):
    """The outbox: one message to one recipient, recorded before anything is sent.

    The unique key (kind, object, period, address) makes a second scan, a second beat or a
    retried task a no-op; the status moves pending -> sending -> sent by conditional
    updates, so two workers never both send it. A claim is a lease (``claimed_until``): a
    worker that dies holding it loses it when it expires, and the sweep hands the row on.
    A failed attempt waits until ``next_attempt_at`` (backoff); ``dispatched_at`` is when it
    was last handed to the broker, so the sweep re-sends only messages that were lost.
    """

    kind = models.CharField("type", max_length=30, choices=ReminderKind.choices)
    object_key = models.CharField("gjelder", max_length=80)
    period = models.CharField("periode", max_length=40)
    address = models.CharField("mottakernøkkel", max_length=254)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="mottaker",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # Whom it is about, when it is about a participant (an appointment reminder goes to her
    # own e-mail address): her innsyn lists it and her anonymisation wipes it.
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="gjelder deltaker",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    to_email = models.EmailField("e-post", blank=True)
    send_email = models.BooleanField("send e-post", default=True)
    subject = models.CharField("emne", max_length=200)
    body = models.TextField("tekst")
    url = models.CharField("lenke", max_length=300, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField("forsøk", default=0)
    last_error = models.CharField("siste feil", max_length=500, blank=True)
    created_at = models.DateTimeField("opprettet", default=timezone.now)
    claimed_at = models.DateTimeField("tatt av worker", null=True, blank=True)
    claimed_until = models.DateTimeField("reservert til", null=True, blank=True)
    next_attempt_at = models.DateTimeField("neste forsøk", default=timezone.now)
    dispatched_at = models.DateTimeField("sendt til kø", null=True, blank=True)
    sent_at = models.DateTimeField("sendt", null=True, blank=True)

    class Meta:
        verbose_name = "utsendt påminnelse"
        verbose_name_plural = "utsendte påminnelser"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_key", "period", "address"], name="delivery_exactly_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["participant"],
                condition=models.Q(participant__isnull=False),
                name="delivery_participant_idx",
            ),
            # The sweeper's look-up of stuck and waiting rows.
            models.Index(
                fields=["status", "claimed_at"],
                condition=~models.Q(status="sent"),
                name="delivery_open_idx",
            ),
            # The sweeper's look-ups: expired leases and rows due for a (re)dispatch.
            models.Index(
                fields=["status", "claimed_until"],
                condition=models.Q(status="sending"),
                name="delivery_lease_idx",
            ),
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=models.Q(status="pending"),
                name="delivery_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.address} ({self.period})"

    @property
    def key(self) -> str:
        return delivery_key(self.kind, self.object_key, self.period, self.address)


def delivery_key(kind: str, object_key: str, period: str, address: str) -> str:
    """The identity of a message: its Message-ID and in-app notification derive from it."""
    return f"{kind}:{object_key}:{period}:{address}"


class ReminderPreference(models.Model):
    """Per user and kind: e-mail and in-app (default) or in-app only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruker",
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
    )
    kind = models.CharField("type", max_length=30, choices=ReminderKind.choices)
    email = models.BooleanField("send også e-post", default=True)

    class Meta:
        verbose_name = "varslingsvalg"
        verbose_name_plural = "varslingsvalg"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {'e-post' if self.email else 'bare i appen'}"
