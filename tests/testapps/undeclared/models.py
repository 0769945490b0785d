"""Participant-linked models nobody declared: core.E010 must name both (never migrated)."""

from django.db import models


class Diary(models.Model):
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField()

    def __str__(self) -> str:
        return self.text


class DiaryPage(models.Model):
    # Linked through another model only.
    diary = models.ForeignKey(Diary, on_delete=models.CASCADE, related_name="+")
    scan = models.FileField(upload_to="dagbok/")

    def __str__(self) -> str:
        return self.scan.name
