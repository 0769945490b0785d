"""The overview's daily aggregate, rebuilt by overview.tasks.refresh (see aggregate.py).

Only what the figures of a period need: for each participant, figure and day up to the
day before the refresh, the day she last had the same figure before (``prev_day``). A
participant counts once in a period, on her first day in it, so a period's count is the
number of rows with a day in the period and no earlier day in it: a plain sum, per office
and day, with no DISTINCT.
"""

from django.db import models


class FigureDay(models.Model):
    """One participant with one figure on one day (a day she had at least one such row)."""

    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="+"
    )
    figure = models.CharField("tall", max_length=40)
    day = models.DateField("dag")
    prev_day = models.DateField("forrige dag med samme tall", null=True)

    class Meta:
        verbose_name = "dag med tall i oversikten"
        verbose_name_plural = "dager med tall i oversikten"
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "figure", "day"], name="overview_figureday_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.day:%d.%m.%Y}"


class OfficeFigureDay(models.Model):
    """FigureDay summed per office (hers at the refresh), figure, day and previous day."""

    nav_kontor = models.ForeignKey("accounts.NavKontor", on_delete=models.CASCADE, related_name="+")
    figure = models.CharField("tall", max_length=40)
    day = models.DateField("dag")
    prev_day = models.DateField("forrige dag med samme tall", null=True)
    n = models.PositiveIntegerField("antall")

    class Meta:
        verbose_name = "tall per kontor og dag"
        verbose_name_plural = "tall per kontor og dag"
        indexes = [models.Index(fields=["day", "figure"], name="overview_officeday_day")]

    def __str__(self) -> str:
        return f"{self.figure} {self.day:%d.%m.%Y}: {self.n}"


class FigureRefresh(models.Model):
    """The one row saying what the aggregate holds: every day before ``through``."""

    through = models.DateField("dager før")
    # Rows created from the start of ``through`` on are read from their tables (aggregate.py).
    refreshed_at = models.DateTimeField("oppdatert")

    class Meta:
        verbose_name = "oppdatering av oversikten"
        verbose_name_plural = "oppdateringer av oversikten"

    def __str__(self) -> str:
        return f"Alle dager før {self.through:%d.%m.%Y}"
