import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

NOTE_MAX = 200


class Category(models.TextChoices):
    """Fargekategori: six, each a colour and a shape, so no one depends on colour alone."""

    BLA = "bla", "Blå sirkel"
    GRONN = "gronn", "Grønn trekant"
    GUL = "gul", "Gul firkant"
    LILLA = "lilla", "Lilla rombe"
    ORANSJE = "oransje", "Oransje stjerne"
    GRA = "gra", "Grå sekskant"


class ParticipantMark(models.Model):
    """The veileder's huskelapp (a short internal note with an optional deadline) and
    fargekategori on one participant. Internal to NAV: the participant's caseworkers see it."""

    participant = models.OneToOneField(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="mark",
    )
    note = models.CharField("huskelapp", max_length=NOTE_MAX, blank=True)
    deadline = models.DateField("frist", null=True, blank=True)
    category = models.CharField(
        "fargekategori", max_length=10, choices=Category.choices, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="endret av",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField("endret", default=timezone.now)

    class Meta:
        verbose_name = "huskelapp og fargekategori"
        verbose_name_plural = "huskelapper og fargekategorier"
        indexes = [
            # The reminder scan reads deadlines up to today.
            models.Index(
                fields=["deadline"],
                condition=models.Q(deadline__isnull=False),
                name="mark_deadline_idx",
            ),
            models.Index(fields=["category"], name="mark_category_idx"),
        ]

    def __str__(self) -> str:
        return self.note or self.get_category_display()


class SavedFilter(models.Model):
    """One of a user's own filter combinations on a caseload page ("Mine filter")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters"
    )
    scope = models.CharField("liste", max_length=10)  # participants.statuses MINE / KONTOR
    name = models.CharField("navn", max_length=60)
    params = models.JSONField("filtre", default=dict)
    position = models.PositiveSmallIntegerField("rekkefølge", default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "lagret filter"
        verbose_name_plural = "lagrede filtre"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope", "name"], name="saved_filter_unique_name"
            )
        ]
        indexes = [models.Index(fields=["user", "scope", "position"], name="saved_filter_idx")]

    def __str__(self) -> str:
        return self.name


class Visit(models.Model):
    """When a user last opened Min dag on an earlier day: "since last visit" starts there."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workday_visit"
    )
    since = models.DateTimeField("forrige arbeidsdag")
    last_seen_at = models.DateTimeField("sist åpnet")

    class Meta:
        verbose_name = "besøk på Min dag"
        verbose_name_plural = "besøk på Min dag"

    def __str__(self) -> str:
        return f"{self.user} {self.last_seen_at:%Y-%m-%d %H:%M}"


class ParticipantLook(models.Model):
    """When a user last marked a participant's changes as read ("Siste endringer")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField("sett")

    class Meta:
        verbose_name = "sist sett endringer"
        verbose_name_plural = "sist sett endringer"
        constraints = [
            models.UniqueConstraint(fields=["user", "participant"], name="one_look_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.participant_id} {self.seen_at:%Y-%m-%d %H:%M}"
