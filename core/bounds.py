"""Plausible windows for every date, number and text the app accepts, one place per kind.

A value outside its window is a typing slip or an attack, never data: year 1 and year 9999
once reached the database and broke every page and scan that did arithmetic on them. Forms
(``core.forms.AkselFormMixin``), model validation and GET filters all ask this module, and
each refusal states the window in Norwegian.
"""

import datetime
import unicodedata
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

# The programme's oldest records; nothing before this is a case date.
EARLIEST = datetime.date(1990, 1, 1)
# How far ahead anything may be planned (agreements, contracts, events, JobbLoop).
YEARS_AHEAD = 5
# A participant is a person alive today; the oldest plausible one is this old.
OLDEST_AGE = 100


def _today() -> datetime.date:
    return timezone.localdate()


def _last_planned_day(today: datetime.date) -> datetime.date:
    return datetime.date(today.year + YEARS_AHEAD, 12, 31)


@dataclass(frozen=True)
class DateWindow:
    kind: str
    lower_of: "callable"
    upper_of: "callable"

    def lower(self, today: datetime.date | None = None) -> datetime.date:
        return self.lower_of(today or _today())

    def upper(self, today: datetime.date | None = None) -> datetime.date:
        return self.upper_of(today or _today())

    def message(self, today: datetime.date | None = None) -> str:
        return (
            f"Datoen må være mellom {self.lower(today):%d.%m.%Y} og {self.upper(today):%d.%m.%Y}."
        )

    def contains(self, value: datetime.date, today: datetime.date | None = None) -> bool:
        return self.lower(today) <= value <= self.upper(today)

    def check(self, value) -> None:
        """Raise the window's message for a date (or datetime) outside it; None passes."""
        if value is None:
            return
        if isinstance(value, datetime.datetime):
            value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
        if not self.contains(value):
            message = self.message()
            if self.kind in ("past", "birth") and value > _today():
                message = "Datoen kan ikke være i fremtiden. " + message
            raise ValidationError(message, code="date_window")


# Birth dates: alive and born.
BIRTH = DateWindow(
    "birth",
    lambda today: datetime.date(today.year - OLDEST_AGE, 1, 1),
    lambda today: today,
)
# What has happened: meetings held, contracts signed, consents given, fagprøver passed.
PAST = DateWindow("past", lambda today: EARLIEST, lambda today: today)
# What is planned: next meetings, JobbLoop starts, appointments (a little back for late entry).
PLANNED = DateWindow(
    "planned", lambda today: datetime.date(today.year - 1, 1, 1), _last_planned_day
)
# Any other case date, and the filters of lists and statistics.
CASE = DateWindow("case", lambda today: EARLIEST, _last_planned_day)

WINDOWS = {w.kind: w for w in (BIRTH, PAST, PLANNED, CASE)}


@deconstructible
class DateWindowValidator:
    """Model field validator naming its window by kind, so migrations stay stable."""

    def __init__(self, kind: str):
        if kind not in WINDOWS:
            raise ValueError(f"unknown date window {kind!r}")
        self.kind = kind

    @property
    def window(self) -> DateWindow:
        return WINDOWS[self.kind]

    def __call__(self, value) -> None:
        self.window.check(value)

    def __eq__(self, other) -> bool:
        return isinstance(other, DateWindowValidator) and other.kind == self.kind

    def __hash__(self) -> int:
        return hash(self.kind)


def window_of(validators) -> DateWindow | None:
    for validator in validators:
        if isinstance(validator, DateWindowValidator):
            return validator.window
    return None


# --- Numbers --------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberWindow:
    lower: int
    upper: int

    def message(self) -> str:
        return f"Tallet må være mellom {self.lower} og {self.upper}."


# Counts, positions, minutes, months: nothing in a case needs more than this.
COUNT = NumberWindow(0, 100_000)


# --- Safe date arithmetic ---------------------------------------------------------------


def add_days(day: datetime.date, days: int) -> datetime.date:
    """``day + days``, held at date.min/date.max instead of raising OverflowError."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar months, clamped at month end (relativedelta's rule) and at date.min/max."""
    try:
        return day + relativedelta(months=months)
    except (ValueError, OverflowError):
        return datetime.date.max if months > 0 else datetime.date.min


# --- Text -------------------------------------------------------------------------------

SHORT_TEXT = 200  # a single-line field without its own limit
LONG_TEXT = 5000  # a text area without its own limit

# Right-to-left overrides and isolates: they make "gpj.exe" look like "exe.jpg".
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
# Zero-width characters: invisible, so two names that look alike would differ.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
MULTILINE_CONTROLS = frozenset("\t\n\r")


def normalise(text: str) -> str:
    """NFC, so "å" typed as a + ring is stored, searched and sorted as "å"."""
    return unicodedata.normalize("NFC", text)


def check_text(value: str, *, multiline: bool = False, name: bool = False) -> None:
    """Refuse control characters (except line breaks and tabs in a text area), direction
    overrides, and in names any invisible formatting character."""
    if not value:
        return
    allowed = MULTILINE_CONTROLS if multiline else frozenset()
    for char in value:
        if char in allowed:
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            raise ValidationError(
                "Teksten inneholder kontrolltegn som ikke kan lagres. Fjern dem og prøv igjen.",
                code="control_character",
            )
        if char in BIDI_CONTROLS:
            raise ValidationError(
                "Teksten inneholder usynlige tegn som snur skriveretningen. "
                "Fjern dem og prøv igjen.",
                code="bidi_character",
            )
        if name and (char in ZERO_WIDTH or category == "Cf"):
            raise ValidationError(
                "Navnet inneholder usynlige tegn. Skriv det inn på nytt uten dem.",
                code="invisible_character",
            )


# --- Durations ----------------------------------------------------------------------------


def _unit(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def duration_text(value: datetime.timedelta) -> str:
    """A duration the Norwegian way: "30 minutter", "1 time og 15 minutter", "2 dager"."""
    minutes = max(0, round(value.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_unit(days, "dag", "dager"))
    if hours:
        parts.append(_unit(hours, "time", "timer"))
    if minutes or not parts:
        parts.append(_unit(minutes, "minutt", "minutter"))
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " og " + parts[-1]
