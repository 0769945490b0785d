"""Fødselsnummer and D-nummer: validation (python-stdnum), birth date, age and masking."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import fodselsnummer

# Tenor (Skatteetaten's synthetic test population) adds 80 to the month.
SYNTHETIC_MONTH_OFFSET = 80


@dataclass(frozen=True)
class Identity:
    number: str
    birth_date: datetime.date
    is_d_number: bool
    is_synthetic: bool


def _is_synthetic(number: str) -> bool:
    return int(number[2:4]) > SYNTHETIC_MONTH_OFFSET


def _birth_date(number: str) -> datetime.date:
    if _is_synthetic(number):
        month = int(number[2:4]) - SYNTHETIC_MONTH_OFFSET
        number = f"{number[:2]}{month:02d}{number[4:]}"
    return fodselsnummer.get_birth_date(number)


def parse_identity(raw: str, *, allow_synthetic: bool | None = None, today=None) -> Identity:
    """Validate a fødselsnummer or D-nummer; raise ValidationError with a Norwegian message."""
    if allow_synthetic is None:
        allow_synthetic = settings.ALLOW_SYNTHETIC_IDENTITIES
    number = fodselsnummer.compact(raw or "")
    if not number.isdigit():
        raise ValidationError(
            "Fødselsnummer/D-nummer kan bare inneholde sifre (11 sifre).", code="format"
        )
    if len(number) != 11:
        raise ValidationError(
            "Fødselsnummer/D-nummer skal ha 11 sifre, du skrev %(n)s.",
            code="length",
            params={"n": len(number)},
        )
    synthetic = _is_synthetic(number)
    if synthetic and not allow_synthetic:
        raise ValidationError(
            "Syntetiske testidentiteter kan ikke registreres her.", code="synthetic"
        )
    try:
        if number[9] != fodselsnummer.calc_check_digit1(number) or number[
            10
        ] != fodselsnummer.calc_check_digit2(number):
            raise InvalidChecksum()
        birth_date = _birth_date(number)
    except InvalidChecksum:
        raise ValidationError(
            "Kontrollsifrene stemmer ikke. Sjekk at fødselsnummeret/D-nummeret er skrevet riktig.",
            code="checksum",
        ) from None
    except (InvalidComponent, InvalidFormat, InvalidLength, StdnumError):
        raise ValidationError(
            "De seks første sifrene er ikke en gyldig fødselsdato.", code="date"
        ) from None
    if birth_date > (today or datetime.date.today()):
        raise ValidationError("Fødselsdatoen ligger i fremtiden.", code="future")
    return Identity(
        number=number,
        birth_date=birth_date,
        is_d_number=int(number[0]) >= 4,
        is_synthetic=synthetic,
    )


def validate_identity(value: str) -> None:
    parse_identity(value)


def mask(number: str) -> str:
    """010190 ***** — the birth date part stays readable, the personal part is hidden."""
    if not number:
        return ""
    return f"{number[:6]} *****"


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def make_identity(birth_date: datetime.date, individual: int, *, synthetic: bool = False) -> str:
    """Build a number with correct check digits, or '' when this individual number has none.

    Used by the demo data and the tests; individual must suit the century (000-499 for
    1900-1999, 500-999 for 2000-2039).
    """
    month = birth_date.month + (SYNTHETIC_MONTH_OFFSET if synthetic else 0)
    base = f"{birth_date.day:02d}{month:02d}{birth_date.year % 100:02d}{individual:03d}"
    k1 = fodselsnummer.calc_check_digit1(base)
    if len(k1) != 1:
        return ""
    k2 = fodselsnummer.calc_check_digit2(base + k1)
    if len(k2) != 1:
        return ""
    return base + k1 + k2
