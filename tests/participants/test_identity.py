import datetime

import pytest
from django.core.exceptions import ValidationError

from core.identity import age_on, make_identity, mask, parse_identity

TODAY = datetime.date(2026, 11, 24)


def test_accepts_valid_fodselsnummer_and_derives_birth_date():
    number = make_identity(datetime.date(1999, 3, 15), 123)
    identity = parse_identity(number, allow_synthetic=False, today=TODAY)
    assert identity.birth_date == datetime.date(1999, 3, 15)
    assert not identity.is_d_number


def test_accepts_spaces_inside_the_number():
    number = make_identity(datetime.date(2004, 7, 1), 612)
    identity = parse_identity(f"{number[:6]} {number[6:]}", allow_synthetic=False, today=TODAY)
    assert identity.number == number
    assert identity.birth_date == datetime.date(2004, 7, 1)


def test_accepts_d_nummer_with_birth_date_from_day_plus_40():
    born = datetime.date(1995, 5, 9)
    for individual in range(100, 200):
        base = f"{born.day + 40:02d}{born.month:02d}{born.year % 100:02d}{individual:03d}"
        from stdnum.no import fodselsnummer

        k1 = fodselsnummer.calc_check_digit1(base)
        k2 = fodselsnummer.calc_check_digit2(base + k1) if len(k1) == 1 else "10"
        if len(k1) == 1 and len(k2) == 1:
            number = base + k1 + k2
            break
    identity = parse_identity(number, allow_synthetic=False, today=TODAY)
    assert identity.is_d_number
    assert identity.birth_date == born


def test_refuses_wrong_check_digit_with_norwegian_message():
    number = make_identity(datetime.date(1999, 3, 15), 123)
    wrong = number[:10] + str((int(number[10]) + 1) % 10)
    with pytest.raises(ValidationError) as exc:
        parse_identity(wrong, allow_synthetic=False, today=TODAY)
    assert exc.value.code == "checksum"
    assert "Kontrollsifrene stemmer ikke" in exc.value.messages[0]


def test_refuses_impossible_date():
    # 31 February does not exist; compute correct check digits so only the date is wrong.
    from stdnum.no import fodselsnummer

    for individual in range(100, 300):
        base = f"310299{individual:03d}"
        k1 = fodselsnummer.calc_check_digit1(base)
        if len(k1) != 1:
            continue
        k2 = fodselsnummer.calc_check_digit2(base + k1)
        if len(k2) == 1:
            break
    with pytest.raises(ValidationError) as exc:
        parse_identity(base + k1 + k2, allow_synthetic=False, today=TODAY)
    assert exc.value.code == "date"
    assert "gyldig fødselsdato" in exc.value.messages[0]


@pytest.mark.parametrize("raw,n", [("1234567890", 10), ("123456789012", 12), ("1", 1)])
def test_refuses_wrong_length_and_says_how_many_digits(raw, n):
    with pytest.raises(ValidationError) as exc:
        parse_identity(raw, allow_synthetic=False, today=TODAY)
    assert exc.value.code == "length"
    assert f"du skrev {n}" in exc.value.messages[0]


def test_refuses_letters():
    with pytest.raises(ValidationError) as exc:
        parse_identity("1503991234a", allow_synthetic=False, today=TODAY)
    assert exc.value.code == "format"


def test_refuses_birth_date_in_the_future():
    number = make_identity(datetime.date(2027, 1, 2), 600)
    with pytest.raises(ValidationError) as exc:
        parse_identity(number, allow_synthetic=False, today=TODAY)
    assert exc.value.code == "future"


def test_synthetic_numbers_only_where_allowed():
    number = next(
        n
        for i in range(500, 999)
        if (n := make_identity(datetime.date(2001, 4, 20), i, synthetic=True))
    )
    assert parse_identity(number, allow_synthetic=True, today=TODAY).birth_date == datetime.date(
        2001, 4, 20
    )
    with pytest.raises(ValidationError) as exc:
        parse_identity(number, allow_synthetic=False, today=TODAY)
    assert exc.value.code == "synthetic"


def test_mask_hides_the_personal_digits():
    assert mask("01019012345") == "010190 *****"


def test_age_counts_whole_years():
    born = datetime.date(2005, 11, 25)
    assert age_on(born, datetime.date(2026, 11, 24)) == 20
    assert age_on(born, datetime.date(2026, 11, 25)) == 21
