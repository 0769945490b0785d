from django.conf import settings
from django.db import models
from django.utils import timezone


class FormSubmission(models.Model):
    """A one-time form token that was sent, and where its first submit led (core.formtokens)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="bruker", on_delete=models.CASCADE, related_name="+"
    )
    token = models.UUIDField("skjemanøkkel")
    result_url = models.CharField("resultat", max_length=500, blank=True)
    created_at = models.DateTimeField("sendt", default=timezone.now)

    class Meta:
        verbose_name = "innsendt skjema"
        verbose_name_plural = "innsendte skjemaer"
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="form_token_once_per_user"),
        ]
        indexes = [models.Index(fields=["user", "created_at"], name="form_token_user_age_idx")]

    def __str__(self) -> str:
        return f"{self.token} → {self.result_url or '…'}"
