"""Exports are data, never code: no cell is a formula, in Excel or CSV, whatever a name holds;
and a pseudonymised export tells nothing of the names' alphabetical order."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from overview.exports import neutralise
from overview.selectors import pseudonym
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://example.com";"Åpne")',
    "+47 SUM(A1)",
    "-2+3",
    "@cmd",
    "\tTab",
    "\rRetur",
]


@pytest.fixture
def hostile(leder):
    return [
        ParticipantFactory(nav_kontor=leder.nav_kontor, first_name=first, last_name=f"Etternavn{i}")
        for i, first in enumerate(HOSTILE)
    ]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _export(client, user, fmt):
    client.force_login(user)
    return client.get(reverse("overview:export"), {"innhold": "rader", "format": fmt})


def test_no_excel_cell_is_a_formula(client, leder, hostile):
    response = _export(client, leder, "xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(_body(response))).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert len(cells) > len(HOSTILE)
    for cell in cells:
        assert cell.data_type != "f", cell.coordinate
        assert not (isinstance(cell.value, str) and cell.value.startswith("=")), cell.value
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://example.com";"Åpne") Etternavn0' in names


def test_csv_cells_that_would_be_formulas_start_with_a_quote(client, leder, hostile):
    text = _body(_export(client, leder, "csv")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not (cell.startswith("-") and not cell.lstrip("-").isdigit()), cell
    names = {row[1] for row in rows[1:]}
    for first in HOSTILE:
        assert f"'{first} Etternavn{HOSTILE.index(first)}" in names


def test_neutralise_follows_owasp():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("Ola") == "Ola"
    assert neutralise(-3) == -3


def test_pseudonymised_rows_are_ordered_by_pseudonym(client, admin_user, kontor):
    people = [
        ParticipantFactory(nav_kontor=kontor, last_name=name)
        for name in ("Aas", "Berg", "Dahl", "Eik", "Foss", "Hagen", "Lie", "Moe")
    ]
    text = _body(_export(client, admin_user, "csv")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    assert [r[1] for r in rows] == [""] * len(people)
    assert [r[0] for r in rows] == sorted(pseudonym(p) for p in people)
